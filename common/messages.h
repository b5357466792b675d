/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_MESSAGES_H
#define HEATMAP_MESSAGES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Verbosity of normal output, as the reference counts it: 0 by default,
 * raised by -v, lowered by -q.  Messages at a level above it are dropped.
 */
extern int msg_verbosity;

/* Error and warning lines to stderr: lowercase start, no trailing newline. */
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
