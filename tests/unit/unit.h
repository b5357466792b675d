/* SPDX-License-Identifier: MIT */
/*
 * A tiny unit test harness.  Each test is a void function run by RUN_TEST();
 * a failed check prints file:line and what was expected, marks the test
 * failed and returns from it.  UNIT_DONE() prints "NAME: N passed, M failed"
 * and gives the exit status: 0 only when nothing failed.
 *
 * Checks return from the function they are in, so use them in the test
 * functions themselves (or in void helpers called through CHECK_SUB()).
 */
#ifndef HEATMAP_TESTS_UNIT_H
#define HEATMAP_TESTS_UNIT_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_passed, unit_failed;
static int unit_current_failed;

#define UNIT_FAIL(fmt, ...)						\
	do {								\
		fprintf(stderr, "%s:%d: " fmt "\n", __FILE__, __LINE__,	\
			##__VA_ARGS__);					\
		unit_current_failed = 1;				\
		return;							\
	} while (0)

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			UNIT_FAIL("check failed: %s", #cond);		\
	} while (0)

/* Like CHECK, with a printf-style note saying which case failed. */
#define CHECK_MSG(cond, fmt, ...)					\
	do {								\
		if (!(cond))						\
			UNIT_FAIL("check failed: %s: " fmt, #cond,	\
				  ##__VA_ARGS__);			\
	} while (0)

#define CHECK_INT(actual, expected)					\
	do {								\
		long long a_ = (actual), e_ = (expected);		\
		if (a_ != e_)						\
			UNIT_FAIL("%s is %lld, expected %lld", #actual,	\
				  a_, e_);				\
	} while (0)

#define CHECK_U64(actual, expected)					\
	do {								\
		uint64_t a_ = (actual), e_ = (expected);		\
		if (a_ != e_)						\
			UNIT_FAIL("%s is %" PRIu64 ", expected %" PRIu64, \
				  #actual, a_, e_);			\
	} while (0)

#define CHECK_STR(actual, expected)					\
	do {								\
		const char *a_ = (actual), *e_ = (expected);		\
		if (strcmp(a_, e_))					\
			UNIT_FAIL("%s is \"%s\", expected \"%s\"",	\
				  #actual, a_, e_);			\
	} while (0)

/* Call a void helper that uses checks; stop this test if it failed. */
#define CHECK_SUB(call)							\
	do {								\
		call;							\
		if (unit_current_failed)				\
			UNIT_FAIL("  from %s", #call);			\
	} while (0)

#define RUN_TEST(fn)							\
	do {								\
		unit_current_failed = 0;				\
		fn();							\
		if (unit_current_failed) {				\
			fprintf(stderr, "FAIL %s\n", #fn);		\
			unit_failed++;					\
		} else {						\
			unit_passed++;					\
		}							\
	} while (0)

#define UNIT_DONE(name)							\
	(printf("%s: %d passed, %d failed\n", (name), unit_passed,	\
		unit_failed), unit_failed ? EXIT_FAILURE : EXIT_SUCCESS)

#endif
