// SPDX-License-Identifier: MIT
/* Command line number, size and choice parsing: the edges. */
#include <errno.h>
#include <stdint.h>
#include "common/draw/curve.h"
#include "common/parse-utils.h"
#include "kernel-lib/kernel.h"
#include "tests/unit/unit.h"

struct int_case {
	const char *str;
	int min, max;
	int ret;	/* 0 or -errno */
	int val;
};

static void test_parse_int_range(void)
{
	static const struct int_case cases[] = {
		{ "1", 1, 15, 0, 1 },
		{ "15", 1, 15, 0, 15 },
		{ "007", 1, 15, 0, 7 },
		{ "-3", -5, 5, 0, -3 },
		{ "0", 1, 15, -ERANGE, 0 },
		{ "16", 1, 15, -ERANGE, 0 },
		{ "-1", 1, 15, -ERANGE, 0 },
		{ "2147483648", 1, 15, -ERANGE, 0 },
		{ "99999999999999999999", 1, 15, -ERANGE, 0 },
		{ "-99999999999999999999", -5, 5, -ERANGE, 0 },
		{ "", 1, 15, -EINVAL, 0 },
		{ "abc", 1, 15, -EINVAL, 0 },
		{ "3x", 1, 15, -EINVAL, 0 },
		{ "3 ", 1, 15, -EINVAL, 0 },
		{ " 3", 1, 15, -EINVAL, 0 },
		{ "-", -5, 5, -EINVAL, 0 },
		{ "--3", -5, 5, -EINVAL, 0 },
		{ "0x3", 1, 15, -EINVAL, 0 },
		{ "3.0", 1, 15, -EINVAL, 0 },
	};
	size_t i;
	int val, ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		val = 12345;
		ret = parse_int_range(cases[i].str, cases[i].min, cases[i].max,
				      &val);
		CHECK_MSG(ret == cases[i].ret, "\"%s\" in [%d, %d]: returned %d, expected %d",
			  cases[i].str, cases[i].min, cases[i].max, ret,
			  cases[i].ret);
		if (!ret)
			CHECK_MSG(val == cases[i].val, "\"%s\": %d", cases[i].str,
				  val);
		else
			CHECK_MSG(val == 12345, "\"%s\": result changed on error",
				  cases[i].str);
	}
}

struct u64_case {
	const char *str;
	int ret;
	uint64_t val;
};

static void check_u64_cases(int (*parse)(const char *, uint64_t *),
			    const char *name, const struct u64_case *cases,
			    size_t nr)
{
	uint64_t val;
	size_t i;
	int ret;

	for (i = 0; i < nr; i++) {
		val = 12345;
		ret = parse(cases[i].str, &val);
		CHECK_MSG(ret == cases[i].ret, "%s(\"%s\") returned %d, expected %d",
			  name, cases[i].str, ret, cases[i].ret);
		if (!ret)
			CHECK_MSG(val == cases[i].val,
				  "%s(\"%s\") gave %" PRIu64 ", expected %" PRIu64,
				  name, cases[i].str, val, cases[i].val);
	}
}

static void test_parse_u64(void)
{
	static const struct u64_case cases[] = {
		{ "0", 0, 0 },
		{ "553844736", 0, 553844736 },
		{ "18446744073709551615", 0, UINT64_MAX },
		{ "18446744073709551616", -ERANGE, 0 },
		{ "", -EINVAL, 0 },
		{ "-1", -EINVAL, 0 },
		{ "+1", -EINVAL, 0 },
		{ " 1", -EINVAL, 0 },
		{ "1 ", -EINVAL, 0 },
		{ "12a", -EINVAL, 0 },
		{ "1k", -EINVAL, 0 },
	};

	CHECK_SUB(check_u64_cases(parse_u64, "parse_u64", cases,
				  ARRAY_SIZE(cases)));
}

static void test_parse_size(void)
{
	static const struct u64_case cases[] = {
		{ "0", 0, 0 },
		{ "1", 0, 1 },
		{ "4096", 0, 4096 },
		{ "1k", 0, 1024 },
		{ "1K", 0, 1024 },
		{ "1KiB", 0, 1024 },
		{ "1KB", 0, 1024 },
		{ "2m", 0, 2ULL << 20 },
		{ "2MiB", 0, 2ULL << 20 },
		{ "3G", 0, 3ULL << 30 },
		{ "1t", 0, 1ULL << 40 },
		{ "1p", 0, 1ULL << 50 },
		{ "1e", 0, 1ULL << 60 },
		{ "15E", 0, 15ULL << 60 },
		{ "17179869183g", 0, 17179869183ULL << 30 },
		{ "18446744073709551615", 0, UINT64_MAX },
		/* too big */
		{ "16e", -ERANGE, 0 },
		{ "17179869184g", -ERANGE, 0 },
		{ "18446744073709551616", -ERANGE, 0 },
		/* not a size */
		{ "", -EINVAL, 0 },
		{ "k", -EINVAL, 0 },
		{ "-1", -EINVAL, 0 },
		{ "1x", -EINVAL, 0 },
		{ "1kk", -EINVAL, 0 },
		{ "1 k", -EINVAL, 0 },
		{ "1.5g", -EINVAL, 0 },
		{ "1GiBs", -EINVAL, 0 },
		{ "1iB", -EINVAL, 0 },
	};

	CHECK_SUB(check_u64_cases(parse_size, "parse_size", cases,
				  ARRAY_SIZE(cases)));
}

static void test_parse_choice(void)
{
	CHECK_INT(parse_choice("hilbert", curve_names), CURVE_HILBERT);
	CHECK_INT(parse_choice("linear", curve_names), CURVE_LINEAR);
	CHECK_INT(parse_choice("snake", curve_names), CURVE_SNAKE);
	/* argparse choices: exact words only */
	CHECK_INT(parse_choice("hil", curve_names), -1);
	CHECK_INT(parse_choice("Snake", curve_names), -1);
	CHECK_INT(parse_choice("", curve_names), -1);
	CHECK_INT(parse_choice("snakes", curve_names), -1);
}

int main(void)
{
	RUN_TEST(test_parse_int_range);
	RUN_TEST(test_parse_u64);
	RUN_TEST(test_parse_size);
	RUN_TEST(test_parse_choice);
	return UNIT_DONE("test-parse");
}
