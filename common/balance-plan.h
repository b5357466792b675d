/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_PLAN_H
#define HEATMAP_BALANCE_PLAN_H

#include <stdbool.h>
#include <stdint.h>
#include "common/devid-filter.h"
#include "common/min-heap.h"
#include "common/open-utils.h"

/*
 * The reference's load_block_groups(): for every chunk of a wanted type
 * (data, mixed included; metadata too with @metadata; never system), look
 * its block group up with the chunk's length and queue it on @heap when
 * its used_pct is at most @max_used_pct and its stripes pass @filter
 * (NULL: all do).  *@min_used_pct is the least
 * used_pct of all the wanted block groups, queued or not, 101 when there
 * are none.  Return 0 or -errno.
 */
int balance_plan_load(const struct btrfs_fs *fs, struct min_heap *heap,
		      int max_used_pct, bool metadata,
		      const struct devid_filter *filter, int *min_used_pct);

/*
 * What relocating @bg gives back at best: the unused part of its chunk in
 * raw device bytes (twice the block group's for DUP or RAID1), as when its
 * data fits into free space of other block groups.
 */
uint64_t balance_plan_give_back(const struct heap_bg *bg);

/*
 * Block groups and used bytes of the next @max steps of the queue (0: all
 * of it), in the order they would come.  Return 0 or -ENOMEM.
 */
int balance_plan_totals(const struct min_heap *heap, uint64_t max,
			uint64_t *items, uint64_t *bytes);

#endif
