// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/free-space-tree.h"
#include "common/btrfs/tree-search.h"

bool free_space_tree_present(const struct btrfs_fs *fs)
{
	uint64_t want = BTRFS_FEATURE_COMPAT_RO_FREE_SPACE_TREE |
			BTRFS_FEATURE_COMPAT_RO_FREE_SPACE_TREE_VALID;

	return (fs->compat_ro_flags & want) == want;
}

static int add_extent(struct free_extent **list, int *nr, int *alloc,
		      uint64_t start, uint64_t length)
{
	struct free_extent *p;

	if (*nr == *alloc) {
		p = realloc(*list, (*alloc ? *alloc * 2 : 64) * sizeof(*p));
		if (!p)
			return -ENOMEM;
		*list = p;
		*alloc = *alloc ? *alloc * 2 : 64;
	}
	(*list)[(*nr)++] = (struct free_extent){ start, length };
	return 0;
}

int free_space_bitmap_runs(uint64_t start, uint64_t length,
			   uint32_t sectorsize, const uint8_t *bits,
			   uint32_t len, struct free_extent **list, int *nr,
			   int *alloc)
{
	uint64_t nbits, i, run = 0;
	int err;

	if (!sectorsize)
		return -EUCLEAN;
	nbits = length / sectorsize;
	if ((nbits + 7) / 8 > len)
		return -EUCLEAN;
	for (i = 0; i <= nbits; i++) {
		/* Bit i of the little-endian bitmap: sector i is free. */
		if (i < nbits && (bits[i / 8] >> (i % 8) & 1)) {
			run++;
			continue;
		}
		if (!run)
			continue;
		err = add_extent(list, nr, alloc,
				 start + (i - run) * sectorsize,
				 run * sectorsize);
		if (err)
			return err;
		run = 0;
	}
	return 0;
}

int free_space_tree_read(const struct btrfs_fs *fs, struct free_extent **ret)
{
	struct tree_key min = { 0, BTRFS_FREE_SPACE_INFO_KEY, 0 };
	struct tree_key max = { UINT64_MAX, BTRFS_FREE_SPACE_BITMAP_KEY,
				UINT64_MAX };
	struct free_extent *list = NULL;
	struct tree_search ts;
	struct tree_item item;
	int nr = 0, alloc = 0, err;

	if (!free_space_tree_present(fs))
		return -ENOENT;
	err = tree_search_init(&ts, fs, BTRFS_FREE_SPACE_TREE_OBJECTID,
			       &min, &max, 0);
	if (err)
		return err;
	while ((err = tree_search_next(&ts, &item)) > 0) {
		if (item.key.type == BTRFS_FREE_SPACE_EXTENT_KEY)
			err = add_extent(&list, &nr, &alloc, item.key.objectid,
					 item.key.offset);
		else if (item.key.type == BTRFS_FREE_SPACE_BITMAP_KEY)
			err = free_space_bitmap_runs(item.key.objectid,
						     item.key.offset,
						     fs->sectorsize, item.data,
						     item.len, &list, &nr,
						     &alloc);
		else
			err = 0;
		if (err)
			break;
	}
	tree_search_release(&ts);
	if (err < 0) {
		free(list);
		return err;
	}
	*ret = list;
	return nr;
}
