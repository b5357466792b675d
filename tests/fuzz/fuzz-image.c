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
 * checksum pass.  Seeds in tests/fuzz/corpus/image-*, cut from a filesystem
 * made by mkfs.btrfs -n 4096 on a 128 MiB file: its superblock, its system
 * chunk array, its root tree leaf, and that leaf with the three blocks
 * after it.
 */
#include <endian.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "common/btrfs/image-chunk-map.h"
#include "common/btrfs/image-fs.h"
#include "common/btrfs/image-super.h"
#include "common/btrfs/image-tree.h"
#include "tests/unit/image-mem.h"

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

static void fuzz_tree(const uint8_t *data, size_t len)
{
	uint32_t nodesize = len >= 4 * 16384 ? 16384 : 4096;
	struct mem_fs m;

	if (!mem_fs_init(&m, data, len, nodesize, 0)) {
		mem_fs_search(&m, 0, UINT64_MAX);
		mem_fs_search(&m, 256, 256);
		mem_fs_search(&m, le64toh(((const struct btrfs_ondisk_header *)data)->owner),
			      UINT64_MAX / 3);
	}
	mem_fs_release(&m);
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
