/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DEV_SPACE_H
#define HEATMAP_DEV_SPACE_H

#include <stdint.h>

/*
 * Unallocated raw space of the filesystem open at @fd: the sum over its
 * devices of size minus bytes allocated to chunks, as the kernel has them
 * right now (BTRFS_IOC_FS_INFO and BTRFS_IOC_DEV_INFO; missing devices do
 * count as the kernel keeps them).  Works after SIGINT too, unlike the tree search.  Return 0
 * or -errno.
 */
int dev_space_unallocated(int fd, uint64_t *ret);

#endif
