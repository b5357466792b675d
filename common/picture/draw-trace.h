/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DRAW_TRACE_H
#define HEATMAP_DRAW_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include "common/btrfs/block-group-items.h"
#include "common/btrfs/chunk-items.h"
#include "common/btrfs/extent-items.h"
#include "common/draw/grid.h"

/*
 * What the drawing walks (space-map, extent-map) tell of their work as
 * they go, in the order the reference prints its lines about it.  The
 * walks print nothing themselves: common/picture/reference-lines.c turns these
 * into the reference's words.  Every member must be set.
 */
struct draw_trace_ops {
	/* The devices drawn (ids @stride bytes apart): show --sort physical. */
	void (*scope_devices)(void *ctx, const uint64_t *ids, int nr,
			      size_t stride);
	/* Chunks in address order, on @devids only when not NULL. */
	void (*scope_chunks)(void *ctx, const uint64_t *devids, int nr);
	void (*scope_block_groups)(void *ctx,
				   const struct block_group_info *bgs, int nr);
	/* The grid is set up (and its pixel trace is from now on). */
	void (*grid)(void *ctx, const struct grid *grid);
	void (*dev_extent)(void *ctx, const struct dev_extent_info *de,
			   const struct block_group_info *bg);
	/*
	 * A chunk drawn as @length raw bytes; its stripes on @devids (all
	 * when NULL) are the ones drawn.
	 */
	void (*chunk)(void *ctx, const struct chunk_info *chunk,
		      const struct block_group_info *bg, uint64_t length,
		      const uint64_t *devids, int nr_devids);
	/* Block groups about to be drawn extent by extent (bg --summary). */
	void (*block_groups)(void *ctx, const struct block_group_info *bgs,
			     int nr);
	/* One block group, before its extents. */
	void (*block_group)(void *ctx, const struct block_group_info *bg);
	void (*extent)(void *ctx, const struct extent_info *ext,
		       uint64_t first_byte);
};

struct draw_trace {
	const struct draw_trace_ops *ops;
	const struct grid_trace_ops *grid_ops;	/* NULL: no pixel trace */
	void *ctx;
};

/*
 * grid_init(), then, with @trace, the grid's pixel trace and the "grid"
 * event.  Return 0 or -errno.
 */
static inline int draw_trace_grid_init(struct grid *grid, int order, int size,
				       enum curve_type curve, uint64_t total,
				       const struct draw_trace *trace)
{
	int ret;

	ret = grid_init(grid, order, size, curve, total);
	if (ret || !trace)
		return ret;
	if (trace->grid_ops)
		grid_set_trace(grid, trace->grid_ops, trace->ctx);
	trace->ops->grid(trace->ctx, grid);
	return 0;
}

#endif
