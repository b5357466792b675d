/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_ITEMS_H
#define HEATMAP_ITEMS_H

#include <stddef.h>
#include <stdint.h>
#include "common/open-utils.h"
#include "common/tree-search.h"

/*
 * Block group flags of the remap tree, newer than the uapi headers here: a
 * block group whose data was moved elsewhere (a fully remapped chunk has no
 * stripes left), and the type of the block groups holding the remap tree.
 */
#ifndef BTRFS_BLOCK_GROUP_REMAPPED
#define BTRFS_BLOCK_GROUP_REMAPPED	(1ULL << 11)
#endif
#ifndef BTRFS_BLOCK_GROUP_METADATA_REMAP
#define BTRFS_BLOCK_GROUP_METADATA_REMAP	(1ULL << 12)
#endif

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

/* A block group item, from the extent tree or the block group tree. */
struct block_group_info {
	uint64_t vaddr;
	uint64_t length;
	uint64_t used;
	uint64_t flags;
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

/*
 * Start an iteration over the device extents of devices @min_devid to
 * @max_devid, in devid and physical address order.
 */
int dev_extents_init(struct tree_search *ts, const struct btrfs_fs *fs,
		     uint64_t min_devid, uint64_t max_devid);

/* Fetch the next device extent: 1, 0 at the end, or -errno. */
int dev_extents_next(struct tree_search *ts, struct dev_extent_info *de);

/*
 * Look up the block group at @vaddr, with @length when known (0 if not),
 * in whichever tree holds block group items.  One exact lookup, never a
 * scan.  Return 1 found, 0 not found, or -errno.
 */
int block_group_lookup(const struct btrfs_fs *fs, uint64_t vaddr,
		       uint64_t length, struct block_group_info *bg);

/*
 * Read every block group in address order.  With the block group tree this
 * is one pass over tree 11; otherwise one lookup per chunk.  Return the
 * count or -errno.
 */
int read_block_groups(const struct btrfs_fs *fs,
		      struct block_group_info **ret);

/* Length of each device extent of a chunk (python-btrfs's formula). */
uint64_t chunk_dev_extent_length(const struct chunk_info *chunk);

/* Flag names joined by '|' as python-btrfs prints them: "DATA|RAID1". */
void block_group_flags_str(uint64_t flags, char *buf, size_t len);

/*
 * used / length as a fraction, the reference's used_pct before scaling; 0
 * for a block group of length 0, which the kernel never makes.
 */
double block_group_usage(const struct block_group_info *bg);

/* Used percent rounded half to even, as python-btrfs BlockGroupItem does; 0 for length 0. */
int block_group_used_pct(const struct block_group_info *bg);

#endif
