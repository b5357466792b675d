// SPDX-License-Identifier: MIT
#include <stdbool.h>
#include <stdio.h>
#include <linux/btrfs_tree.h>
#include "common/messages.h"
#include "common/btrfs/profiles.h"
#include "common/picture/reference-lines.h"
#include "common/units.h"

#define level(ctx, lvl)	(((const struct ref_lines *)(ctx))->shift + (lvl))
#define shows(ctx, lvl)	(msg_verbosity >= level(ctx, lvl))

static void scope_devices(void *ctx, const uint64_t *ids, int nr,
			  size_t stride)
{
	pr_verbose_ids(level(ctx, LOG_DEFAULT), "scope device", ids, nr, stride);
}

static void scope_chunks(void *ctx, const uint64_t *devids, int nr)
{
	if (devids)
		pr_verbose_ids(level(ctx, LOG_DEFAULT),
			       "scope chunk stripes on devices", devids, nr,
			       sizeof(*devids));
	else
		pr_verbose(level(ctx, LOG_DEFAULT), "scope chunks");
}

static void scope_block_groups(void *ctx, const struct block_group_info *bgs,
			       int nr)
{
	pr_verbose_ids(level(ctx, LOG_DEFAULT), "scope block_group",
		       &bgs->vaddr, nr, sizeof(*bgs));
}

static void grid_line(void *ctx, const struct grid *grid)
{
	char bpp[64];

	if (!shows(ctx, LOG_DEFAULT))
		return;
	python_float_repr(grid->bytes_per_pixel, bpp, sizeof(bpp));
	pr_verbose(level(ctx, LOG_DEFAULT), "grid curve %s order %d size %d height %u width %u total_bytes %llu bytes_per_pixel %s",
		   curve_names[grid->curve], grid->order, grid->size,
		   1U << grid->order, 1U << grid->order,
		   (unsigned long long)grid->total_bytes, bpp);
}

static void dev_extent(void *ctx, const struct dev_extent_info *de,
		       const struct block_group_info *bg)
{
	char flags[128];

	if (!shows(ctx, LOG_INFO))
		return;
	block_group_flags_str(bg->flags, flags, sizeof(flags));
	pr_verbose(level(ctx, LOG_INFO), "dev_extent devid %llu paddr %llu length %llu pend %llu type %s used_pct %.2f",
		   (unsigned long long)de->devid,
		   (unsigned long long)de->paddr,
		   (unsigned long long)de->length,
		   (unsigned long long)(de->paddr + de->length - 1),
		   flags, block_group_usage(bg) * 100);
}

/* The reference's -v line for a block group: python-btrfs's str(). */
static void block_group(void *ctx, const struct block_group_info *bg)
{
	char flags[128];

	if (!shows(ctx, LOG_INFO))
		return;
	block_group_flags_str(bg->flags, flags, sizeof(flags));
	pr_verbose(level(ctx, LOG_INFO), "block group vaddr %llu length %llu flags %s used %llu used_pct %d",
		   (unsigned long long)bg->vaddr, (unsigned long long)bg->length,
		   flags, (unsigned long long)bg->used,
		   block_group_used_pct(bg));
}

static bool on_devices(uint64_t devid, const uint64_t *devids, int nr)
{
	int i;

	if (!devids)
		return true;
	for (i = 0; i < nr; i++)
		if (devids[i] == devid)
			return true;
	return false;
}

static void chunk(void *ctx, const struct chunk_info *chunk,
		  const struct block_group_info *bg, uint64_t length,
		  const uint64_t *devids, int nr_devids)
{
	char flags[128], size[32];
	int i;

	if (!shows(ctx, LOG_INFO))
		return;
	block_group(ctx, bg);
	block_group_flags_str(chunk->type, flags, sizeof(flags));
	pretty_size(chunk->length, size, sizeof(size));
	pr_verbose(level(ctx, LOG_INFO), "chunk vaddr %llu type %s length %s num_stripes %u",
		   (unsigned long long)chunk->vaddr, flags, size,
		   chunk->num_stripes);
	pretty_size(length, size, sizeof(size));
	pr_verbose(level(ctx, LOG_INFO), "allocated physical space for chunk at %llu: %s",
		   (unsigned long long)chunk->vaddr, size);
	for (i = 0; i < chunk->num_stripes; i++)
		if (on_devices(chunk->stripes[i].devid, devids, nr_devids))
			pr_verbose(level(ctx, LOG_VERBOSE), "    stripe devid %llu offset %llu",
				   (unsigned long long)chunk->stripes[i].devid,
				   (unsigned long long)chunk->stripes[i].offset);
}

/*
 * Ours, for bg at -v, after the grid line:
 *   block_group VADDR type DATA profile RAID1 length 1.00GiB used 150.00MiB used_pct 14.65
 */
static void block_groups(void *ctx, const struct block_group_info *bgs, int nr)
{
	char type[64], profile[64], length[32], used[32];
	const struct block_group_info *bg;
	uint64_t profile_flags;

	if (!shows(ctx, LOG_INFO))
		return;
	for (bg = bgs; bg < bgs + nr; bg++) {
		profile_flags = bg->flags & ~BTRFS_BLOCK_GROUP_TYPE_MASK;
		block_group_flags_str(bg->flags & BTRFS_BLOCK_GROUP_TYPE_MASK,
				      type, sizeof(type));
		if (profile_flags)
			block_group_flags_str(profile_flags, profile,
					      sizeof(profile));
		else
			snprintf(profile, sizeof(profile), "single");
		pretty_size(bg->length, length, sizeof(length));
		pretty_size(bg->used, used, sizeof(used));
		pr_verbose(level(ctx, LOG_INFO), "block_group %llu type %s profile %s length %s used %s used_pct %.2f",
			   (unsigned long long)bg->vaddr, type, profile, length,
			   used, block_group_usage(bg) * 100);
	}
}

static void extent(void *ctx, const struct extent_info *ext,
		   uint64_t first_byte)
{
	pr_verbose(level(ctx, LOG_INFO), "extent vaddr %llu first_byte %llu type %s length %llu",
		   (unsigned long long)ext->vaddr,
		   (unsigned long long)first_byte,
		   extent_key_type_str(ext->key_type),
		   (unsigned long long)ext->length);
}

static const struct draw_trace_ops ref_draw_ops = {
	.scope_devices = scope_devices,
	.scope_chunks = scope_chunks,
	.scope_block_groups = scope_block_groups,
	.grid = grid_line,
	.dev_extent = dev_extent,
	.chunk = chunk,
	.block_groups = block_groups,
	.block_group = block_group,
	.extent = extent,
};

static void in_pixel(void *ctx, uint64_t pixel, double pct)
{
	pr_verbose(level(ctx, LOG_VERBOSE), "    in_pixel %llu %.2f%%",
		   (unsigned long long)pixel, pct * 100);
}

static void pixels(void *ctx, uint64_t first, double pct_first,
		   uint64_t last, double pct_last)
{
	pr_verbose(level(ctx, LOG_VERBOSE), "    first_pixel %llu %.2f%% last_pixel %llu %.2f%%",
		   (unsigned long long)first, pct_first * 100,
		   (unsigned long long)last, pct_last * 100);
}

static void pixel(void *ctx, const struct grid *grid, uint64_t linear,
		  struct rgb c)
{
	uint32_t x, y;

	if (!shows(ctx, LOG_DEBUG))
		return;
	curve_d2xy(grid->curve, grid->order, linear, &x, &y);
	pr_verbose(level(ctx, LOG_DEBUG), "        pixel y %u x%u linear %llu rgb #%02x%02x%02x",
		   y, x, (unsigned long long)linear, c.r, c.g, c.b);
}

static void pixel_range(void *ctx, uint64_t first, uint64_t last,
			struct rgb c)
{
	pr_verbose(level(ctx, LOG_DEBUG), "        pixel range linear %llu to %llu rgb #%02x%02x%02x",
		   (unsigned long long)first, (unsigned long long)last, c.r,
		   c.g, c.b);
}

static const struct grid_trace_ops ref_grid_ops = {
	.in_pixel = in_pixel,
	.pixels = pixels,
	.pixel = pixel,
	.pixel_range = pixel_range,
};

void ref_lines_init(struct ref_lines *rl, int shift)
{
	rl->shift = shift;
	rl->trace.ops = &ref_draw_ops;
	rl->trace.grid_ops = msg_verbosity >= shift + LOG_VERBOSE ?
			     &ref_grid_ops : NULL;
	rl->trace.ctx = rl;
}

void ref_lines_pngfile(const struct ref_lines *rl, const char *path)
{
	pr_verbose(rl->shift + LOG_DEFAULT, "pngfile %s", path);
}
