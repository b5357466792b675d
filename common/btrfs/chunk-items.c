// SPDX-License-Identifier: MIT
/*
 * Readers of the device items and chunk items of the chunk tree and of
 * the device extents of the device tree: where the raw space is.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/chunk-items.h"

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

	return tree_search_collect(fs, BTRFS_CHUNK_TREE_OBJECTID, &min,
				   &max, sizeof(**ret), parse_device, NULL,
				   (void **)ret);
}

/* The span of chunk item @item: 0, or -EUCLEAN for an item too short. */
static int parse_span(const struct tree_item *item, struct chunk_span *span)
{
	const struct btrfs_chunk *ci = item->data;

	if (item->len < sizeof(*ci))
		return -EUCLEAN;
	span->vaddr = item->key.offset;
	span->length = le64toh(ci->length);
	return 0;
}

int chunk_item_parse(const struct tree_item *item, struct chunk_info *c)
{
	const struct btrfs_chunk *ci = item->data;
	const struct btrfs_stripe *st;
	struct chunk_span span;
	int i;

	if (parse_span(item, &span))
		return -EUCLEAN;
	c->vaddr = span.vaddr;
	c->length = span.length;
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

static int collect_chunk(const struct tree_item *item, void *elem)
{
	int err = chunk_item_parse(item, elem);

	return err ? err : 1;
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

	return tree_search_collect(fs, BTRFS_CHUNK_TREE_OBJECTID, &min,
				   &max, sizeof(**ret), collect_chunk,
				   release_chunks, (void **)ret);
}

static int collect_span(const struct tree_item *item, void *elem)
{
	int err = parse_span(item, elem);

	return err ? err : 1;
}

int read_chunk_spans(const struct btrfs_fs *fs, struct chunk_span **ret)
{
	struct tree_key min = { BTRFS_FIRST_CHUNK_TREE_OBJECTID,
				BTRFS_CHUNK_ITEM_KEY, 0 };
	struct tree_key max = { BTRFS_FIRST_CHUNK_TREE_OBJECTID,
				BTRFS_CHUNK_ITEM_KEY, UINT64_MAX };

	return tree_search_collect(fs, BTRFS_CHUNK_TREE_OBJECTID, &min,
				   &max, sizeof(**ret), collect_span, NULL,
				   (void **)ret);
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
