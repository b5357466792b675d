// SPDX-License-Identifier: MIT
/* Block group items, in the extent tree or the block group tree. */
#include <endian.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/block-group-items.h"

static uint64_t block_group_tree(const struct btrfs_fs *fs)
{
	return btrfs_fs_has_block_group_tree(fs) ? BTRFS_BLOCK_GROUP_TREE_OBJECTID
						 : BTRFS_EXTENT_TREE_OBJECTID;
}

void block_group_parse(const struct tree_item *item, const void *data,
		       struct block_group_info *bg)
{
	const struct btrfs_block_group_item *bgi = data;

	bg->vaddr = item->key.objectid;
	bg->length = item->key.offset;
	bg->used = le64toh(bgi->used);
	bg->flags = le64toh(bgi->flags);
}

int block_group_lookup(const struct btrfs_fs *fs, uint64_t vaddr,
		       uint64_t length, struct block_group_info *bg)
{
	struct tree_key min = { vaddr, BTRFS_BLOCK_GROUP_ITEM_KEY, length };
	struct tree_key max = { vaddr, BTRFS_BLOCK_GROUP_ITEM_KEY,
				length ? length : UINT64_MAX };
	struct btrfs_block_group_item bgi;
	struct tree_item item;
	int ret;

	memset(&bgi, 0, sizeof(bgi));
	ret = tree_search_one(fs, block_group_tree(fs), &min, &max, &item,
			      &bgi, sizeof(bgi));
	if (ret <= 0)
		return ret;
	block_group_parse(&item, &bgi, bg);
	return 1;
}
