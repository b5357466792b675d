/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DIFF_SUMMARY_H
#define HEATMAP_DIFF_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include "common/draw/diff-pixels.h"
#include "common/scan.h"

/* A number before and after; the change is after - before. */
struct diff_amount {
	uint64_t before;
	uint64_t after;
};

/* Allocated and used bytes of one type and profile, as btrfs fi df. */
struct diff_profile {
	uint64_t flags;		/* type and profile bits */
	struct diff_amount allocated;
	struct diff_amount used;
};

struct diff_device {
	uint64_t devid;
	struct diff_amount size;
	struct diff_amount unallocated;
};

enum diff_bg_change {
	BG_ADDED,
	BG_REMOVED,
	BG_FILLED,
	BG_EMPTIED,
	BG_TYPE_CHANGED,	/* flags or length differ at the same address */
};

extern const char * const diff_bg_change_names[];

/* A block group that is not the same before and after. */
struct diff_bg {
	uint64_t vaddr;
	enum diff_bg_change what;
	uint64_t flags;		/* after, or before when removed */
	struct diff_amount length;
	struct diff_amount used;
};

/* What diff reports: from the scans when both sides have one. */
struct diff_summary {
	bool have_scans;
	struct diff_profile *profiles;
	int nr_profiles;
	struct diff_device *devices;
	int nr_devices;
	struct diff_amount block_groups;
	uint32_t added, removed, changed;
	struct diff_bg *changes;	/* in address order */
	uint32_t nr_changes;

	/* Always: pixels of the picture by class. */
	uint64_t pixels[DIFF_NR_CLASSES];
	uint64_t nr_pixels;
	double bytes_per_pixel;		/* 0 when no side says */
};

/* Compare the scans @old and @new into @sum.  Return 0 or -ENOMEM. */
int diff_summary_scans(struct diff_summary *sum, const struct scan *old,
		       const struct scan *new);

/* True when nothing at all changed. */
bool diff_summary_unchanged(const struct diff_summary *sum);

void diff_summary_release(struct diff_summary *sum);

#endif
