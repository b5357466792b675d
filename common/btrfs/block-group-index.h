/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BLOCK_GROUP_INDEX_H
#define HEATMAP_BLOCK_GROUP_INDEX_H

#include <stdint.h>
#include "common/btrfs/block-group-items.h"
#include "common/btrfs/chunk-items.h"

/*
 * Block groups by address, each read at most once.  With the block group
 * tree all of them come in one pass over tree 11; otherwise each is one
 * exact lookup in the extent tree with the length known from the chunk
 * tree: on a large filesystem by a few threads from the start, while the
 * caller goes on (it looks up itself what it asks for before they do),
 * else when first asked for.
 */
struct block_group_lookups;

struct block_group_index {
	const struct btrfs_fs *fs;
	/* Each entry's address and length, sorted: never written after init. */
	struct chunk_span *spans;
	struct block_group_info *bgs;	/* what each lookup found */
	int8_t *state;			/* per entry: 0 unread, 1 found, -1 none,
					   2 being read (atomic) */
	int nr;
	struct block_group_lookups *lookups;	/* the threads, or NULL */
};

/* Return 0 or -errno (with nothing left to release). */
int block_group_index_init(struct block_group_index *idx,
			   const struct btrfs_fs *fs);

/*
 * Find the block group at @vaddr.  Return 1 found, 0 if there is none,
 * or -errno.
 */
int block_group_index_get(struct block_group_index *idx, uint64_t vaddr,
			  struct block_group_info *bg);

/*
 * Every block group, in address order, into *@ret (free() it).  Return the
 * count or -errno.
 */
int block_group_index_collect(struct block_group_index *idx,
			      struct block_group_info **ret);

void block_group_index_release(struct block_group_index *idx);

#endif
