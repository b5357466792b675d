// SPDX-License-Identifier: MIT
#include <errno.h>
#include <string.h>
#include <btrfsutil.h>
#include "common/atomic-file.h"
#include "common/messages.h"
#include "common/picture.h"
#include "common/raster.h"

int picture_save(struct grid *grid, const char *path)
{
	struct atomic_file af;
	int err;

	pr_verbose(0, "pngfile %s", path);
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

int picture_sync_fs(const char *path)
{
	enum btrfs_util_error err = btrfs_util_sync(path);

	if (err == BTRFS_UTIL_OK)
		return 0;
	error("cannot sync %s: %s: %m", path, btrfs_util_strerror(err));
	return errno ? -errno : -EIO;
}
