/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_IMAGE_MOUNT_H
#define HEATMAP_IMAGE_MOUNT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Find where the filesystem of the device or image open at @fd, whose
 * superblock has @fsid, is mounted: when @fd is a block device of a
 * mounted btrfs, or a file behind a loop device that is.  Write a mount
 * point to @mnt (@len bytes) and return 1; 0 when it is not mounted.
 */
int image_find_mount(int fd, const uint8_t *fsid, char *mnt, size_t len);

#endif
