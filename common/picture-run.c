// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/image-open.h"
#include "common/messages.h"
#include "common/output-name.h"
#include "common/picture-run.h"
#include "common/picture.h"
#include "common/signals.h"

void picture_report_error(const struct btrfs_fs *fs, const char *path,
			  int err, const struct picture_options *po)
{
	switch (-err) {
	case EDOM:
		error("size (%d) cannot be smaller than order (%d)", po->size,
		      po->order);
		break;
	case EINTR:
		break;
	case ENOENT:
		if (fs->image) {
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

int picture_run(const char *path, const struct picture_options *po,
		picture_draw_fn draw, picture_name_fn name_suffix, void *ctx)
{
	char stem[160], *file;
	struct btrfs_fs fs;
	struct grid grid;
	uint64_t missing;
	int pos, err, nr_missing;

	picture_options_apply_verbosity(po);
	signals_install();
	err = btrfs_fs_open_paths(po->nr_paths ? po->paths : &path,
				  po->nr_paths ? po->nr_paths : 1, po->super,
				  &fs);
	if (err) {
		btrfs_fs_report(&fs, path, err);
		return 1;
	}
	missing = image_open_missing_devid(&fs, &nr_missing);
	if (missing)
		warning("device %llu%s of %s is missing: drawing from the others, which is enough while they hold all the metadata",
			(unsigned long long)missing,
			nr_missing > 1 ? " and more" : "", fs.fsid);
	if (po->sync && btrfs_fs_is_image(&fs)) {
		error("--sync needs a mounted filesystem, %s is read as an image",
		      path);
		btrfs_fs_close(&fs);
		return 1;
	}
	if (po->sync && picture_sync_fs(path)) {
		btrfs_fs_close(&fs);
		return 1;
	}
	err = draw(ctx, &fs, &grid);
	if (err) {
		btrfs_fs_close(&fs);
		return signal_received ? signals_exit_status() : 1;
	}
	/* The reference's "fsid_<uuid>[_<curve>]", then the command's part. */
	pos = snprintf(stem, sizeof(stem), "fsid_%s%s%s", fs.fsid,
		       po->curve != CURVE_HILBERT ? "_" : "",
		       po->curve != CURVE_HILBERT ? curve_names[po->curve] : "");
	name_suffix(ctx, stem + pos, sizeof(stem) - pos);
	btrfs_fs_close(&fs);

	file = output_file_name(po->output, stem);
	if (!file) {
		error("out of memory");
		grid_release(&grid);
		return 1;
	}
	err = picture_save(&grid, file);
	free(file);
	grid_release(&grid);
	if (signal_received)
		return signals_exit_status();
	return err ? 1 : 0;
}
