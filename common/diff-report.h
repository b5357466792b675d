/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DIFF_REPORT_H
#define HEATMAP_DIFF_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "common/diff-summary.h"

/* One side of a diff as the summary names it. */
struct diff_report_side {
	const char *name;	/* the argument */
	bool live;
	bool has_scan;
	uint64_t time;		/* of the scan; 0 when unknown */
};

/* Changed block groups listed without -v: the largest, by address. */
#define DIFF_LARGEST	10

/*
 * Print @sum as text lines of normal output (none with -q); @all lists
 * every changed block group, else the DIFF_LARGEST largest changes.
 */
void diff_report_text(const struct diff_summary *sum,
		      const struct diff_report_side *old,
		      const struct diff_report_side *new, bool all);

/* Print the same as one JSON object to @out.  Return 0 or -ENOMEM. */
int diff_report_json(const struct diff_summary *sum,
		     const struct diff_report_side *old,
		     const struct diff_report_side *new, bool all, FILE *out);

#endif
