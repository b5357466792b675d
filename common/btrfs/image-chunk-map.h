/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_IMAGE_CHUNK_MAP_H
#define HEATMAP_IMAGE_CHUNK_MAP_H

#include <stddef.h>
#include <stdint.h>

struct image_stripe {
	uint64_t devid;
	uint64_t offset;	/* physical start on that device */
};

/* One chunk: a logical range and where its bytes live. */
struct image_chunk {
	uint64_t logical;
	uint64_t length;
	uint64_t type;
	uint16_t num_stripes;
	uint16_t sub_stripes;
	struct image_stripe *stripes;
};

/* The logical-to-physical map: chunks sorted by logical address. */
struct image_chunk_map {
	struct image_chunk *chunks;
	int nr;
	int alloc;
};

/* Where one piece of a logical range lives. */
struct image_extent {
	uint64_t devid;
	uint64_t physical;
	uint64_t len;		/* bytes of the range this stripe holds */
};

/*
 * Check the chunk item of @len bytes at @item, for the chunk at @logical,
 * as the kernel's tree-checker would, and add it to @map.  A chunk equal
 * to one already there is ignored; an overlapping one is refused.  Return
 * 0, -EUCLEAN for a bad item (*@why says what), -ENOMEM.
 */
int image_chunk_map_add(struct image_chunk_map *map, uint64_t logical,
			const void *item, size_t len, uint32_t sectorsize,
			const char **why);

/*
 * Add every chunk of a superblock's system chunk array (@size bytes at
 * @array).  Return 0, -EUCLEAN (*@why says what), -ENOMEM.
 */
int image_chunk_map_add_sys_array(struct image_chunk_map *map,
				  const uint8_t *array, uint32_t size,
				  uint32_t sectorsize, const char **why);

/* The chunk holding @logical, or NULL. */
const struct image_chunk *image_chunk_map_find(const struct image_chunk_map *map,
					       uint64_t logical);

/*
 * How many copies of its data chunk @c keeps that can be read on their
 * own (mirrors; RAID5/6 have one: the data stripe).
 */
int image_chunk_copies(const struct image_chunk *c);

/*
 * Map @logical (inside @c) to copy @copy: the device, the physical address
 * and how many bytes from there on belong to the same stripe, at most @len.
 */
void image_chunk_map_extent(const struct image_chunk *c, uint64_t logical,
			    uint64_t len, int copy, struct image_extent *ext);

void image_chunk_map_release(struct image_chunk_map *map);

#endif
