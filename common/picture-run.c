// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/messages.h"
#include "common/output-name.h"
#include "common/picture-run.h"
#include "common/picture.h"
#include "common/signals.h"

void picture_report_error(const char *path, int err,
			  const struct picture_options *po)
{
	switch (-err) {
	case EDOM:
		error("size (%d) cannot be smaller than order (%d)", po->size,
		      po->order);
		break;
	case EINTR:
		break;
	case ENOENT:
		error("cannot read btrfs filesystem %s: %s", path,
		      strerror(-err));
		break;
	default:
		btrfs_fs_report_error(path, err);
		break;
	}
}

int picture_run(const char *path, const struct picture_options *po,
		picture_draw_fn draw, picture_name_fn name_suffix, void *ctx)
{
	char stem[160], *file;
	struct btrfs_fs fs;
	struct grid grid;
	int pos, err;

	picture_options_apply_verbosity(po);
	signals_install();
	err = btrfs_fs_open(path, &fs);
	if (err) {
		btrfs_fs_report_error(path, err);
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
