// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <btrfsutil.h>
#include "common/atomic-file.h"
#include "common/btrfs/image-open.h"
#include "common/picture/extent-map.h"
#include "common/messages.h"
#include "common/draw/output-name.h"
#include "common/picture/picture.h"
#include "common/picture/picture-json.h"
#include "common/picture/picture-scan.h"
#include "common/draw/raster.h"
#include "common/signals.h"

/*
 * The error line for drawing that failed with @err: the size and order
 * for -EDOM, nothing for -EINTR (a signal), else what
 * btrfs_fs_report() says; an -ENOENT is the trees', not the path's,
 * which is open already, unless @fs is an image: it knows what it missed.
 */
void picture_report_error(const struct btrfs_fs *fs, const char *path,
			  int err, const struct picture_options *po)
{
	switch (-err) {
	case EDOM:
		error("size (%d) cannot be smaller than order (%d)",
		      po->size, po->order);
		break;
	case EINTR:
		break;
	case ENOENT:
		if (btrfs_fs_is_image(fs)) {
			btrfs_fs_report(fs, path, err);
			break;
		}
		error("cannot read btrfs filesystem %s: %s", path,
		      strerror(-err));
		break;
	default:
		btrfs_fs_report(fs, path, err);
		break;
	}
}

static void report_error(const struct picture *pic, int err)
{
	picture_report_error(&pic->fs, pic->path, err, pic->po);
}

static int sync_fs(const char *path)
{
	enum btrfs_util_error err = btrfs_util_sync(path);

	if (err == BTRFS_UTIL_OK)
		return 0;
	error("cannot sync %s: %s: %m", path, btrfs_util_strerror(err));
	return errno ? -errno : -EIO;
}

int picture_begin(struct picture *pic, const char *path,
		  const struct picture_options *po)
{
	uint64_t missing;
	int err, nr_missing;

	pic->path = path;
	pic->po = po;
	pic->with_scan = true;
	pic->has_scan = false;
	picture_options_apply_verbosity(po);
	ref_lines_init(&pic->lines, 0);
	signals_install();
	err = btrfs_fs_open_paths(po->nr_paths ? po->paths : &path,
				  po->nr_paths ? po->nr_paths : 1, po->super,
				  &pic->fs);
	if (err) {
		btrfs_fs_report(&pic->fs, path, err);
		return 1;
	}
	missing = image_open_missing_devid(&pic->fs, &nr_missing);
	if (missing)
		warning("device %llu%s of %s is missing: drawing from the others, which is enough while they hold all the metadata",
			(unsigned long long)missing,
			nr_missing > 1 ? " and more" : "", pic->fs.fsid);
	if (po->sync && btrfs_fs_is_image(&pic->fs)) {
		error("--sync needs a mounted filesystem, %s is read as an image",
		      path);
		btrfs_fs_close(&pic->fs);
		return 1;
	}
	if (po->sync && sync_fs(path)) {
		btrfs_fs_close(&pic->fs);
		return 1;
	}
	return 0;
}

int picture_draw_filesystem(struct picture *pic, enum space_map_sort sort,
			    const uint64_t *devids, int nr_devids,
			    struct grid *grid)
{
	struct space_map_options opts = {
		.sort = sort,
		.curve = pic->po->curve,
		.order = pic->po->order,
		.size = pic->po->size,
		.devids = devids,
		.nr_devids = nr_devids,
		.trace = &pic->lines.trace,
	};
	const uint64_t *missing_devid;
	int err;

	if (pic->with_scan)
		err = space_map_draw_scan(&pic->fs, &opts, grid, &missing_devid,
					  &pic->scan);
	else
		err = space_map_draw(&pic->fs, &opts, grid, &missing_devid);
	pic->has_scan = pic->with_scan && !err;
	if (err && missing_devid)
		error("no device with devid %llu in %s",
		      (unsigned long long)*missing_devid, pic->path);
	else if (err)
		report_error(pic, err);
	return err;
}

static void report_missing(const struct picture *pic, uint64_t vaddr)
{
	struct block_group_info bg;

	if (bg_select_containing(&pic->fs, vaddr, &bg) > 0)
		error("no block group at vaddr %llu in %s: it is inside the block group at %llu",
		      (unsigned long long)vaddr, pic->path,
		      (unsigned long long)bg.vaddr);
	else
		error("no block group at vaddr %llu in %s",
		      (unsigned long long)vaddr, pic->path);
}

int picture_draw_block_groups(struct picture *pic,
			      const struct bg_selection *sel, bool summary,
			      struct grid *grid, char *suffix, size_t len)
{
	struct extent_map_options opts = {
		.curve = pic->po->curve,
		.order = pic->po->order,
		.size = pic->po->size,
		.summary = summary,
		.trace = &pic->lines.trace,
	};
	struct block_group_info *bgs = NULL;
	char scope[SCAN_SCOPE_MAX + 1];
	const uint64_t *missing_vaddr;
	int nr, err;

	nr = bg_select(&pic->fs, sel, &bgs, &missing_vaddr);
	if (nr < 0) {
		if (missing_vaddr)
			report_missing(pic, *missing_vaddr);
		else
			report_error(pic, nr);
		return nr;
	}
	if (nr == 0) {
		if (sel->type == BG_TYPE_ANY)
			error("no block groups in %s", pic->path);
		else
			error("no %s block groups in %s",
			      bg_type_names[sel->type], pic->path);
		free(bgs);
		return -ENOENT;
	}
	err = extent_map_draw(&pic->fs, bgs, nr, &opts, grid);
	if (!err && pic->with_scan) {
		bg_selection_text(sel, scope, sizeof(scope));
		err = scan_block_groups(&pic->fs, bgs, nr, grid, scope,
					&pic->scan);
		if (err)
			grid_release(grid);
		pic->has_scan = !err;
	}
	if (err)
		report_error(pic, err);
	else if (nr == 1)
		snprintf(suffix, len, "_blockgroup_%llu",
			 (unsigned long long)bgs[0].vaddr);
	else
		snprintf(suffix, len, "_blockgroups_%d_startat_%llu", nr,
			 (unsigned long long)bgs[0].vaddr);
	free(bgs);
	return err;
}

/* The reference's "fsid_<uuid>[_<curve>]", then the command's part. */
static char *file_name(const struct picture *pic, const char *name_suffix)
{
	const struct picture_options *po = pic->po;
	char stem[160];

	snprintf(stem, sizeof(stem), "fsid_%s%s%s%s", pic->fs.fsid,
		 po->curve != CURVE_HILBERT ? "_" : "",
		 po->curve != CURVE_HILBERT ? curve_names[po->curve] : "",
		 name_suffix);
	return output_file_name(po->output, stem);
}

int picture_finish(struct picture *pic, int err, struct grid *grid,
		   const char *name_suffix)
{
	bool json = pic->po->format == OUTPUT_JSON, described = false;
	json_object *doc = NULL;
	char *file = NULL;

	if (!err) {
		file = file_name(pic, name_suffix);
		if (!file) {
			error("out of memory");
			grid_release(grid);
			err = -ENOMEM;
		}
	}
	/* From the scan in memory, before its encoding takes it over. */
	if (!err && json && pic->has_scan) {
		doc = picture_json_describe(grid, &pic->scan, file);
		described = true;
	}
	if (!err && pic->has_scan) {
		pic->has_scan = false;
		err = picture_attach_scan(grid, &pic->scan);
		if (err) {
			grid_release(grid);
			report_error(pic, err);
		}
	}
	btrfs_fs_close(&pic->fs);
	if (err) {
		if (pic->has_scan)
			scan_release(&pic->scan);
		pic->has_scan = false;
		json_object_put(doc);
		free(file);
		return signal_received ? signals_exit_status() : 1;
	}

	err = picture_save(grid, file, &pic->lines);
	/* --format json: the document instead of the reference's lines. */
	if (!err && json) {
		if (!described)
			err = -ENODATA;
		else if (!doc)
			err = -ENOMEM;
		else
			err = json_output_print(doc, stdout,
						JSON_OUTPUT_DOCUMENT);
		doc = NULL;
		if (err)
			error("cannot describe %s in JSON: %s", file,
			      strerror(-err));
	}
	json_object_put(doc);
	free(file);
	grid_release(grid);
	if (signal_received)
		return signals_exit_status();
	return err ? 1 : 0;
}

int picture_save(struct grid *grid, const char *path,
		 const struct ref_lines *lines)
{
	struct atomic_file af;
	int err;

	ref_lines_pngfile(lines, path);
	err = grid_finish(grid);
	if (err) {
		error("cannot write picture %s: %s", path, strerror(-err));
		return err;
	}
	err = atomic_file_open(&af, path);
	if (err) {
		error("cannot write picture %s: %s", path, strerror(-err));
		return err;
	}
	err = raster_write_png(grid, af.fp);
	if (err) {
		atomic_file_abort(&af);
		if (err != -EINTR)
			error("cannot write picture %s: %s", path,
			      strerror(-err));
		return err;
	}
	err = atomic_file_commit(&af);
	if (err)
		error("cannot write picture %s: %s", path, strerror(-err));
	return err;
}
