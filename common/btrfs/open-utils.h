/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_OPEN_UTILS_H
#define HEATMAP_OPEN_UTILS_H

#include <stdbool.h>
#include <stdint.h>

struct image_fs;

/*
 * An open btrfs filesystem and what every command asks of it: mounted,
 * through @fd, or read from image files or devices through @image.
 */
struct btrfs_fs {
	int fd;			/* -1 for an image */
	struct image_fs *image;	/* NULL when mounted */
	char error[512];	/* why an image did not open */
	const char *path;	/* as given to btrfs_fs_open(), for messages */
	char fsid[37];		/* lowercase text form with dashes */
	uint32_t nodesize;
	uint32_t sectorsize;
	uint64_t compat_ro_flags;
};

/*
 * Open @path, which must be inside a mounted btrfs filesystem, and read its
 * fs info and feature flags.  Return 0 or -errno: -ENOENT for a missing
 * path, -ENOTTY when it is not btrfs or neither a directory nor a regular
 * file (a FIFO, a socket, a device node), -EPERM without CAP_SYS_ADMIN.
 */
int btrfs_fs_open(const char *path, struct btrfs_fs *fs);

/*
 * Open the filesystem at @paths: one directory of a mounted filesystem, or
 * image files or block devices (several for a filesystem of several
 * devices), read with superblock copy @mirror.  A device that is mounted
 * is opened through its mount point.  Return 0 or -errno as
 * btrfs_fs_open() does.
 */
int btrfs_fs_open_paths(const char * const *paths, int nr, int mirror,
			struct btrfs_fs *fs);

/* Write the 16 bytes at @uuid as text with dashes (37 bytes) to @buf. */
void btrfs_uuid_unparse(const uint8_t *uuid, char *buf);

/* True when @fs is read from image files or devices, not mounted. */
bool btrfs_fs_is_image(const struct btrfs_fs *fs);

void btrfs_fs_close(struct btrfs_fs *fs);

/* True when block group items live in the block group tree (tree 11). */
bool btrfs_fs_has_block_group_tree(const struct btrfs_fs *fs);

/*
 * Print the one error line for a failed btrfs_fs_open() or a failed read of
 * the filesystem's trees: what went wrong at @path and what to do.
 */
void btrfs_fs_report_error(const char *path, int err);

/* Like btrfs_fs_report_error(), with what @fs knows about its failure. */
void btrfs_fs_report(const struct btrfs_fs *fs, const char *path, int err);

#endif
