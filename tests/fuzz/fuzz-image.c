// SPDX-License-Identifier: MIT
/*
 * libFuzzer harness over the image reader's parsers: the first byte picks
 * the target, the rest is its input.
 *   0  a superblock copy
 *   1  a superblock's system chunk array, then every chunk mapped
 *   2  one tree block on its own
 *   3  a tree of blocks: the input is a device whose first block is the
 *      root of tree 1, walked whole and searched for a few ranges
 * Built with -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, which lets every
 * checksum pass.
 */
#include <endian.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "common/image-chunk-map.h"
#include "common/image-fs.h"
#include "common/image-super.h"
#include "common/image-tree.h"

static void fuzz_super(const uint8_t *data, size_t len)
{
	struct image_super sb;
	const char *why;

	image_super_parse(data, len, BTRFS_ONDISK_SUPER_OFFSET, &sb, &why);
}

static void fuzz_chunks(const uint8_t *data, size_t len)
{
	struct image_chunk_map map = { 0 };
	struct image_extent ext;
	const char *why;
	int i, c;

	if (len > BTRFS_ONDISK_SYS_CHUNK_ARRAY)
		len = BTRFS_ONDISK_SYS_CHUNK_ARRAY;
	if (!image_chunk_map_add_sys_array(&map, data, (uint32_t)len, 4096,
					   &why)) {
		for (i = 0; i < map.nr; i++) {
			const struct image_chunk *ch = &map.chunks[i];
			uint64_t off;

			for (c = 0; c < image_chunk_copies(ch); c++)
				for (off = 0; off < ch->length && off < (1 << 20);
				     off += 12288)
					image_chunk_map_extent(ch, ch->logical + off,
							       16384, c, &ext);
			image_chunk_map_find(&map, ch->logical + ch->length - 1);
		}
	}
	image_chunk_map_release(&map);
}

static void fuzz_block(const uint8_t *data, size_t len)
{
	const struct btrfs_ondisk_header *h = (const void *)data;
	uint32_t nodesize = len >= 16384 ? 16384 : 4096;
	const char *why;
	uint8_t *buf;

	if (len < sizeof(*h))
		return;
	/* The parser reads whole blocks: pad short inputs with zeros. */
	buf = calloc(1, nodesize);
	if (!buf)
		return;
	memcpy(buf, data, len < nodesize ? len : nodesize);
	image_block_check(buf, nodesize, 0, h->fsid, le64toh(h->bytenr), &why);
	free(buf);
}

static void search(struct image_fs *fs, uint64_t lo, uint64_t hi)
{
	struct tree_key min = { lo, 0, 0 }, max = { hi, 255, UINT64_MAX };
	struct image_search s;
	struct tree_item item;
	volatile uint8_t sink = 0;

	image_search_init(&s, fs, BTRFS_ROOT_TREE_OBJECTID, &min, &max);
	while (image_search_next(&s, &item) > 0)
		if (item.len)
			sink ^= ((const uint8_t *)item.data)[item.len - 1];
	image_search_release(&s);
	(void)sink;
}

static void fuzz_tree(const uint8_t *data, size_t len)
{
	const struct btrfs_ondisk_header *h = (const void *)data;
	struct image_stripe stripe = { 1, 0 };
	struct image_device dev = { 1, -1, len, "fuzz" };
	struct image_chunk chunk;
	struct image_fs fs;
	uint32_t nodesize = 4096;

	if (len >= 4 * 16384)
		nodesize = 16384;
	if (len < nodesize)
		return;
	memset(&fs, 0, sizeof(fs));
	pthread_mutex_init(&fs.lock, NULL);
	fs.sb.nodesize = nodesize;
	fs.sb.sectorsize = 4096;
	memcpy(fs.sb.metadata_uuid, h->fsid, sizeof(h->fsid));
	dev.fd = memfd_create("fuzz", 0);
	if (dev.fd < 0 || write(dev.fd, data, len) != (ssize_t)len)
		goto out;
	fs.devs = &dev;
	fs.nr_devs = 1;
	chunk.logical = le64toh(h->bytenr) / 4096 * 4096;
	if (chunk.logical > UINT64_MAX / 2)
		goto out;
	chunk.length = len / nodesize * nodesize;
	chunk.type = BTRFS_BLOCK_GROUP_METADATA;
	chunk.num_stripes = 1;
	chunk.sub_stripes = 0;
	chunk.stripes = &stripe;
	fs.map.chunks = &chunk;
	fs.map.nr = 1;
	fs.roots[0].tree = BTRFS_ROOT_TREE_OBJECTID;
	fs.roots[0].bytenr = chunk.logical;
	fs.roots[0].generation = le64toh(h->generation);
	fs.roots[0].level = h->level;
	fs.nr_roots = 1;
	if (image_fs_init_cache(&fs))
		goto out;
	search(&fs, 0, UINT64_MAX);
	search(&fs, 256, 256);
	search(&fs, le64toh(h->owner), UINT64_MAX / 3);
	image_cache_release(&fs);
	free(fs.cache);
out:
	if (dev.fd >= 0)
		close(dev.fd);
	pthread_mutex_destroy(&fs.lock);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	if (!len)
		return 0;
	switch (data[0] % 4) {
	case 0:
		fuzz_super(data + 1, len - 1);
		break;
	case 1:
		fuzz_chunks(data + 1, len - 1);
		break;
	case 2:
		fuzz_block(data + 1, len - 1);
		break;
	case 3:
		fuzz_tree(data + 1, len - 1);
		break;
	}
	return 0;
}
