/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_CHUNK_ITEMS_H
#define HEATMAP_CHUNK_ITEMS_H

#include <stdint.h>
#include "common/btrfs/open-utils.h"
#include "common/btrfs/tree-search.h"

/* A device item of the chunk tree. */
struct device_info {
	uint64_t devid;
	uint64_t total_bytes;
	uint64_t bytes_used;
};

struct chunk_stripe {
	uint64_t devid;
	uint64_t offset;
};

/* A chunk item of the chunk tree, with its stripes. */
struct chunk_info {
	uint64_t vaddr;
	uint64_t length;
	uint64_t type;
	uint16_t num_stripes;
	uint16_t sub_stripes;
	struct chunk_stripe *stripes;
};

/* A device extent item of the device tree. */
struct dev_extent_info {
	uint64_t devid;
	uint64_t paddr;
	uint64_t length;
	uint64_t vaddr;		/* chunk_offset: the chunk it belongs to */
};

/* Read all device items, in devid order.  Return the count or -errno. */
int read_devices(const struct btrfs_fs *fs, struct device_info **ret);

/*
 * Parse the chunk item @item into @c, its stripes allocated (none for a
 * fully remapped chunk).  Return 0, -EUCLEAN for an item too short for its
 * stripes, or -ENOMEM.
 */
int chunk_item_parse(const struct tree_item *item, struct chunk_info *c);

/* Read all chunk items, in address order.  Return the count or -errno. */
int read_chunks(const struct btrfs_fs *fs, struct chunk_info **ret);
void free_chunks(struct chunk_info *chunks, int nr);

/* Where a chunk is in the address space. */
struct chunk_span {
	uint64_t vaddr;
	uint64_t length;
};

/*
 * Read the address and length of every chunk, in address order, without
 * their stripes, into *@ret (free() it).  Return the count or -errno.
 */
int read_chunk_spans(const struct btrfs_fs *fs, struct chunk_span **ret);

/*
 * Start an iteration over the device extents of devices @min_devid to
 * @max_devid, in devid and physical address order.
 */
int dev_extents_init(struct tree_search *ts, const struct btrfs_fs *fs,
		     uint64_t min_devid, uint64_t max_devid);

/* Fetch the next device extent: 1, 0 at the end, or -errno. */
int dev_extents_next(struct tree_search *ts, struct dev_extent_info *de);

#endif
