/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_IMAGE_OPEN_H
#define HEATMAP_IMAGE_OPEN_H

#include <stddef.h>
#include <stdint.h>
#include "common/btrfs/open-utils.h"

/*
 * Open the filesystem on the image files or block devices @paths for
 * reading without the kernel: fill @fs as btrfs_fs_open() does, with
 * @fs->image set and no fd.  When one of them belongs to a mounted
 * filesystem, read nothing and write its mount point to @mnt instead.
 * Return 0 opened, 1 mounted, -errno with @fs->error saying why.
 */
int image_open_paths(const char * const *paths, int nr, int mirror,
		     struct btrfs_fs *fs, char *mnt, size_t len);

void image_open_close(struct btrfs_fs *fs);

/*
 * The devid of a device of the image @fs that was not given (the first of
 * *@nr), or 0 when all are there.
 */
uint64_t image_open_missing_devid(const struct btrfs_fs *fs, int *nr);

#endif
