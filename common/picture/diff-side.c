// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/btrfs/bg-select.h"
#include "common/picture/diff-side.h"
#include "common/picture/extent-map.h"
#include "common/messages.h"
#include "common/btrfs/open-utils.h"
#include "common/picture/picture.h"
#include "common/picture/picture-scan.h"
#include "common/draw/raster.h"

int diff_side_load(struct diff_side *side, FILE *fp)
{
	side->fp = fp;
	return png_read_scan(fp, &side->width, &side->height, &side->scan,
			     &side->has_scan);
}

int diff_side_rewind(struct diff_side *side)
{
	if (fseek(side->fp, 0, SEEK_SET))
		return -errno;
	return png_reader_open(&side->rd, side->fp);
}

/* Draw show's way, as @like was drawn, recording the scan. */
static int draw_show(const struct btrfs_fs *fs, const struct scan *like,
		     struct grid *grid, struct scan *scan)
{
	struct space_map_options opts = {
		.sort = SORT_PHYSICAL,
		.curve = CURVE_HILBERT,
		.order = -1,
		.size = -1,
	};
	const uint64_t *missing;

	if (like) {
		opts.sort = like->kind == SCAN_SHOW_VIRTUAL ? SORT_VIRTUAL :
							      SORT_PHYSICAL;
		opts.curve = like->curve;
		opts.order = like->order;
		opts.size = like->size;
		if (strstr(like->scope, "--device")) {
			opts.devids = like->scope_devids;
			opts.nr_devids = (int)like->nr_scope_devids;
		}
	}
	return space_map_draw_scan(fs, &opts, grid, &missing, scan);
}

/* Draw bg's way: the block groups @like drew, at the same addresses. */
static int draw_bg(const struct btrfs_fs *fs, const struct scan *like,
		   struct grid *grid, struct scan *scan, const char *path)
{
	struct extent_map_options opts = {
		.curve = like->curve,
		.order = like->order,
		.size = like->size,
	};
	struct bg_selection sel = { .how = BG_SELECT_VADDR };
	struct block_group_info *bgs = NULL;
	const uint64_t *missing = NULL;
	uint64_t *vaddrs;
	uint32_t i;
	int nr, err;

	vaddrs = malloc((like->nr_bgs + 1) * sizeof(*vaddrs));
	if (!vaddrs)
		return -ENOMEM;
	for (i = 0; i < like->nr_bgs; i++)
		vaddrs[i] = like->bgs[i].vaddr;
	sel.vaddrs = vaddrs;
	sel.nr_vaddrs = (int)like->nr_bgs;
	nr = bg_select(fs, &sel, &bgs, &missing);
	free(vaddrs);
	if (nr < 0 && missing) {
		error("the block group at vaddr %llu is no longer in %s: a bg picture compares only with the same block groups",
		      (unsigned long long)*missing, path);
		return -ENOENT;
	}
	if (nr < 0)
		return nr;
	err = extent_map_draw(fs, bgs, nr, &opts, grid);
	if (!err)
		err = scan_block_groups(fs, bgs, nr, grid, like->scope, scan);
	if (err)
		grid_release(grid);
	free(bgs);
	return err;
}

/*
 * Write the finished @grid as a PNG in memory for @side, in place of its
 * picture, and read its size.  Return 0 or -errno.
 */
static int load_grid(struct diff_side *side, struct grid *grid)
{
	char *mem = NULL;
	size_t len = 0;
	FILE *fp;
	int err;

	fp = open_memstream(&mem, &len);
	if (!fp)
		return -errno;
	err = grid_finish(grid);
	if (!err)
		err = raster_write_png(grid, fp);
	if (fclose(fp) && !err)
		err = -errno;
	if (!err) {
		fp = fmemopen(mem, len, "r");
		if (!fp)
			err = -errno;
	}
	if (err) {
		free(mem);
		return err;
	}
	png_reader_close(&side->rd);
	if (side->fp)
		fclose(side->fp);
	free(side->mem);
	side->fp = fp;
	side->mem = mem;
	side->mem_len = len;
	err = png_reader_open(&side->rd, fp);
	side->width = side->rd.width;
	side->height = side->rd.height;
	png_reader_close(&side->rd);
	return err;
}

int diff_side_redraw(struct diff_side *side, const struct scan_layout *l,
		     bool extent, struct diff_side *out)
{
	struct grid grid;
	int err;

	err = scan_redraw(&side->scan, l, extent, &grid);
	if (err)
		return err;
	err = load_grid(extent ? out : side, &grid);
	grid_release(&grid);
	return err;
}

int diff_side_scan_live(struct diff_side *side, const struct diff_side *like)
{
	const struct scan *ls = like && like->has_scan ? &like->scan : NULL;
	int err;
	struct btrfs_fs fs;
	struct grid grid;
	FILE *fp;

	err = btrfs_fs_open(side->arg, &fs);
	if (err) {
		btrfs_fs_report(&fs, side->arg, err);
		return err;
	}
	side->live = true;
	/* No trace: the drawing's own lines are show's, not diff's. */
	if (ls && ls->kind == SCAN_BG)
		err = draw_bg(&fs, ls, &grid, &side->scan, side->arg);
	else
		err = draw_show(&fs, ls, &grid, &side->scan);
	/* Before closing: an image knows what went wrong until then. */
	if (err && err != -ENOENT)
		picture_report_error(&fs, side->arg, err,
				     &(struct picture_options){ 0 });
	btrfs_fs_close(&fs);
	if (err)
		return err;
	side->has_scan = true;
	err = picture_attach_scan(&grid, &side->scan);
	fp = err ? NULL : open_memstream(&side->mem, &side->mem_len);
	if (!err && !fp)
		err = -errno;
	if (!err)
		err = grid_finish(&grid);
	if (!err)
		err = raster_write_png(&grid, fp);
	if (fp && fclose(fp) && !err)
		err = -errno;
	grid_release(&grid);
	if (!err) {
		fp = fmemopen(side->mem, side->mem_len, "r");
		err = fp ? diff_side_load(side, fp) : -errno;
	}
	if (err)
		error("cannot draw %s: %s", side->arg, strerror(-err));
	return err;
}

void diff_side_release(struct diff_side *side)
{
	png_reader_close(&side->rd);
	if (side->fp)
		fclose(side->fp);
	free(side->mem);
	scan_release(&side->scan);
	side->fp = NULL;
	side->mem = NULL;
}
