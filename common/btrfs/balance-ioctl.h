/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_IOCTL_H
#define HEATMAP_BALANCE_IOCTL_H

#include <stddef.h>
#include <stdint.h>
#include "common/btrfs/open-utils.h"

/* What the kernel says about a balance: state and counters. */
struct balance_stat {
	uint64_t state;		/* BTRFS_BALANCE_STATE_* */
	uint64_t expected;
	uint64_t considered;
	uint64_t completed;
};

/*
 * Relocate exactly the block group at @vaddr, whose type is @flags
 * (BTRFS_BLOCK_GROUP_*): BTRFS_IOC_BALANCE_V2 with the vrange filter
 * @vaddr..@vaddr+1 on the data arguments, the metadata arguments, or both
 * alike for a mixed block group, as the kernel wants them on a mixed
 * filesystem.  Blocks until the kernel is done.  Return 0 (check
 * @stat->completed: the kernel skips a block group with an active swapfile
 * and still succeeds) or -errno; -EBUSY when another exclusive operation
 * (device add, remove, replace, resize) holds the filesystem.
 */
int balance_block_group(int fd, uint64_t vaddr, uint64_t flags,
			struct balance_stat *stat);

/*
 * Cancel the running balance (BTRFS_IOC_BALANCE_CTL); the kernel returns
 * once it has stopped.  Return 0, -ENOTCONN when none runs, or -errno.
 */
int balance_cancel(int fd);

/*
 * Ask the kernel about a balance (BTRFS_IOC_BALANCE_PROGRESS).  Return 0
 * when there is none, 1 with @stat filled when one is running or paused
 * (no BTRFS_BALANCE_STATE_RUNNING bit), or -errno.
 */
int balance_query(int fd, struct balance_stat *stat);

/*
 * Name the exclusive operation that holds @fs, as sysfs tells it
 * ("device add", "balance paused", ...).  Return 1 with @buf filled, 0
 * when there is none or the kernel does not say.
 */
int balance_exclusive_op(const struct btrfs_fs *fs, char *buf, size_t len);

#endif
