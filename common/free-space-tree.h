/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_FREE_SPACE_TREE_H
#define HEATMAP_FREE_SPACE_TREE_H

#include <stdbool.h>
#include <stdint.h>
#include "common/open-utils.h"

/* A run of free space inside a block group. */
struct free_extent {
	uint64_t start;
	uint64_t length;
};

/* True when @fs keeps a valid free space tree (tree 10). */
bool free_space_tree_present(const struct btrfs_fs *fs);

/*
 * Read every free extent of the free space tree, in address order, both
 * extent items and the runs of set bits in bitmap items, into a new
 * array *@ret.  Runs are not joined across items: two entries may touch.  Return the count or -errno: -ENOENT without the tree,
 * -EUCLEAN for a bitmap item shorter than its range needs.
 */
int free_space_tree_read(const struct btrfs_fs *fs, struct free_extent **ret);

/*
 * Append the runs of set bits of the bitmap @bits, one bit per
 * @sectorsize bytes from @start over @length bytes, to the array *@list
 * of *@nr entries (*@alloc allocated).  Return 0, -EUCLEAN when @len
 * bytes are too few for the range, or -ENOMEM.
 */
int free_space_bitmap_runs(uint64_t start, uint64_t length,
			   uint32_t sectorsize, const uint8_t *bits,
			   uint32_t len, struct free_extent **list, int *nr,
			   int *alloc);

#endif
