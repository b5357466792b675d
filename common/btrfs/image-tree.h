/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_IMAGE_TREE_H
#define HEATMAP_IMAGE_TREE_H

#include <stdbool.h>
#include <stdint.h>
#include "common/btrfs/image-fs.h"
#include "common/btrfs/tree-search.h"
#include "kernel-lib/btrfs-ondisk.h"

/*
 * Check a tree block of @nodesize bytes at @buf on its own, as the kernel's
 * tree-checker does before it trusts one: checksum @csum_type, its own
 * address @bytenr, filesystem @fsid, level, item count, keys strictly in
 * order, items inside the block and not overlapping.  Return 0, -EBADMSG
 * for a wrong checksum, -EOPNOTSUPP for a checksum this build lacks,
 * -EUCLEAN for the rest; *@why says what.
 */
int image_block_check(const uint8_t *buf, uint32_t nodesize,
		      uint16_t csum_type, const uint8_t *fsid,
		      uint64_t bytenr, const char **why);

/*
 * Iterator over the items of one tree between two keys, walking the tree
 * blocks of an image: the same items in the same order as the kernel's
 * tree search.  Holds one block of each level.
 */
struct image_search {
	struct image_fs *fs;
	uint64_t tree;
	struct tree_key min;
	struct tree_key max;
	struct tree_key last;
	int depth;
	struct image_block *path[BTRFS_ONDISK_MAX_LEVEL];
	uint32_t slot[BTRFS_ONDISK_MAX_LEVEL];
	bool started;
	bool have_last;
	bool done;
};

/* Prepare a search of @tree for keys in [@min, @max].  Return 0. */
int image_search_init(struct image_search *s, struct image_fs *fs,
		      uint64_t tree, const struct tree_key *min,
		      const struct tree_key *max);

/*
 * Point @item at the next item, valid until the next call.  Return 1, 0 at
 * the end, -errno (the fs notes why).
 */
int image_search_next(struct image_search *s, struct tree_item *item);

void image_search_release(struct image_search *s);

/* Drop the cached blocks. */
void image_cache_release(struct image_fs *fs);

#endif
