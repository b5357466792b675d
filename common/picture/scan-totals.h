/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SCAN_TOTALS_H
#define HEATMAP_SCAN_TOTALS_H

#include <stdint.h>
#include <linux/btrfs_tree.h>
#include "common/scan.h"

/* The bits of block group flags that make a line of btrfs filesystem df. */
#define SCAN_PROFILE_FLAGS	(BTRFS_BLOCK_GROUP_TYPE_MASK | \
				 BTRFS_BLOCK_GROUP_PROFILE_MASK)

/* Allocated and used bytes of one type and profile, as btrfs fi df. */
struct scan_profile_total {
	uint64_t flags;		/* type and profile bits only */
	uint64_t allocated;
	uint64_t used;
};

/*
 * Sum the block groups of @scan per type and profile: one total for each
 * that occurs, in order of their flags, into *@totals (the caller frees
 * it; NULL when there is none) and their number into *@nr.  Return 0 or
 * -ENOMEM.
 */
int scan_profile_totals(const struct scan *scan,
			struct scan_profile_total **totals, uint32_t *nr);

#endif
