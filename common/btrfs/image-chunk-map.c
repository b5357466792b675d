// SPDX-License-Identifier: MIT
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/image-chunk-map.h"
#include "kernel-lib/btrfs-ondisk.h"

/* Fewest stripes each profile needs, and how many it must divide into. */
static int profile_check(uint64_t type, uint16_t num, uint16_t sub)
{
	switch (type & BTRFS_BLOCK_GROUP_PROFILE_MASK) {
	case 0:
		return num == 1;
	case BTRFS_BLOCK_GROUP_DUP:
		return num == 2;
	case BTRFS_BLOCK_GROUP_RAID0:
		return num >= 1;
	case BTRFS_BLOCK_GROUP_RAID1:
		return num >= 2;
	case BTRFS_BLOCK_GROUP_RAID1C3:
		return num >= 3;
	case BTRFS_BLOCK_GROUP_RAID1C4:
		return num >= 4;
	case BTRFS_BLOCK_GROUP_RAID10:
		return sub == 2 && num >= 2 && num % sub == 0;
	case BTRFS_BLOCK_GROUP_RAID5:
		return num >= 2;
	case BTRFS_BLOCK_GROUP_RAID6:
		return num >= 3;
	}
	return 0;	/* more than one profile bit */
}

static int chunk_equal(const struct image_chunk *a, const struct image_chunk *b)
{
	return a->logical == b->logical && a->length == b->length &&
	       a->type == b->type && a->num_stripes == b->num_stripes &&
	       a->sub_stripes == b->sub_stripes &&
	       !memcmp(a->stripes, b->stripes,
		       a->num_stripes * sizeof(*a->stripes));
}

/* Index of the first chunk that ends after @logical. */
static int lower_bound(const struct image_chunk_map *map, uint64_t logical)
{
	int lo = 0, hi = map->nr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (map->chunks[mid].logical + map->chunks[mid].length <= logical)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int insert(struct image_chunk_map *map, struct image_chunk *c,
		  const char **why)
{
	struct image_chunk *p;
	int i = lower_bound(map, c->logical);

	if (i < map->nr && map->chunks[i].logical < c->logical + c->length) {
		if (chunk_equal(&map->chunks[i], c)) {
			free(c->stripes);
			return 0;
		}
		*why = "chunk overlaps another chunk";
		free(c->stripes);
		return -EUCLEAN;
	}
	if (map->nr == map->alloc) {
		int n = map->alloc ? map->alloc * 2 : 16;

		p = realloc(map->chunks, (size_t)n * sizeof(*p));
		if (!p) {
			free(c->stripes);
			return -ENOMEM;
		}
		map->chunks = p;
		map->alloc = n;
	}
	memmove(&map->chunks[i + 1], &map->chunks[i],
		(size_t)(map->nr - i) * sizeof(*map->chunks));
	map->chunks[i] = *c;
	map->nr++;
	return 0;
}

int image_chunk_map_add(struct image_chunk_map *map, uint64_t logical,
			const void *item, size_t len, uint32_t sectorsize,
			const char **why)
{
	const struct btrfs_chunk *ci = item;
	const struct btrfs_stripe *st;
	struct image_chunk c;
	int i;

	if (len < sizeof(*ci)) {
		*why = "chunk item too short";
		return -EUCLEAN;
	}
	c.logical = logical;
	c.length = le64toh(ci->length);
	c.type = le64toh(ci->type);
	c.num_stripes = le16toh(ci->num_stripes);
	c.sub_stripes = le16toh(ci->sub_stripes);
	if (!c.num_stripes ||
	    len != sizeof(*ci) + (c.num_stripes - 1) * sizeof(*st)) {
		*why = "chunk item size does not match its stripes";
		return -EUCLEAN;
	}
	if (!c.length || c.length % sectorsize || logical % sectorsize ||
	    logical + c.length < logical) {
		*why = "chunk with a bad logical range";
		return -EUCLEAN;
	}
	if (le64toh(ci->stripe_len) != BTRFS_ONDISK_STRIPE_LEN) {
		*why = "chunk with a bad stripe length";
		return -EUCLEAN;
	}
	if (!(c.type & BTRFS_BLOCK_GROUP_TYPE_MASK) ||
	    !profile_check(c.type, c.num_stripes, c.sub_stripes)) {
		*why = "chunk with a bad type or profile";
		return -EUCLEAN;
	}
	c.stripes = malloc(c.num_stripes * sizeof(*c.stripes));
	if (!c.stripes)
		return -ENOMEM;
	st = &ci->stripe;
	for (i = 0; i < c.num_stripes; i++) {
		c.stripes[i].devid = le64toh(st[i].devid);
		c.stripes[i].offset = le64toh(st[i].offset);
	}
	return insert(map, &c, why);
}

int image_chunk_map_add_sys_array(struct image_chunk_map *map,
				  const uint8_t *array, uint32_t size,
				  uint32_t sectorsize, const char **why)
{
	const struct btrfs_disk_key *key;
	const struct btrfs_chunk *ci;
	uint32_t pos = 0, len;
	int err;

	while (pos < size) {
		if (size - pos < sizeof(*key) + sizeof(*ci)) {
			*why = "system chunk array cut short";
			return -EUCLEAN;
		}
		key = (const void *)(array + pos);
		ci = (const void *)(array + pos + sizeof(*key));
		if (key->type != BTRFS_CHUNK_ITEM_KEY) {
			*why = "system chunk array holds something not a chunk";
			return -EUCLEAN;
		}
		len = sizeof(*ci) + ((uint32_t)le16toh(ci->num_stripes) - 1) *
				    sizeof(struct btrfs_stripe);
		if (!le16toh(ci->num_stripes) ||
		    size - pos - sizeof(*key) < len) {
			*why = "system chunk array cut short";
			return -EUCLEAN;
		}
		if (!(le64toh(ci->type) & BTRFS_BLOCK_GROUP_SYSTEM)) {
			*why = "system chunk array holds a chunk not of the system";
			return -EUCLEAN;
		}
		err = image_chunk_map_add(map, le64toh(key->offset), ci, len,
					  sectorsize, why);
		if (err)
			return err;
		pos += sizeof(*key) + len;
	}
	if (!map->nr) {
		*why = "no system chunk";
		return -EUCLEAN;
	}
	return 0;
}

const struct image_chunk *image_chunk_map_find(const struct image_chunk_map *map,
					       uint64_t logical)
{
	int i = lower_bound(map, logical);

	if (i < map->nr && map->chunks[i].logical <= logical)
		return &map->chunks[i];
	return NULL;
}

int image_chunk_copies(const struct image_chunk *c)
{
	switch (c->type & BTRFS_BLOCK_GROUP_PROFILE_MASK) {
	case BTRFS_BLOCK_GROUP_DUP:
	case BTRFS_BLOCK_GROUP_RAID1:
	case BTRFS_BLOCK_GROUP_RAID1C3:
	case BTRFS_BLOCK_GROUP_RAID1C4:
		return c->num_stripes;
	case BTRFS_BLOCK_GROUP_RAID10:
		return c->sub_stripes;
	}
	return 1;
}

void image_chunk_map_extent(const struct image_chunk *c, uint64_t logical,
			    uint64_t len, int copy, struct image_extent *ext)
{
	uint64_t off = logical - c->logical, stripe_nr, in_stripe, row;
	int idx, nr_data, groups;

	stripe_nr = off / BTRFS_ONDISK_STRIPE_LEN;
	in_stripe = off % BTRFS_ONDISK_STRIPE_LEN;
	switch (c->type & BTRFS_BLOCK_GROUP_PROFILE_MASK) {
	case BTRFS_BLOCK_GROUP_RAID0:
		idx = (int)(stripe_nr % c->num_stripes);
		row = stripe_nr / c->num_stripes;
		break;
	case BTRFS_BLOCK_GROUP_RAID10:
		groups = c->num_stripes / c->sub_stripes;
		idx = (int)(stripe_nr % groups) * c->sub_stripes + copy;
		row = stripe_nr / groups;
		break;
	case BTRFS_BLOCK_GROUP_RAID5:
	case BTRFS_BLOCK_GROUP_RAID6:
		/* Data stripes rotate by one device on every full stripe. */
		nr_data = c->num_stripes -
			  ((c->type & BTRFS_BLOCK_GROUP_RAID5) ? 1 : 2);
		row = stripe_nr / nr_data;
		idx = (int)((stripe_nr % nr_data + row) % c->num_stripes);
		break;
	default:
		/* single and the mirrors: every copy is the whole chunk */
		ext->devid = c->stripes[copy].devid;
		ext->physical = c->stripes[copy].offset + off;
		ext->len = c->length - off < len ? c->length - off : len;
		return;
	}
	ext->devid = c->stripes[idx].devid;
	ext->physical = c->stripes[idx].offset + row * BTRFS_ONDISK_STRIPE_LEN +
			in_stripe;
	ext->len = BTRFS_ONDISK_STRIPE_LEN - in_stripe;
	if (ext->len > len)
		ext->len = len;
	if (ext->len > c->length - off)
		ext->len = c->length - off;
}

void image_chunk_map_release(struct image_chunk_map *map)
{
	int i;

	for (i = 0; i < map->nr; i++)
		free(map->chunks[i].stripes);
	free(map->chunks);
	memset(map, 0, sizeof(*map));
}
