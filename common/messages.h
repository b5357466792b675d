/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_MESSAGES_H
#define HEATMAP_MESSAGES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Levels of normal output, named as btrfs-progs names them, counted as the
 * reference counts -v: a line at a level above msg_verbosity is dropped.
 */
enum {
	LOG_QUIET = -1,		/* -q: errors only */
	LOG_DEFAULT = 0,	/* the lines printed without options */
	LOG_INFO = 1,		/* -v */
	LOG_VERBOSE = 2,	/* -vv */
	LOG_DEBUG = 3,		/* -vvv */
};

/* Verbosity of the running command: LOG_DEFAULT, -v raises, -q lowers. */
extern int msg_verbosity;

/* Error lines to stderr: lowercase start, no trailing newline. */
#define error(fmt, ...)	fprintf(stderr, "ERROR: " fmt "\n", ##__VA_ARGS__)
#define warning(fmt, ...) fprintf(stderr, "WARNING: " fmt "\n", ##__VA_ARGS__)

/* Print a line of normal output when the verbosity is at least @level. */
void pr_verbose(int level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Print @prefix and the @nr ids, each after a space, as one line of normal
 * output when the verbosity is at least @level.  The ids are u64 fields
 * @stride bytes apart: &items[0].id with sizeof(items[0]), or a plain
 * array with sizeof(uint64_t).
 */
void pr_verbose_ids(int level, const char *prefix, const uint64_t *ids,
		    int nr, size_t stride);

#endif
