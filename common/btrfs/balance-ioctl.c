// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/balance-ioctl.h"

static void set_vrange(struct btrfs_balance_args *args, uint64_t vaddr)
{
	args->flags = BTRFS_BALANCE_ARGS_VRANGE;
	args->vstart = vaddr;
	args->vend = vaddr + 1;
}

static void copy_stat(const struct btrfs_ioctl_balance_args *args,
		      struct balance_stat *stat)
{
	stat->state = args->state;
	stat->expected = args->stat.expected;
	stat->considered = args->stat.considered;
	stat->completed = args->stat.completed;
}

int balance_block_group(int fd, uint64_t vaddr, uint64_t flags,
			struct balance_stat *stat)
{
	struct btrfs_ioctl_balance_args args;
	int ret;

	memset(&args, 0, sizeof(args));
	if (flags & BTRFS_BLOCK_GROUP_DATA) {
		args.flags |= BTRFS_BALANCE_DATA;
		set_vrange(&args.data, vaddr);
	}
	if (flags & BTRFS_BLOCK_GROUP_METADATA) {
		args.flags |= BTRFS_BALANCE_METADATA;
		set_vrange(&args.meta, vaddr);
	}
	if (!args.flags)
		return -EINVAL;
	ret = ioctl(fd, BTRFS_IOC_BALANCE_V2, &args);
	copy_stat(&args, stat);
	if (ret < 0)
		return -errno;
	/* Positive: a btrfs_err_code, in practice another exclusive op. */
	if (ret > 0)
		return -EBUSY;
	return 0;
}

int balance_cancel(int fd)
{
	if (ioctl(fd, BTRFS_IOC_BALANCE_CTL, BTRFS_BALANCE_CTL_CANCEL) < 0)
		return -errno;
	return 0;
}

int balance_query(int fd, struct balance_stat *stat)
{
	struct btrfs_ioctl_balance_args args;

	memset(&args, 0, sizeof(args));
	if (ioctl(fd, BTRFS_IOC_BALANCE_PROGRESS, &args) < 0)
		return errno == ENOTCONN ? 0 : -errno;
	copy_stat(&args, stat);
	return 1;
}

int balance_exclusive_op(const struct btrfs_fs *fs, char *buf, size_t len)
{
	char path[128];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/fs/btrfs/%s/exclusive_operation",
		 fs->fsid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(buf, len, f)) {
		fclose(f);
		return 0;
	}
	fclose(f);
	n = strcspn(buf, "\n");
	buf[n] = '\0';
	return n && strcmp(buf, "none") ? 1 : 0;
}
