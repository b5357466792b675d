// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include <linux/magic.h>
#include "common/btrfs/image-fs.h"
#include "common/btrfs/image-open.h"
#include "common/messages.h"
#include "common/btrfs/open-utils.h"

void btrfs_uuid_unparse(const uint8_t *uuid, char *buf)
{
	int i, pos = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf[pos++] = '-';
		pos += sprintf(buf + pos, "%02x", uuid[i]);
	}
}

static int open_mounted(const char *path, struct btrfs_fs *fs)
{
	struct btrfs_ioctl_fs_info_args info;
	struct btrfs_ioctl_feature_flags features;
	struct btrfs_ioctl_search_args search;
	struct statfs sfs;
	struct stat st;
	int err;

	/*
	 * O_NONBLOCK: a FIFO opens at once instead of waiting for a writer
	 * (forever, in a cron job with a typo); a socket cannot be opened.
	 * Only a directory or a regular file is a way into a filesystem.
	 */
	fs->fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fs->fd < 0)
		return errno == ENXIO ? -ENOTTY : -errno;
	if (fstat(fs->fd, &st) < 0 ||
	    !(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)) ||
	    fstatfs(fs->fd, &sfs) < 0 || sfs.f_type != BTRFS_SUPER_MAGIC) {
		err = -ENOTTY;
		goto fail;
	}
	memset(&info, 0, sizeof(info));
	if (ioctl(fs->fd, BTRFS_IOC_FS_INFO, &info) < 0)
		goto fail_errno;
	btrfs_uuid_unparse(info.fsid, fs->fsid);
	fs->nodesize = info.nodesize;
	fs->sectorsize = info.sectorsize;

	if (ioctl(fs->fd, BTRFS_IOC_GET_FEATURES, &features) < 0)
		goto fail_errno;
	fs->compat_ro_flags = features.compat_ro_flags;

	/*
	 * FS_INFO works for anybody; the tree search needs CAP_SYS_ADMIN.  Ask
	 * for nothing once now so a user without it hears so before any work.
	 */
	memset(&search, 0, sizeof(search));
	search.key.tree_id = BTRFS_CHUNK_TREE_OBJECTID;
	search.key.max_objectid = 0;
	search.key.max_type = 0;
	search.key.nr_items = 0;
	if (ioctl(fs->fd, BTRFS_IOC_TREE_SEARCH, &search) < 0)
		goto fail_errno;
	return 0;

fail_errno:
	err = -errno;
fail:
	close(fs->fd);
	fs->fd = -1;
	return err;
}

int btrfs_fs_open_paths(const char * const *paths, int nr, int mirror,
			struct btrfs_fs *fs)
{
	char mnt[4096];
	int ret;

	memset(fs, 0, sizeof(*fs));
	fs->fd = -1;
	fs->path = paths[0];
	/* A directory, or any file in a mounted filesystem that is no image. */
	if (nr == 1 && !image_fs_probe(paths[0])) {
		if (mirror) {
			snprintf(fs->error, sizeof(fs->error),
				 "--super is for image files and devices, not %.400s",
				 paths[0]);
			return -EINVAL;
		}
		return open_mounted(paths[0], fs);
	}
	ret = image_open_paths(paths, nr, mirror, fs, mnt, sizeof(mnt));
	if (ret != 1)
		return ret;
	/* Mounted: the kernel's view, never the blocks under its feet. */
	ret = open_mounted(mnt, fs);
	if (ret == -EPERM || ret == -EACCES)
		snprintf(fs->error, sizeof(fs->error),
			 "%.200s is mounted at %.200s: reading btrfs metadata there needs CAP_SYS_ADMIN: run as root",
			 paths[0], mnt);
	return ret;
}

int btrfs_fs_open(const char *path, struct btrfs_fs *fs)
{
	return btrfs_fs_open_paths(&path, 1, 0, fs);
}

bool btrfs_fs_is_image(const struct btrfs_fs *fs)
{
	return fs->image != NULL;
}

void btrfs_fs_close(struct btrfs_fs *fs)
{
	image_open_close(fs);
	if (fs->fd >= 0)
		close(fs->fd);
	fs->fd = -1;
}

bool btrfs_fs_has_block_group_tree(const struct btrfs_fs *fs)
{
	return fs->compat_ro_flags & BTRFS_FEATURE_COMPAT_RO_BLOCK_GROUP_TREE;
}

void btrfs_fs_report(const struct btrfs_fs *fs, const char *path, int err)
{
	const char *why = fs->image ? image_fs_error(fs->image) : fs->error;

	if (err == -ENOMEM)
		error("out of memory");
	else if (why[0])
		error("%s", why);
	else
		btrfs_fs_report_error(path, err);
}

void btrfs_fs_report_error(const char *path, int err)
{
	switch (-err) {
	case EPERM:
	case EACCES:
		error("reading btrfs metadata of %s needs CAP_SYS_ADMIN: run as root",
		      path);
		break;
	case ENOTTY:
		error("not a btrfs filesystem: %s", path);
		break;
	case ENOENT:
		error("no such file or directory: %s", path);
		break;
	default:
		error("cannot read btrfs filesystem %s: %s", path, strerror(-err));
		break;
	}
}
