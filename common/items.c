// SPDX-License-Identifier: MIT
#include <endian.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/items.h"
#include "kernel-lib/kernel.h"

static int parse_device(const struct tree_item *item, void *elem)
{
	const struct btrfs_dev_item *di = item->data;
	struct device_info *dev = elem;

	if (item->len < sizeof(*di))
		return 0;
	dev->devid = le64toh(di->devid);
	dev->total_bytes = le64toh(di->total_bytes);
	dev->bytes_used = le64toh(di->bytes_used);
	return 1;
}

int read_devices(const struct btrfs_fs *fs, struct device_info **ret)
{
	struct tree_key min = { BTRFS_DEV_ITEMS_OBJECTID, BTRFS_DEV_ITEM_KEY, 1 };
	struct tree_key max = { BTRFS_DEV_ITEMS_OBJECTID, BTRFS_DEV_ITEM_KEY,
				UINT64_MAX };

	return tree_search_collect(fs->fd, BTRFS_CHUNK_TREE_OBJECTID, &min,
				   &max, sizeof(**ret), parse_device, NULL,
				   (void **)ret);
}

static int parse_chunk(const struct tree_item *item, void *elem)
{
	const struct btrfs_chunk *ci = item->data;
	struct chunk_info *c = elem;
	const struct btrfs_stripe *st;
	int i;

	if (item->len < sizeof(*ci))
		return -EUCLEAN;
	c->vaddr = item->key.offset;
	c->length = le64toh(ci->length);
	c->type = le64toh(ci->type);
	c->num_stripes = le16toh(ci->num_stripes);
	c->sub_stripes = le16toh(ci->sub_stripes);
	if (item->len < sizeof(*ci) + (c->num_stripes - 1) * sizeof(*st))
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
	return 1;
}

static void release_chunks(void *chunks, int nr)
{
	free_chunks(chunks, nr);
}

int read_chunks(const struct btrfs_fs *fs, struct chunk_info **ret)
{
	struct tree_key min = { BTRFS_FIRST_CHUNK_TREE_OBJECTID,
				BTRFS_CHUNK_ITEM_KEY, 0 };
	struct tree_key max = { BTRFS_FIRST_CHUNK_TREE_OBJECTID,
				BTRFS_CHUNK_ITEM_KEY, UINT64_MAX };

	return tree_search_collect(fs->fd, BTRFS_CHUNK_TREE_OBJECTID, &min,
				   &max, sizeof(**ret), parse_chunk,
				   release_chunks, (void **)ret);
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

	return tree_search_init(ts, fs->fd, BTRFS_DEV_TREE_OBJECTID, &min, &max,
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

void block_group_parse(const struct tree_item *item, const void *data,
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
	ret = tree_search_one(fs->fd, block_group_tree(fs), &min, &max, &item,
			      &bgi, sizeof(bgi));
	if (ret <= 0)
		return ret;
	block_group_parse(&item, &bgi, bg);
	return 1;
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
	};
	size_t pos = 0, i;

	buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(names); i++) {
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
	return (double)bg->used / (double)bg->length;
}

int block_group_used_pct(const struct block_group_info *bg)
{
	return (int)nearbyint((double)(bg->used * 100) / (double)bg->length);
}
