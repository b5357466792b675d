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
#include "common/messages.h"
#include "common/open-utils.h"

static void format_uuid(const __u8 *uuid, char *buf)
{
	int i, pos = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf[pos++] = '-';
		pos += sprintf(buf + pos, "%02x", uuid[i]);
	}
}

int btrfs_fs_open(const char *path, struct btrfs_fs *fs)
{
	struct btrfs_ioctl_fs_info_args info;
	struct btrfs_ioctl_feature_flags features;
	struct btrfs_ioctl_search_args search;
	struct statfs sfs;
	struct stat st;
	int err;

	memset(fs, 0, sizeof(*fs));
	fs->path = path;
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
	format_uuid(info.fsid, fs->fsid);
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

void btrfs_fs_close(struct btrfs_fs *fs)
{
	if (fs->fd >= 0)
		close(fs->fd);
	fs->fd = -1;
}

bool btrfs_fs_has_block_group_tree(const struct btrfs_fs *fs)
{
	return fs->compat_ro_flags & BTRFS_FEATURE_COMPAT_RO_BLOCK_GROUP_TREE;
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
