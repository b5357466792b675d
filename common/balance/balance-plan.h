/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_PLAN_H
#define HEATMAP_BALANCE_PLAN_H

#include <stdbool.h>
#include <stdint.h>
#include "common/btrfs/devid-filter.h"
#include "common/btrfs/open-utils.h"
#include "kernel-lib/min_heap.h"

/*
 * A block group waiting for relocation, as balance-least-used queues it.
 */
struct plan_bg {
	int used_pct;
	uint64_t vaddr;
	uint64_t length;
	uint64_t used;
	uint64_t flags;		/* BTRFS_BLOCK_GROUP_* */
	uint64_t raw_bytes;	/* device bytes its chunk takes */
	int short_stripes;	/* on devices short of usable space */
};

/*
 * The queue of block groups to relocate, least used first: ordered by
 * used percent, then by address, as the reference keeps (used_pct,
 * BlockGroupItem) tuples in a heapq and block group items compare by
 * their key, whose objectid is the address.  With devices to prefer
 * (@prefer, set before loading), block groups with more stripes on them
 * come first, and least used first among those with as many.
 */
struct balance_plan {
	struct min_heap heap;
	const uint64_t *prefer;	/* devids; NULL: the reference's order */
	int nr_prefer;
};

void balance_plan_init(struct balance_plan *plan);

/* Queue @bg.  Return 0 or -ENOMEM. */
int balance_plan_push(struct balance_plan *plan, const struct plan_bg *bg);

/* The next block group to relocate, NULL when the plan is empty. */
const struct plan_bg *balance_plan_peek(const struct balance_plan *plan);

/* Take the next block group off the plan into *@bg (when not NULL). */
void balance_plan_pop(struct balance_plan *plan, struct plan_bg *bg);

/* Put the next block group back as @bg, as Python's heapq.heapreplace. */
void balance_plan_pop_push(struct balance_plan *plan,
			   const struct plan_bg *bg);

/* Block groups queued. */
static inline int balance_plan_nr(const struct balance_plan *plan)
{
	return (int)plan->heap.nr;
}

/*
 * The block group the least-used order alone would take next (the
 * reference's), NULL when the plan is empty.
 */
const struct plan_bg *balance_plan_least_used(const struct balance_plan *plan);

/* A copy of @src, for walking the plan without touching it. */
int balance_plan_copy(struct balance_plan *dst,
		      const struct balance_plan *src);

void balance_plan_free(struct balance_plan *plan);

/*
 * The reference's load_block_groups(): for every chunk of a wanted type
 * (data, mixed included; metadata too with @metadata; never system), look
 * its block group up with the chunk's length and queue it on @plan when
 * its used_pct is at most @max_used_pct and its stripes pass @filter
 * (NULL: all do), with its stripes on @plan->prefer counted.  *@min_used_pct is the least
 * used_pct of all the wanted block groups, queued or not, 101 when there
 * are none.  Return 0 or -errno.
 */
int balance_plan_load(const struct btrfs_fs *fs, struct balance_plan *plan,
		      int max_used_pct, bool metadata,
		      const struct devid_filter *filter, int *min_used_pct);

/*
 * What relocating @bg gives back at best: the unused part of its chunk in
 * raw device bytes (twice the block group's for DUP or RAID1), as when its
 * data fits into free space of other block groups.
 */
uint64_t balance_plan_give_back(const struct plan_bg *bg);

/*
 * Block groups and used bytes of the next @max steps of @plan (0: all
 * of it), in the order they would come.  Return 0 or -ENOMEM.
 */
int balance_plan_totals(const struct balance_plan *plan, uint64_t max,
			uint64_t *items, uint64_t *bytes);

#endif
