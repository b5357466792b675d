/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_MIN_HEAP_H
#define HEATMAP_MIN_HEAP_H

#include <stdint.h>

/*
 * A block group waiting for relocation, as balance-least-used queues it.
 * Ordered by used percent, then by address: the reference keeps
 * (used_pct, BlockGroupItem) tuples in a heapq, and block group items
 * compare by their key, whose objectid is the address.
 */
struct heap_bg {
	int used_pct;
	uint64_t vaddr;
	uint64_t length;
	uint64_t used;
	uint64_t flags;		/* BTRFS_BLOCK_GROUP_* */
	uint64_t raw_bytes;	/* device bytes its chunk takes */
};

struct min_heap {
	struct heap_bg *items;
	int nr;
	int alloc;
};

/* Add @bg.  Return 0 or -ENOMEM. */
int min_heap_push(struct min_heap *heap, const struct heap_bg *bg);

/* The least used block group, NULL when empty. */
const struct heap_bg *min_heap_top(const struct min_heap *heap);

/* Remove the least used block group into *@bg (when not NULL). */
void min_heap_pop(struct min_heap *heap, struct heap_bg *bg);

/*
 * Remove the least used block group and add @bg in one step, as Python's
 * heapq.heapreplace.  The heap must not be empty.
 */
void min_heap_replace(struct min_heap *heap, const struct heap_bg *bg);

/* A copy of @heap, for walking the plan without touching it. */
int min_heap_copy(struct min_heap *dst, const struct min_heap *src);

void min_heap_release(struct min_heap *heap);

#endif
