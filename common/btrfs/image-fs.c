// SPDX-License-Identifier: MIT
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <linux/fs.h>
#include "common/btrfs/image-csum.h"
#include "common/btrfs/image-fs.h"
#include "common/btrfs/image-tree.h"

/* Tree blocks kept in memory: about this many bytes, at least 64 blocks. */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define CACHE_BYTES	(4 * 1024 * 1024)
#define CACHE_MIN_SLOTS	64

const char *image_tree_name(uint64_t tree)
{
	switch (tree) {
	case BTRFS_ROOT_TREE_OBJECTID:
		return "root";
	case BTRFS_EXTENT_TREE_OBJECTID:
		return "extent";
	case BTRFS_CHUNK_TREE_OBJECTID:
		return "chunk";
	case BTRFS_DEV_TREE_OBJECTID:
		return "device";
	case BTRFS_FS_TREE_OBJECTID:
		return "fs";
	case BTRFS_CSUM_TREE_OBJECTID:
		return "checksum";
	case BTRFS_BLOCK_GROUP_TREE_OBJECTID:
		return "block group";
	}
	return "other";
}

void image_fs_set_error(struct image_fs *fs, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&fs->lock);
	if (!fs->error[0]) {
		va_start(ap, fmt);
		vsnprintf(fs->error, sizeof(fs->error), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&fs->lock);
}

const char *image_fs_error(struct image_fs *fs)
{
	return fs->error;
}

static void add_root(struct image_fs *fs, uint64_t tree, uint64_t bytenr,
		     uint64_t generation, uint8_t level)
{
	struct image_root *r = &fs->roots[fs->nr_roots++];

	r->tree = tree;
	r->bytenr = bytenr;
	r->generation = generation;
	r->level = level;
}

int image_fs_find_root(struct image_fs *fs, uint64_t tree,
		       struct image_root *root)
{
	struct tree_key min = { tree, BTRFS_ROOT_ITEM_KEY, 0 };
	struct tree_key max = { tree, BTRFS_ROOT_ITEM_KEY, UINT64_MAX };
	const struct btrfs_root_item *ri;
	struct image_search s;
	struct tree_item item;
	int i, ret;

	for (i = 0; i < fs->nr_roots; i++) {
		if (fs->roots[i].tree == tree) {
			*root = fs->roots[i];
			return 0;
		}
	}
	image_search_init(&s, fs, BTRFS_ROOT_TREE_OBJECTID, &min, &max);
	ret = image_search_next(&s, &item);
	if (ret > 0) {
		ri = item.data;
		if (item.len < offsetof(struct btrfs_root_item, level) + 1 ||
		    le64toh(ri->bytenr) % fs->sb.sectorsize ||
		    ri->level >= BTRFS_ONDISK_MAX_LEVEL) {
			image_fs_set_error(fs, "bad root item of the %s tree",
					   image_tree_name(tree));
			ret = -EUCLEAN;
		} else {
			root->tree = tree;
			root->bytenr = le64toh(ri->bytenr);
			root->generation = le64toh(ri->generation);
			root->level = ri->level;
		}
	}
	image_search_release(&s);
	if (ret == 0) {
		image_fs_set_error(fs, "the filesystem has no %s tree",
				   image_tree_name(tree));
		return -ENOENT;
	}
	return ret < 0 ? ret : 0;
}

static int device_size(int fd, const struct stat *st, uint64_t *size)
{
	if (S_ISREG(st->st_mode)) {
		*size = (uint64_t)st->st_size;
		return 0;
	}
	if (S_ISBLK(st->st_mode))
		return ioctl(fd, BLKGETSIZE64, size) < 0 ? -errno : 0;
	return -EINVAL;
}

int image_fs_probe(const char *path)
{
	struct stat st;
	uint64_t magic;
	int fd, ret;

	if (stat(path, &st) < 0)
		return 0;
	if (S_ISBLK(st.st_mode))
		return 1;
	if (!S_ISREG(st.st_mode))
		return 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return 1;	/* the image reader says why it cannot */
	ret = pread(fd, &magic, sizeof(magic), BTRFS_ONDISK_SUPER_OFFSET +
		    offsetof(struct btrfs_ondisk_super, magic)) == sizeof(magic) &&
	      le64toh(magic) == BTRFS_ONDISK_MAGIC;
	close(fd);
	return ret;
}

/* Open @path and read its superblock copy @mirror into @sb. */
static int open_device(struct image_fs *fs, const char *path, int mirror,
		       struct image_device *dev, struct image_super *sb)
{
	uint64_t bytenr = btrfs_ondisk_super_offset(mirror);
	uint8_t *buf;
	struct stat st;
	const char *why = NULL;
	ssize_t n;
	int err;

	dev->path = path;
	/* Not blocking on a FIFO: it is refused right after. */
	dev->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (dev->fd < 0) {
		err = -errno;
		if (err == -ENOENT)
			image_fs_set_error(fs, "no such file or directory: %s", path);
		else
			image_fs_set_error(fs, "cannot open %s: %s", path,
					   strerror(-err));
		return err;
	}
	if (fstat(dev->fd, &st) < 0) {
		err = -errno;
		goto fail;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		image_fs_set_error(fs, "not a btrfs filesystem: %s", path);
		return -ENOTTY;
	}
	err = device_size(dev->fd, &st, &dev->size);
	if (err)
		goto fail;
	if (dev->size < bytenr + BTRFS_ONDISK_SUPER_SIZE) {
		if (mirror)
			image_fs_set_error(fs, "%s: too small for superblock copy %d",
					   path, mirror);
		else
			image_fs_set_error(fs, "not a btrfs filesystem: %s", path);
		return -ENOTTY;
	}
	buf = malloc(BTRFS_ONDISK_SUPER_SIZE);
	if (!buf)
		return -ENOMEM;
	n = pread(dev->fd, buf, BTRFS_ONDISK_SUPER_SIZE, (off_t)bytenr);
	if (n != BTRFS_ONDISK_SUPER_SIZE) {
		err = n < 0 ? -errno : -EIO;
		free(buf);
		goto fail;
	}
	err = image_super_parse(buf, BTRFS_ONDISK_SUPER_SIZE, bytenr, sb, &why);
	free(buf);
	if (err == -EOPNOTSUPP && image_csum_size(sb->csum_type) &&
	    !image_csum_supported(sb->csum_type)) {
		image_fs_set_error(fs, "%s: checksum type %s: this build of btrfs-heatmap has no library for it",
				   path, image_csum_name(sb->csum_type));
		return err;
	}
	if (err == -ENOTTY)
		image_fs_set_error(fs, "not a btrfs filesystem: %s", path);
	else if (err)
		image_fs_set_error(fs, "%s: %s", path, why);
	if (err)
		return err;
	dev->devid = sb->devid;
	return 0;

fail:
	image_fs_set_error(fs, "cannot read %s: %s", path, strerror(-err));
	return err;
}

/* Read the chunk tree's chunks into a new map, through the system chunks. */
static int read_chunk_tree(struct image_fs *fs)
{
	struct tree_key min = { BTRFS_FIRST_CHUNK_TREE_OBJECTID,
				BTRFS_CHUNK_ITEM_KEY, 0 };
	struct tree_key max = { BTRFS_FIRST_CHUNK_TREE_OBJECTID,
				BTRFS_CHUNK_ITEM_KEY, UINT64_MAX };
	struct image_chunk_map full = { 0 };
	const struct image_chunk *c;
	struct image_search s;
	struct tree_item item;
	const char *why = NULL;
	int i, ret;

	/*
	 * Only the superblock's system chunks map the chunk tree, so no chunk
	 * item can decide where the block holding it is read from.
	 */
	image_search_init(&s, fs, BTRFS_CHUNK_TREE_OBJECTID, &min, &max);
	while ((ret = image_search_next(&s, &item)) > 0) {
		ret = image_chunk_map_add(&full, item.key.offset, item.data,
					  item.len, fs->sb.sectorsize, &why);
		if (ret) {
			if (ret == -EUCLEAN)
				image_fs_set_error(fs, "chunk %llu of the chunk tree: %s",
						   (unsigned long long)item.key.offset,
						   why);
			break;
		}
	}
	image_search_release(&s);
	for (i = 0; !ret && i < fs->map.nr; i++) {
		c = image_chunk_map_find(&full, fs->map.chunks[i].logical);
		if (!c || c->logical != fs->map.chunks[i].logical ||
		    c->length != fs->map.chunks[i].length) {
			image_fs_set_error(fs, "system chunk %llu is not in the chunk tree",
					   (unsigned long long)fs->map.chunks[i].logical);
			ret = -EUCLEAN;
		}
	}
	if (ret) {
		image_chunk_map_release(&full);
		return ret;
	}
	image_chunk_map_release(&fs->map);
	fs->map = full;
	return 0;
}

/* Note the devices of the chunk tree that were not given. */
static int read_dev_items(struct image_fs *fs)
{
	struct tree_key min = { BTRFS_DEV_ITEMS_OBJECTID, BTRFS_DEV_ITEM_KEY, 0 };
	struct tree_key max = { BTRFS_DEV_ITEMS_OBJECTID, BTRFS_DEV_ITEM_KEY,
				UINT64_MAX };
	struct image_search s;
	struct tree_item item;
	int i, ret;

	image_search_init(&s, fs, BTRFS_CHUNK_TREE_OBJECTID, &min, &max);
	while ((ret = image_search_next(&s, &item)) > 0) {
		uint64_t devid = item.key.offset;

		if (devid > fs->max_devid)
			fs->max_devid = devid;
		for (i = 0; i < fs->nr_devs; i++)
			if (fs->devs[i].devid == devid)
				break;
		if (i == fs->nr_devs) {
			if (!fs->nr_missing++)
				fs->missing_devid = devid;
		}
	}
	image_search_release(&s);
	return ret;
}

static int add_device(struct image_fs *fs, const char *path, int mirror,
		      struct image_super *best)
{
	struct image_device *dev = &fs->devs[fs->nr_devs];
	struct image_super sb = { 0 };
	int i, err;

	err = open_device(fs, path, mirror, dev, &sb);
	if (err) {
		if (dev->fd >= 0)
			close(dev->fd);
		return err;
	}
	fs->nr_devs++;
	if (fs->nr_devs > 1 && memcmp(sb.fsid, best->fsid, sizeof(sb.fsid))) {
		image_fs_set_error(fs, "%s is a device of another filesystem than %s",
				   path, fs->devs[0].path);
		return -EXDEV;
	}
	for (i = 0; i < fs->nr_devs - 1; i++) {
		if (fs->devs[i].devid == dev->devid) {
			image_fs_set_error(fs, "%s and %s are both device %llu",
					   fs->devs[i].path, path,
					   (unsigned long long)dev->devid);
			return -EEXIST;
		}
	}
	/* The newest superblock speaks for the filesystem, as in the kernel. */
	if (fs->nr_devs == 1 || sb.generation > best->generation)
		*best = sb;
	return 0;
}

int image_fs_init_cache(struct image_fs *fs)
{
	fs->cache_slots = CACHE_BYTES / fs->sb.nodesize;
	if (fs->cache_slots < CACHE_MIN_SLOTS)
		fs->cache_slots = CACHE_MIN_SLOTS;
	fs->cache = calloc(fs->cache_slots, sizeof(struct image_block *));
	return fs->cache ? 0 : -ENOMEM;
}

static const uint64_t needed_trees[] = {
	BTRFS_EXTENT_TREE_OBJECTID, BTRFS_DEV_TREE_OBJECTID,
	BTRFS_BLOCK_GROUP_TREE_OBJECTID,
};

static int open_devices(struct image_fs *fs, const char * const *paths,
			int nr, int mirror)
{
	int i, err;

	fs->devs = calloc(nr ? nr : 1, sizeof(*fs->devs));
	if (!fs->devs)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		err = add_device(fs, paths[i], mirror, &fs->sb);
		if (err)
			return err;
	}
	if ((uint64_t)nr > fs->sb.num_devices) {
		image_fs_set_error(fs, "%d devices given, the filesystem has %llu",
				   nr, (unsigned long long)fs->sb.num_devices);
		return -E2BIG;
	}
	return 0;
}

static int read_trees(struct image_fs *fs)
{
	const char *why = NULL;
	int i, err;

	err = image_fs_init_cache(fs);
	if (err)
		return err;

	err = image_chunk_map_add_sys_array(&fs->map, fs->sb.sys_chunk_array,
					    fs->sb.sys_chunk_array_size,
					    fs->sb.sectorsize, &why);
	if (err) {
		if (err == -EUCLEAN)
			image_fs_set_error(fs, "%s: superblock: %s",
					   fs->devs[0].path, why);
		return err;
	}
	add_root(fs, BTRFS_CHUNK_TREE_OBJECTID, fs->sb.chunk_root,
		 fs->sb.chunk_root_generation, fs->sb.chunk_root_level);
	err = read_chunk_tree(fs);
	if (err)
		return err;
	err = read_dev_items(fs);
	if (err)
		return err;
	add_root(fs, BTRFS_ROOT_TREE_OBJECTID, fs->sb.root, fs->sb.generation,
		 fs->sb.root_level);
	/* Find the trees every picture needs now: the first failure shows. */
	for (i = 0; i < (int)ARRAY_SIZE(needed_trees); i++) {
		if (needed_trees[i] == BTRFS_BLOCK_GROUP_TREE_OBJECTID &&
		    !(fs->sb.compat_ro_flags &
		      BTRFS_FEATURE_COMPAT_RO_BLOCK_GROUP_TREE))
			continue;
		err = image_fs_find_root(fs, needed_trees[i],
					 &fs->roots[fs->nr_roots]);
		if (err)
			return err;
		fs->nr_roots++;
	}
	return 0;
}

int image_fs_open_devices(struct image_fs *fs, const char * const *paths,
			  int nr, int mirror)
{
	int err;

	memset(fs, 0, sizeof(*fs));
	pthread_mutex_init(&fs->lock, NULL);
	err = open_devices(fs, paths, nr, mirror);
	if (err)
		image_fs_close(fs);
	return err;
}

int image_fs_read_trees(struct image_fs *fs)
{
	int err = read_trees(fs);

	if (err)
		image_fs_close(fs);
	return err;
}

int image_fs_open(struct image_fs *fs, const char * const *paths, int nr,
		  int mirror)
{
	return image_fs_open_devices(fs, paths, nr, mirror) ?:
	       image_fs_read_trees(fs);
}

void image_fs_close(struct image_fs *fs)
{
	int i;

	if (fs->cache)
		image_cache_release(fs);
	free(fs->cache);
	fs->cache = NULL;
	for (i = 0; i < fs->nr_devs; i++)
		close(fs->devs[i].fd);
	free(fs->devs);
	fs->devs = NULL;
	fs->nr_devs = 0;
	image_chunk_map_release(&fs->map);
	pthread_mutex_destroy(&fs->lock);
}
