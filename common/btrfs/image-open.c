// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/btrfs/image-fs.h"
#include "common/btrfs/image-mount.h"
#include "common/btrfs/image-open.h"

int image_open_paths(const char * const *paths, int nr, int mirror,
		     struct btrfs_fs *fs, char *mnt, size_t len)
{
	struct image_fs *img;
	int i, ret;

	img = malloc(sizeof(*img));
	if (!img)
		return -ENOMEM;
	ret = image_fs_open_devices(img, paths, nr, mirror);
	if (ret)
		goto fail;
	/* Before reading any tree: a live filesystem is the kernel's. */
	for (i = 0; i < img->nr_devs; i++) {
		ret = image_find_mount(img->devs[i].fd, img->sb.fsid, mnt, len);
		if (ret) {
			image_fs_close(img);
			free(img);
			return ret;
		}
	}
	ret = image_fs_read_trees(img);
	if (ret)
		goto fail;
	fs->fd = -1;
	fs->image = img;
	btrfs_uuid_unparse(img->sb.fsid, fs->fsid);
	fs->nodesize = img->sb.nodesize;
	fs->sectorsize = img->sb.sectorsize;
	fs->compat_ro_flags = img->sb.compat_ro_flags;
	return 0;

fail:
	snprintf(fs->error, sizeof(fs->error), "%s", image_fs_error(img));
	free(img);
	return ret;
}

uint64_t image_open_missing_devid(const struct btrfs_fs *fs, int *nr)
{
	*nr = fs->image ? fs->image->nr_missing : 0;
	return *nr ? fs->image->missing_devid : 0;
}

void image_open_close(struct btrfs_fs *fs)
{
	if (!fs->image)
		return;
	image_fs_close(fs->image);
	free(fs->image);
	fs->image = NULL;
}
