// SPDX-License-Identifier: MIT
#include <endian.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/items.h"

/* Grow *@arr of @size-byte elements to hold at least @nr + 1. */
static int grow(void **arr, int nr, int *alloc, size_t size)
{
	void *p;
	int n;

	if (nr < *alloc)
		return 0;
	n = *alloc ? *alloc * 2 : 64;
	p = realloc(*arr, (size_t)n * size);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*alloc = n;
	return 0;
}

int read_devices(const struct btrfs_fs *fs, struct device_info **ret)
{
	struct tree_key min = { BTRFS_DEV_ITEMS_OBJECTID, BTRFS_DEV_ITEM_KEY, 1 };
	struct tree_key max = { BTRFS_DEV_ITEMS_OBJECTID, BTRFS_DEV_ITEM_KEY,
				UINT64_MAX };
	struct device_info *devs = NULL;
	struct tree_search ts;
	struct tree_item item;
	int nr = 0, alloc = 0, err;

	err = tree_search_init(&ts, fs, BTRFS_CHUNK_TREE_OBJECTID, &min,
			       &max, 0);
	if (err)
		return err;
	while ((err = tree_search_next(&ts, &item)) > 0) {
		const struct btrfs_dev_item *di = item.data;

		if (item.len < sizeof(*di))
			continue;
		err = grow((void **)&devs, nr, &alloc, sizeof(*devs));
		if (err)
			break;
		devs[nr].devid = le64toh(di->devid);
		devs[nr].total_bytes = le64toh(di->total_bytes);
		devs[nr].bytes_used = le64toh(di->bytes_used);
		nr++;
	}
	tree_search_release(&ts);
	if (err < 0) {
		free(devs);
		return err;
	}
	*ret = devs;
	return nr;
}

int chunk_item_parse(const struct tree_item *item, struct chunk_info *c)
{
	const struct btrfs_chunk *ci = item->data;
	const struct btrfs_stripe *st;
	int i;

	if (item->len < sizeof(*ci))
		return -EUCLEAN;
	c->vaddr = item->key.offset;
	c->length = le64toh(ci->length);
	c->type = le64toh(ci->type);
	c->num_stripes = le16toh(ci->num_stripes);
	c->sub_stripes = le16toh(ci->sub_stripes);
	/* The item has room for one stripe, used or not. */
	if (c->num_stripes > 1 &&
	    item->len < sizeof(*ci) + (c->num_stripes - 1) * sizeof(*st))
		return -EUCLEAN;
	c->stripes = calloc(c->num_stripes ? c->num_stripes : 1,
			    sizeof(*c->stripes));
	if (!c->stripes)
		return -ENOMEM;
	st = &ci->stripe;
	for (i = 0; i < c->num_stripes; i++) {
		c->stripes[i].devid = le64toh(st[i].devid);
		c->stripes[i].offset = le64toh(st[i].offset);
	}
	return 0;
}

int read_chunks(const struct btrfs_fs *fs, struct chunk_info **ret)
{
	struct tree_key min = { BTRFS_FIRST_CHUNK_TREE_OBJECTID,
				BTRFS_CHUNK_ITEM_KEY, 0 };
	struct tree_key max = { BTRFS_FIRST_CHUNK_TREE_OBJECTID,
				BTRFS_CHUNK_ITEM_KEY, UINT64_MAX };
	struct chunk_info *chunks = NULL;
	struct tree_search ts;
	struct tree_item item;
	int nr = 0, alloc = 0, err;

	err = tree_search_init(&ts, fs, BTRFS_CHUNK_TREE_OBJECTID, &min,
			       &max, 0);
	if (err)
		return err;
	while ((err = tree_search_next(&ts, &item)) > 0) {
		err = grow((void **)&chunks, nr, &alloc, sizeof(*chunks));
		if (err)
			break;
		err = chunk_item_parse(&item, &chunks[nr]);
		if (err)
			break;
		nr++;
	}
	tree_search_release(&ts);
	if (err < 0) {
		free_chunks(chunks, nr);
		return err;
	}
	*ret = chunks;
	return nr;
}

void free_chunks(struct chunk_info *chunks, int nr)
{
	int i;

	for (i = 0; i < nr; i++)
		free(chunks[i].stripes);
	free(chunks);
}

int dev_extents_init(struct tree_search *ts, const struct btrfs_fs *fs,
		     uint64_t min_devid, uint64_t max_devid)
{
	struct tree_key min = { min_devid, BTRFS_DEV_EXTENT_KEY, 0 };
	struct tree_key max = { max_devid, BTRFS_DEV_EXTENT_KEY, UINT64_MAX };

	return tree_search_init(ts, fs, BTRFS_DEV_TREE_OBJECTID, &min, &max,
				0);
}

int dev_extents_next(struct tree_search *ts, struct dev_extent_info *de)
{
	const struct btrfs_dev_extent *item_de;
	struct tree_item item;
	int ret;

	while ((ret = tree_search_next(ts, &item)) > 0) {
		if (item.key.type != BTRFS_DEV_EXTENT_KEY ||
		    item.len < sizeof(*item_de))
			continue;
		item_de = item.data;
		de->devid = item.key.objectid;
		de->paddr = item.key.offset;
		de->length = le64toh(item_de->length);
		de->vaddr = le64toh(item_de->chunk_offset);
		return 1;
	}
	return ret;
}

static uint64_t block_group_tree(const struct btrfs_fs *fs)
{
	return btrfs_fs_has_block_group_tree(fs) ? BTRFS_BLOCK_GROUP_TREE_OBJECTID
						 : BTRFS_EXTENT_TREE_OBJECTID;
}

static void parse_block_group(const struct tree_item *item, const void *data,
			      struct block_group_info *bg)
{
	const struct btrfs_block_group_item *bgi = data;

	bg->vaddr = item->key.objectid;
	bg->length = item->key.offset;
	bg->used = le64toh(bgi->used);
	bg->flags = le64toh(bgi->flags);
}

int block_group_lookup(const struct btrfs_fs *fs, uint64_t vaddr,
		       uint64_t length, struct block_group_info *bg)
{
	struct tree_key min = { vaddr, BTRFS_BLOCK_GROUP_ITEM_KEY, length };
	struct tree_key max = { vaddr, BTRFS_BLOCK_GROUP_ITEM_KEY,
				length ? length : UINT64_MAX };
	struct btrfs_block_group_item bgi;
	struct tree_item item;
	int ret;

	memset(&bgi, 0, sizeof(bgi));
	ret = tree_search_one(fs, block_group_tree(fs), &min, &max, &item,
			      &bgi, sizeof(bgi));
	if (ret <= 0)
		return ret;
	parse_block_group(&item, &bgi, bg);
	return 1;
}

static int read_block_group_tree(const struct btrfs_fs *fs,
				 struct block_group_info **ret)
{
	struct tree_key min = { 0, BTRFS_BLOCK_GROUP_ITEM_KEY, 0 };
	struct tree_key max = { UINT64_MAX, BTRFS_BLOCK_GROUP_ITEM_KEY,
				UINT64_MAX };
	struct block_group_info *bgs = NULL;
	struct tree_search ts;
	struct tree_item item;
	int nr = 0, alloc = 0, err;

	err = tree_search_init(&ts, fs, BTRFS_BLOCK_GROUP_TREE_OBJECTID,
			       &min, &max, 0);
	if (err)
		return err;
	while ((err = tree_search_next(&ts, &item)) > 0) {
		if (item.key.type != BTRFS_BLOCK_GROUP_ITEM_KEY ||
		    item.len < sizeof(struct btrfs_block_group_item))
			continue;
		err = grow((void **)&bgs, nr, &alloc, sizeof(*bgs));
		if (err)
			break;
		parse_block_group(&item, item.data, &bgs[nr++]);
	}
	tree_search_release(&ts);
	if (err < 0) {
		free(bgs);
		return err;
	}
	*ret = bgs;
	return nr;
}

int read_block_groups(const struct btrfs_fs *fs, struct block_group_info **ret)
{
	struct block_group_info *bgs;
	struct chunk_info *chunks;
	int nr_chunks, nr = 0, i, err;

	if (btrfs_fs_has_block_group_tree(fs))
		return read_block_group_tree(fs, ret);

	nr_chunks = read_chunks(fs, &chunks);
	if (nr_chunks < 0)
		return nr_chunks;
	bgs = calloc(nr_chunks ? nr_chunks : 1, sizeof(*bgs));
	if (!bgs) {
		free_chunks(chunks, nr_chunks);
		return -ENOMEM;
	}
	for (i = 0; i < nr_chunks; i++) {
		err = block_group_lookup(fs, chunks[i].vaddr, chunks[i].length,
					 &bgs[nr]);
		if (err < 0) {
			free(bgs);
			free_chunks(chunks, nr_chunks);
			return err;
		}
		nr += err;
	}
	free_chunks(chunks, nr_chunks);
	*ret = bgs;
	return nr;
}

/* ncopies and nparity of a profile, as python-btrfs's raid table has them. */
static void profile_copies(uint64_t flags, int *ncopies, int *nparity)
{
	*nparity = 0;
	if (flags & BTRFS_BLOCK_GROUP_RAID10)
		*ncopies = 2;
	else if (flags & BTRFS_BLOCK_GROUP_RAID1)
		*ncopies = 2;
	else if (flags & BTRFS_BLOCK_GROUP_RAID1C3)
		*ncopies = 3;
	else if (flags & BTRFS_BLOCK_GROUP_RAID1C4)
		*ncopies = 4;
	else if (flags & BTRFS_BLOCK_GROUP_DUP)
		*ncopies = 2;
	else if (flags & BTRFS_BLOCK_GROUP_RAID0)
		*ncopies = 1;
	else if (flags & BTRFS_BLOCK_GROUP_RAID5)
		*ncopies = 1, *nparity = 1;
	else if (flags & BTRFS_BLOCK_GROUP_RAID6)
		*ncopies = 1, *nparity = 2;
	else
		*ncopies = 1;
}

uint64_t chunk_dev_extent_length(const struct chunk_info *chunk)
{
	int ncopies, nparity, data_stripes;

	profile_copies(chunk->type, &ncopies, &nparity);
	data_stripes = chunk->num_stripes - nparity;
	if (data_stripes <= 0)
		return 0;
	return chunk->length * ncopies / (uint64_t)data_stripes;
}

void block_group_flags_str(uint64_t flags, char *buf, size_t len)
{
	static const struct {
		uint64_t flag;
		const char *name;
	} names[] = {
		{ BTRFS_BLOCK_GROUP_DATA, "DATA" },
		{ BTRFS_BLOCK_GROUP_SYSTEM, "SYSTEM" },
		{ BTRFS_BLOCK_GROUP_METADATA, "METADATA" },
		{ BTRFS_BLOCK_GROUP_RAID0, "RAID0" },
		{ BTRFS_BLOCK_GROUP_RAID1, "RAID1" },
		{ BTRFS_BLOCK_GROUP_DUP, "DUP" },
		{ BTRFS_BLOCK_GROUP_RAID10, "RAID10" },
		{ BTRFS_BLOCK_GROUP_RAID5, "RAID5" },
		{ BTRFS_BLOCK_GROUP_RAID6, "RAID6" },
		{ BTRFS_BLOCK_GROUP_RAID1C3, "RAID1C3" },
		{ BTRFS_BLOCK_GROUP_RAID1C4, "RAID1C4" },
		{ BTRFS_BLOCK_GROUP_REMAPPED, "REMAPPED" },
		{ BTRFS_BLOCK_GROUP_METADATA_REMAP, "METADATA_REMAP" },
	};
	size_t pos = 0, i;

	buf[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(flags & names[i].flag))
			continue;
		pos += snprintf(buf + pos, len - pos, "%s%s", pos ? "|" : "",
				names[i].name);
		flags &= ~names[i].flag;
		if (pos >= len)
			return;
	}
	if (flags)
		snprintf(buf + pos, len - pos, "%sunknown(0x%llx)", pos ? "|" : "",
			 (unsigned long long)flags);
	else if (!pos)
		snprintf(buf, len, "none");
}

double block_group_usage(const struct block_group_info *bg)
{
	if (!bg->length)
		return 0;
	return (double)bg->used / (double)bg->length;
}

int block_group_used_pct(const struct block_group_info *bg)
{
	if (!bg->length)
		return 0;
	return (int)nearbyint((double)(bg->used * 100) / (double)bg->length);
}
