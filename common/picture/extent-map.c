// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <linux/btrfs_tree.h>
#include "common/draw/colors.h"
#include "common/btrfs/extent-items.h"
#include "common/picture/extent-map.h"

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
			    uint64_t grid_offset, const struct draw_trace *trace,
			    struct grid *grid)
{
	bool data_only = (bg->flags & BTRFS_BLOCK_GROUP_TYPE_MASK) ==
			 BTRFS_BLOCK_GROUP_DATA;
	struct extent_reader er;
	struct extent_info ext;
	uint64_t first_byte;
	struct rgb color;
	int ret;

	if (trace)
		trace->ops->block_group(trace->ctx, bg);
	ret = extent_reader_init(&er, fs, bg->vaddr, bg->vaddr + bg->length - 1,
				 data_only);
	if (ret)
		return ret;
	while ((ret = extent_reader_next(&er, &ext)) > 0) {
		ret = extent_color(&ext, &color);
		if (ret)
			break;
		first_byte = grid_offset + (ext.vaddr - bg->vaddr);
		if (trace)
			trace->ops->extent(trace->ctx, &ext, first_byte);
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
	const struct draw_trace *trace = opts->trace;
	int order = opts->order, size = opts->size, ret, i;
	uint64_t total = 0, offset = 0;

	if (trace)
		trace->ops->scope_block_groups(trace->ctx, bgs, nr);
	for (i = 0; i < nr; i++)
		total += bgs[i].length;
	if (!total)
		return -EINVAL;
	if (grid_choose_order_size(&order, &size, total, fs->sectorsize))
		return -EDOM;
	ret = draw_trace_grid_init(grid, order, size, opts->curve, total, trace);
	if (ret)
		return ret;
	if (opts->summary && trace)
		trace->ops->block_groups(trace->ctx, bgs, nr);
	for (i = 0; i < nr; i++) {
		ret = draw_block_group(fs, &bgs[i], offset, trace, grid);
		if (ret) {
			grid_release(grid);
			return ret;
		}
		offset += bgs[i].length;
	}
	return 0;
}
