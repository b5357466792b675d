/* SPDX-License-Identifier: MIT */
/*
 * An image filesystem over bytes in memory, for the unit tests and the
 * fuzzer: one device (a memfd) holding @len bytes, mapped by one
 * metadata chunk of nodesize blocks from the logical address the first
 * block's header names, tree 1's root being that first block.
 */
#ifndef HEATMAP_TESTS_IMAGE_MEM_H
#define HEATMAP_TESTS_IMAGE_MEM_H

#include <endian.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "common/btrfs/image-fs.h"
#include "common/btrfs/image-tree.h"

struct mem_fs {
	struct image_fs fs;
	struct image_device dev;
	struct image_stripe stripe;
	struct image_chunk chunk;
};

/* Set up @m over @data; return 0, or -1 when it cannot be. */
static inline int mem_fs_init(struct mem_fs *m, const uint8_t *data,
			      size_t len, uint32_t nodesize,
			      uint16_t csum_type)
{
	const struct btrfs_ondisk_header *h = (const void *)data;
	struct image_fs *fs = &m->fs;

	memset(m, 0, sizeof(*m));
	pthread_mutex_init(&fs->lock, NULL);
	m->dev.fd = -1;
	if (len < nodesize)
		return -1;
	fs->sb.nodesize = nodesize;
	fs->sb.sectorsize = 4096;
	fs->sb.csum_type = csum_type;
	memcpy(fs->sb.metadata_uuid, h->fsid, sizeof(h->fsid));
	m->dev.devid = 1;
	m->dev.size = len;
	m->dev.path = "memory";
	m->dev.fd = memfd_create("image", 0);
	if (m->dev.fd < 0 || write(m->dev.fd, data, len) != (ssize_t)len)
		return -1;
	fs->devs = &m->dev;
	fs->nr_devs = 1;
	m->stripe.devid = 1;
	m->chunk.logical = le64toh(h->bytenr) / 4096 * 4096;
	if (m->chunk.logical > UINT64_MAX / 2)
		return -1;
	m->chunk.length = len / nodesize * nodesize;
	m->chunk.type = BTRFS_BLOCK_GROUP_METADATA;
	m->chunk.num_stripes = 1;
	m->chunk.stripes = &m->stripe;
	fs->map.chunks = &m->chunk;
	fs->map.nr = 1;
	fs->roots[0].tree = BTRFS_ROOT_TREE_OBJECTID;
	fs->roots[0].bytenr = m->chunk.logical;
	fs->roots[0].generation = le64toh(h->generation);
	fs->roots[0].level = h->level;
	fs->nr_roots = 1;
	return image_fs_init_cache(fs);
}

static inline void mem_fs_release(struct mem_fs *m)
{
	if (m->fs.cache)
		image_cache_release(&m->fs);
	free(m->fs.cache);
	if (m->dev.fd >= 0)
		close(m->dev.fd);
	pthread_mutex_destroy(&m->fs.lock);
}

/* Walk tree 1 for keys [@lo, @hi]: the items found, or -errno. */
static inline int mem_fs_search(struct mem_fs *m, uint64_t lo, uint64_t hi)
{
	struct tree_key min = { lo, 0, 0 }, max = { hi, 255, UINT64_MAX };
	struct image_search s;
	struct tree_item item;
	volatile uint8_t sink = 0;
	int n = 0, ret;

	image_search_init(&s, &m->fs, BTRFS_ROOT_TREE_OBJECTID, &min, &max);
	while ((ret = image_search_next(&s, &item)) > 0) {
		/* Touch the last byte: ASan sees an item past its leaf. */
		if (item.len)
			sink ^= ((const uint8_t *)item.data)[item.len - 1];
		n++;
	}
	image_search_release(&s);
	(void)sink;
	return ret < 0 ? ret : n;
}

#endif
