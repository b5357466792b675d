// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/block-group-index.h"
#include "common/items.h"
#include "common/messages.h"
#include "common/space-map.h"
#include "common/units.h"

const char * const space_map_sort_names[] = { "physical", "virtual", NULL };

/* The devices to draw, in drawing order, each with its place on the curve. */
struct device_span {
	uint64_t devid;
	uint64_t total_bytes;
	uint64_t grid_offset;
};

static int record_devices(struct scan *scan, const struct device_info *devs,
			  int nr_devs, const struct device_span *spans, int nr)
{
	int i;

	for (i = 0; i < nr_devs; i++)
		if (scan_add_device(scan, devs[i].devid, devs[i].total_bytes,
				    devs[i].bytes_used))
			return -ENOMEM;
	for (i = 0; i < nr; i++)
		if (scan_add_scope_devid(scan, spans[i].devid))
			return -ENOMEM;
	return 0;
}

/* Record block group @bg drawn as @length bytes from @start. */
static int record_range(struct scan *scan, const struct block_group_info *bg,
			uint64_t start, uint64_t length)
{
	if (!scan)
		return 0;
	if (scan_add_block_group(scan, bg->vaddr, bg->length, bg->flags,
				 bg->used) ||
	    scan_add_range(scan, start, length, bg->vaddr))
		return -ENOMEM;
	return 0;
}

static int select_devices(const struct btrfs_fs *fs,
			  const struct space_map_options *opts,
			  struct device_span **ret,
			  const uint64_t **missing_devid)
{
	struct device_info *devs;
	struct device_span *spans;
	uint64_t offset = 0;
	int nr_devs, nr, i, j;

	nr_devs = read_devices(fs, &devs);
	if (nr_devs < 0)
		return nr_devs;
	nr = opts->devids ? opts->nr_devids : nr_devs;
	spans = calloc(nr ? nr : 1, sizeof(*spans));
	if (!spans) {
		free(devs);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++) {
		if (!opts->devids) {
			j = i;
		} else {
			for (j = 0; j < nr_devs; j++)
				if (devs[j].devid == opts->devids[i])
					break;
			if (j == nr_devs) {
				*missing_devid = &opts->devids[i];
				free(spans);
				free(devs);
				return -ENODEV;
			}
		}
		spans[i].devid = devs[j].devid;
		spans[i].total_bytes = devs[j].total_bytes;
		spans[i].grid_offset = offset;
		offset += devs[j].total_bytes;
	}
	if (opts->scan && record_devices(opts->scan, devs, nr_devs, spans, nr)) {
		free(spans);
		free(devs);
		return -ENOMEM;
	}
	free(devs);
	*ret = spans;
	return nr;
}

static const struct device_span *find_span(const struct device_span *spans,
					   int nr, uint64_t devid)
{
	int i;

	for (i = 0; i < nr; i++)
		if (spans[i].devid == devid)
			return &spans[i];
	return NULL;
}

static int start_grid(const struct space_map_options *opts,
		      const struct device_span *spans, int nr,
		      struct grid *grid)
{
	uint64_t total = 0;
	int order = opts->order, size = opts->size, i;

	for (i = 0; i < nr; i++)
		total += spans[i].total_bytes;
	if (!total)
		return -EINVAL;
	if (grid_choose_order_size(&order, &size, total, SPACE_MAP_GRANULARITY))
		return -EDOM;
	return grid_init(grid, order, size, opts->curve, total);
}

static int draw_dev_extents(const struct btrfs_fs *fs, struct grid *grid,
			    const struct device_span *spans, int nr,
			    struct block_group_index *idx, uint64_t min_devid,
			    uint64_t max_devid, struct scan *scan)
{
	const struct device_span *span;
	struct dev_extent_info de;
	struct block_group_info bg;
	struct tree_search ts;
	char flags[128];
	int ret;

	ret = dev_extents_init(&ts, fs, min_devid, max_devid);
	if (ret)
		return ret;
	while ((ret = dev_extents_next(&ts, &de)) > 0) {
		span = find_span(spans, nr, de.devid);
		if (!span)
			continue;
		ret = block_group_index_get(idx, de.vaddr, &bg);
		if (ret < 0)
			break;
		if (!ret)
			continue;
		if (msg_verbosity >= 1) {
			block_group_flags_str(bg.flags, flags, sizeof(flags));
			pr_verbose(1, "dev_extent devid %llu paddr %llu length %llu pend %llu type %s used_pct %.2f",
				   (unsigned long long)de.devid,
				   (unsigned long long)de.paddr,
				   (unsigned long long)de.length,
				   (unsigned long long)(de.paddr + de.length - 1),
				   flags, block_group_usage(&bg) * 100);
		}
		ret = grid_fill(grid, span->grid_offset + de.paddr, de.length,
				block_group_usage(&bg),
				block_group_color(bg.flags));
		if (!ret)
			ret = record_range(scan, &bg,
					   span->grid_offset + de.paddr,
					   de.length);
		if (ret)
			break;
	}
	tree_search_release(&ts);
	return ret;
}

static int walk_physical(const struct btrfs_fs *fs,
			 const struct space_map_options *opts,
			 struct grid *grid, const struct device_span *spans,
			 int nr, struct block_group_index *idx)
{
	int ret, i;

	pr_verbose_ids(0, "scope device", &spans->devid, nr, sizeof(*spans));
	ret = start_grid(opts, spans, nr, grid);
	if (ret)
		return ret;
	if (!opts->devids)
		return draw_dev_extents(fs, grid, spans, nr, idx, 1, UINT64_MAX,
					opts->scan);
	for (i = 0; i < nr; i++) {
		ret = draw_dev_extents(fs, grid, spans, nr, idx, spans[i].devid,
				       spans[i].devid, opts->scan);
		if (ret)
			return ret;
	}
	return 0;
}

static void print_chunk(const struct chunk_info *chunk,
			const struct block_group_info *bg, uint64_t length,
			const struct device_span *spans, int nr)
{
	char flags[128], size[32];
	int i;

	block_group_flags_str(bg->flags, flags, sizeof(flags));
	pr_verbose(1, "block group vaddr %llu length %llu flags %s used %llu used_pct %d",
		   (unsigned long long)bg->vaddr, (unsigned long long)bg->length,
		   flags, (unsigned long long)bg->used,
		   block_group_used_pct(bg));
	block_group_flags_str(chunk->type, flags, sizeof(flags));
	pretty_size(chunk->length, size, sizeof(size));
	pr_verbose(1, "chunk vaddr %llu type %s length %s num_stripes %u",
		   (unsigned long long)chunk->vaddr, flags, size,
		   chunk->num_stripes);
	pretty_size(length, size, sizeof(size));
	pr_verbose(1, "allocated physical space for chunk at %llu: %s",
		   (unsigned long long)chunk->vaddr, size);
	for (i = 0; i < chunk->num_stripes; i++)
		if (!spans || find_span(spans, nr, chunk->stripes[i].devid))
			pr_verbose(2, "    stripe devid %llu offset %llu",
				   (unsigned long long)chunk->stripes[i].devid,
				   (unsigned long long)chunk->stripes[i].offset);
}

static int walk_virtual(const struct btrfs_fs *fs,
			const struct space_map_options *opts,
			struct grid *grid, const struct device_span *spans,
			int nr, struct block_group_index *idx)
{
	const struct device_span *filter = opts->devids ? spans : NULL;
	struct block_group_info bg;
	struct chunk_info *chunks;
	uint64_t offset = 0, length;
	int nr_chunks, stripes, ret, i, s;

	if (filter)
		pr_verbose_ids(0, "scope chunk stripes on devices", &spans->devid,
			       nr, sizeof(*spans));
	else
		pr_verbose(0, "scope chunks");
	ret = start_grid(opts, spans, nr, grid);
	if (ret)
		return ret;
	nr_chunks = read_chunks(fs, &chunks);
	if (nr_chunks < 0)
		return nr_chunks;
	for (i = 0; i < nr_chunks; i++) {
		stripes = 0;
		for (s = 0; s < chunks[i].num_stripes; s++)
			if (!filter ||
			    find_span(spans, nr, chunks[i].stripes[s].devid))
				stripes++;
		if (!stripes)
			continue;
		ret = block_group_index_get(idx, chunks[i].vaddr, &bg);
		if (ret < 0)
			break;
		if (!ret || bg.length != chunks[i].length)
			continue;
		length = chunk_dev_extent_length(&chunks[i]) * stripes;
		if (msg_verbosity >= 1)
			print_chunk(&chunks[i], &bg, length, filter, nr);
		ret = grid_fill(grid, offset, length, block_group_usage(&bg),
				block_group_color(bg.flags));
		if (!ret)
			ret = record_range(opts->scan, &bg, offset, length);
		if (ret)
			break;
		offset += length;
	}
	free_chunks(chunks, nr_chunks);
	return ret < 0 ? ret : 0;
}

int space_map_draw(const struct btrfs_fs *fs,
		   const struct space_map_options *opts, struct grid *grid,
		   const uint64_t **missing_devid)
{
	struct block_group_index idx;
	struct device_span *spans;
	int nr, ret;

	/* Released on failure, also when it never got as far as grid_init(). */
	memset(grid, 0, sizeof(*grid));
	*missing_devid = NULL;
	nr = select_devices(fs, opts, &spans, missing_devid);
	if (nr < 0)
		return nr;
	ret = block_group_index_init(&idx, fs);
	if (ret)
		goto out;
	if (opts->sort == SORT_PHYSICAL)
		ret = walk_physical(fs, opts, grid, spans, nr, &idx);
	else
		ret = walk_virtual(fs, opts, grid, spans, nr, &idx);
	if (!ret && opts->scan) {
		opts->scan->curve = grid->curve;
		opts->scan->order = grid->order;
		opts->scan->size = grid->size;
		opts->scan->total_bytes = grid->total_bytes;
		ret = scan_finish(opts->scan);
	}
	if (ret)
		grid_release(grid);
	block_group_index_release(&idx);
out:
	free(spans);
	return ret;
}
