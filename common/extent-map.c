// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <linux/btrfs_tree.h>
#include "common/colors.h"
#include "common/extent-items.h"
#include "common/extent-map.h"
#include "common/messages.h"
#include "common/units.h"

static void print_summary(const struct block_group_info *bg)
{
	char type[64], profile[64], length[32], used[32];
	uint64_t profile_flags = bg->flags & ~BTRFS_BLOCK_GROUP_TYPE_MASK;

	block_group_flags_str(bg->flags & BTRFS_BLOCK_GROUP_TYPE_MASK, type,
			      sizeof(type));
	if (profile_flags)
		block_group_flags_str(profile_flags, profile, sizeof(profile));
	else
		snprintf(profile, sizeof(profile), "single");
	pretty_size(bg->length, length, sizeof(length));
	pretty_size(bg->used, used, sizeof(used));
	pr_verbose(1, "block_group %llu type %s profile %s length %s used %s used_pct %.2f",
		   (unsigned long long)bg->vaddr, type, profile, length, used,
		   block_group_usage(bg) * 100);
}

/* The reference's -v line for a block group: python-btrfs's str(). */
static void print_block_group(const struct block_group_info *bg)
{
	char flags[128];

	block_group_flags_str(bg->flags, flags, sizeof(flags));
	pr_verbose(1, "block group vaddr %llu length %llu flags %s used %llu used_pct %d",
		   (unsigned long long)bg->vaddr, (unsigned long long)bg->length,
		   flags, (unsigned long long)bg->used,
		   block_group_used_pct(bg));
}

static int extent_color(const struct extent_info *ext, struct rgb *color)
{
	if (ext->key_type == BTRFS_EXTENT_ITEM_KEY) {
		if (ext->flags & BTRFS_EXTENT_FLAG_DATA) {
			*color = color_white;
			return 0;
		}
		/* Neither data nor tree block: the reference gives up too. */
		if (!(ext->flags & BTRFS_EXTENT_FLAG_TREE_BLOCK))
			return -EUCLEAN;
	}
	*color = tree_color(extent_owner_tree(ext));
	return 0;
}

/*
 * Draw the extents of one block group, whose first byte lands on
 * @grid_offset, in one pass over its part of the extent tree.
 */
static int draw_block_group(const struct btrfs_fs *fs,
			    const struct block_group_info *bg,
			    uint64_t grid_offset, struct grid *grid)
{
	bool data_only = (bg->flags & BTRFS_BLOCK_GROUP_TYPE_MASK) ==
			 BTRFS_BLOCK_GROUP_DATA;
	struct extent_reader er;
	struct extent_info ext;
	uint64_t first_byte;
	struct rgb color;
	int ret;

	if (msg_verbosity >= 1)
		print_block_group(bg);
	ret = extent_reader_init(&er, fs, bg->vaddr, bg->vaddr + bg->length - 1,
				 data_only);
	if (ret)
		return ret;
	while ((ret = extent_reader_next(&er, &ext)) > 0) {
		ret = extent_color(&ext, &color);
		if (ret)
			break;
		first_byte = grid_offset + (ext.vaddr - bg->vaddr);
		if (msg_verbosity >= 1)
			pr_verbose(1, "extent vaddr %llu first_byte %llu type %s length %llu",
				   (unsigned long long)ext.vaddr,
				   (unsigned long long)first_byte,
				   extent_key_type_str(ext.key_type),
				   (unsigned long long)ext.length);
		ret = grid_fill(grid, first_byte, ext.length, 1, color);
		if (ret)
			break;
	}
	extent_reader_release(&er);
	return ret;
}

int extent_map_draw(const struct btrfs_fs *fs,
		    const struct block_group_info *bgs, int nr,
		    const struct extent_map_options *opts, struct grid *grid)
{
	int order = opts->order, size = opts->size, ret, i;
	uint64_t total = 0, offset = 0;

	pr_verbose_ids(0, "scope block_group", &bgs->vaddr, nr, sizeof(*bgs));
	for (i = 0; i < nr; i++)
		total += bgs[i].length;
	if (!total)
		return -EINVAL;
	if (grid_choose_order_size(&order, &size, total, fs->sectorsize))
		return -EDOM;
	ret = grid_init(grid, order, size, opts->curve, total);
	if (ret)
		return ret;
	if (opts->summary && msg_verbosity >= 1)
		for (i = 0; i < nr; i++)
			print_summary(&bgs[i]);
	for (i = 0; i < nr; i++) {
		ret = draw_block_group(fs, &bgs[i], offset, grid);
		if (ret) {
			grid_release(grid);
			return ret;
		}
		offset += bgs[i].length;
	}
	return 0;
}
