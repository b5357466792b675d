/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BLOCK_GROUP_ITEMS_H
#define HEATMAP_BLOCK_GROUP_ITEMS_H

#include <stdint.h>
#include "common/btrfs/open-utils.h"
#include "common/btrfs/tree-search.h"

/* A block group item, from the extent tree or the block group tree. */
struct block_group_info {
	uint64_t vaddr;
	uint64_t length;
	uint64_t used;
	uint64_t flags;
};

/*
 * Look up the block group at @vaddr, with @length when known (0 if not),
 * in whichever tree holds block group items.  One exact lookup, never a
 * scan.  Return 1 found, 0 not found, or -errno.
 */
int block_group_lookup(const struct btrfs_fs *fs, uint64_t vaddr,
		       uint64_t length, struct block_group_info *bg);

/* Fill @bg from block group item @item, whose data is @data. */
void block_group_parse(const struct tree_item *item, const void *data,
		       struct block_group_info *bg);

#endif
