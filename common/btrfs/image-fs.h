/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_IMAGE_FS_H
#define HEATMAP_IMAGE_FS_H

#include <pthread.h>
#include <stdint.h>
#include "common/btrfs/image-chunk-map.h"
#include "common/btrfs/image-super.h"

/*
 * A btrfs filesystem read from its device files or image files, with no
 * kernel in between: its superblock, its logical-to-physical map and a
 * small cache of tree blocks.  Safe to search from several threads.
 */

struct image_device {
	uint64_t devid;
	int fd;
	uint64_t size;
	const char *path;
};

/* Where a tree's root block is, as its parent (root item) says. */
struct image_root {
	uint64_t tree;
	uint64_t bytenr;
	uint64_t generation;
	uint8_t level;
};

struct image_block;

struct image_fs {
	struct image_super sb;
	struct image_device *devs;
	int nr_devs;
	uint64_t max_devid;		/* highest devid of the chunk tree */
	uint64_t missing_devid;		/* one device not given, or 0 */
	int nr_missing;
	struct image_chunk_map map;
	struct image_root roots[5];	/* chunk, root, extent, dev, bg tree */
	int nr_roots;

	pthread_mutex_t lock;		/* the cache and the error text */
	struct image_block **cache;
	unsigned int cache_slots;

	char error[512];		/* the first failure, for the user */
};

/*
 * Whether @path is for the image reader: a block device, or a regular
 * file with a btrfs superblock (or one it cannot read, to say so) rather
 * than any file inside a mounted filesystem.
 */
int image_fs_probe(const char *path);

/*
 * Open the filesystem on the devices or images at @paths (any order),
 * reading superblock copy @mirror (0 the primary) of each, and read its
 * chunk tree.  Return 0 or -errno; on failure all is released again and
 * image_fs_error() says why (unless -ENOMEM).
 */
int image_fs_open(struct image_fs *fs, const char * const *paths, int nr,
		  int mirror);

/*
 * The two halves of image_fs_open(): open the devices and read their
 * superblocks, then read the chunk tree and find the trees' roots.  Each
 * releases all on failure.
 */
int image_fs_open_devices(struct image_fs *fs, const char * const *paths,
			  int nr, int mirror);
int image_fs_read_trees(struct image_fs *fs);

void image_fs_close(struct image_fs *fs);

/* Make the empty block cache for @fs->sb.nodesize.  Return 0 or -ENOMEM. */
int image_fs_init_cache(struct image_fs *fs);

/* What went wrong first, for one error line; "" when nothing was noted. */
const char *image_fs_error(struct image_fs *fs);

/* Note a failure for image_fs_error(), unless one was noted already. */
void image_fs_set_error(struct image_fs *fs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The name users know tree @tree by: "extent", "chunk", ... */
const char *image_tree_name(uint64_t tree);

/* Find the root block of tree @tree.  Return 0, -ENOENT, -errno. */
int image_fs_find_root(struct image_fs *fs, uint64_t tree,
		       struct image_root *root);

#endif
