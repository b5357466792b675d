/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_GAIN_H
#define HEATMAP_BALANCE_GAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "common/btrfs/open-utils.h"

/*
 * What relocating one block group gives back.  Its chunk comes back only
 * when its data fits into free space of the other block groups of its
 * type and profile; what does not fit goes to a new chunk, which the
 * kernel allocates, and the step gains that chunk less.  Relocation
 * keeps each data extent whole (it preallocates every extent at its own
 * size), so with the free space tree each extent needs one free extent
 * as large: best fit, largest extent first.  Without the free space tree
 * only the used bytes are known, and the estimate is by bytes alone.
 *
 * Since Linux 6.3 data block groups have a size class (extents up to
 * 128 KiB, up to 8 MiB, larger), and the allocator tries a block group of
 * another size class only after it allocated a new chunk: an extent fits
 * only into block groups of its own size class or of none yet.
 *
 * Where the kernel's class comes from (fs/btrfs/block-group.c): the class
 * lives in memory only.  When the free space of a block group is first
 * cached after mount, load_block_group_size_class() gives it the class of
 * the smallest of five extents sampled at even steps through it
 * (sample_block_group_extent_item(), btrfs_calc_block_group_size_class());
 * btrfs_use_block_group_size_class() gives one of no class the class of
 * its first allocation; and since "btrfs: reset block group size class
 * when it becomes empty" (5870ec7c8fe5, 2026, also in 6.18 stable:
 * btrfs_maybe_reset_size_class()) one whose used and reserved bytes fall
 * to 0 has none again.  It is never sampled again while
 * mounted.  So the estimate samples once, when it first sees a block
 * group, and carries the class from step to step (gain_pool_load() with
 * the previous pool); a block group that got data while it had no class
 * (a new chunk, an empty one) takes the class of its first extent.
 */
enum gain_size_class {
	GAIN_SZ_NONE,
	GAIN_SZ_SMALL,		/* up to 128 KiB */
	GAIN_SZ_MEDIUM,		/* up to 8 MiB */
	GAIN_SZ_LARGE,
};
struct gain_bg {
	uint64_t vaddr;
	uint64_t length;
	uint64_t flags;		/* BTRFS_BLOCK_GROUP_* */
	uint64_t raw;		/* device bytes its chunk takes */
	bool gone;		/* relocated in a simulation */
	enum gain_size_class size_class;
};

struct gain_free {
	uint64_t length;
	int bg;			/* index into bgs */
};

struct gain_placed {
	uint64_t length;
	int bg;			/* where a simulated step put an extent */
};

/* The free space of a filesystem, by block group. */
struct gain_pool {
	bool contiguous;	/* free extents from the free space tree */
	struct gain_bg *bgs;
	int nr_bgs, alloc_bgs;
	struct gain_free *free;
	int nr_free, alloc_free;
	struct gain_placed *placed;
	int nr_placed, alloc_placed;
};

struct gain_estimate {
	int64_t gain;		/* raw bytes of unallocated space won */
	uint64_t extents;	/* extents to move */
	uint64_t bytes;		/* their bytes */
	uint64_t unplaced;	/* bytes that find no room: a new chunk */
	int new_chunks;
	int others;		/* other block groups of its type and profile */
	uint64_t others_free;	/* free bytes in them */
	uint64_t largest_free;	/* their largest free extent */
	int wrong_class;	/* unplaced extents that fit, but in another
				   size class */
};

/* The size class of an allocation of @size bytes. */
enum gain_size_class gain_size_class(uint64_t size);

/*
 * The class the kernel holds now for a block group with @used bytes,
 * which had class @prev when last seen (@known; else it is new), and
 * whose first extent is @first bytes (0: none).
 */
enum gain_size_class gain_size_class_carry(bool known,
					   enum gain_size_class prev,
					   uint64_t used, uint64_t first);

/*
 * Read the block groups of @fs and their free space: the free space tree
 * when @fs has one, else length minus used of each.  Their size classes
 * come from @prev, the pool of the step before (NULL: the first, sample
 * them), as the kernel keeps them.  Return 0 or -errno.
 */
int gain_pool_load(const struct btrfs_fs *fs, const struct gain_pool *prev,
		   struct gain_pool *pool);

/* Add a block group; return its index or -ENOMEM. */
int gain_pool_add_bg(struct gain_pool *pool, uint64_t vaddr, uint64_t length,
		     uint64_t flags, uint64_t raw);

/* Add free space of @length to block group @bg.  Return 0 or -ENOMEM. */
int gain_pool_add_free(struct gain_pool *pool, int bg, uint64_t length);

void gain_pool_release(struct gain_pool *pool);

/*
 * Estimate relocating the block group at @vaddr whose extents have the
 * @nr sizes @sizes (plus what earlier simulated steps put into it).  With
 * @apply, change @pool as the step would: the block group gone, its
 * extents in the others' free space, new chunks added.  Return 0, -ENOENT
 * when @vaddr is not in @pool, or -ENOMEM.
 */
int gain_estimate_sizes(struct gain_pool *pool, uint64_t vaddr,
			const uint64_t *sizes, int nr, bool apply,
			struct gain_estimate *est);

/* The same, reading the extents of the block group from @fs. */
int gain_estimate(struct gain_pool *pool, const struct btrfs_fs *fs,
		  uint64_t vaddr, bool apply, struct gain_estimate *est);

/*
 * Why, in a few words for the end of a line: "its 12 extents (300MiB)
 * fit into free space of 3 other DATA block groups".
 */
void gain_estimate_reason(const struct gain_estimate *est, uint64_t flags,
			  char *buf, size_t len);

#endif
