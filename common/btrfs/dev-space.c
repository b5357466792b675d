// SPDX-License-Identifier: MIT
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/btrfs.h>
#include "common/btrfs/dev-space.h"

int dev_space_unallocated(int fd, uint64_t *ret)
{
	struct btrfs_ioctl_fs_info_args fi;
	struct btrfs_ioctl_dev_info_args di;
	uint64_t devid, total = 0;

	memset(&fi, 0, sizeof(fi));
	if (ioctl(fd, BTRFS_IOC_FS_INFO, &fi) < 0)
		return -errno;
	for (devid = 1; devid <= fi.max_id; devid++) {
		memset(&di, 0, sizeof(di));
		di.devid = devid;
		if (ioctl(fd, BTRFS_IOC_DEV_INFO, &di) < 0) {
			if (errno == ENODEV)
				continue;
			return -errno;
		}
		if (di.total_bytes > di.bytes_used)
			total += di.total_bytes - di.bytes_used;
	}
	*ret = total;
	return 0;
}
