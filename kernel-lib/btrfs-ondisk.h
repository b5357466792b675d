/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BTRFS_ONDISK_H
#define HEATMAP_BTRFS_ONDISK_H

/*
 * The btrfs structures that <linux/btrfs_tree.h> does not export: the
 * superblock, the header of a tree block, the key pointers of a node and
 * the item headers of a leaf.  Written from the documented on-disk format
 * (btrfs documentation, "On-disk format"); all fields little-endian, read
 * through le*toh() where they are used.
 */

#include <linux/btrfs_tree.h>

#define BTRFS_ONDISK_SUPER_OFFSET	(64 * 1024)
#define BTRFS_ONDISK_SUPER_SIZE		4096
#define BTRFS_ONDISK_SUPER_MIRRORS	3
#define BTRFS_ONDISK_MAGIC		0x4d5f53665248425fULL /* "_BHRfS_M" */
#define BTRFS_ONDISK_CSUM_SIZE		32
#define BTRFS_ONDISK_SYS_CHUNK_ARRAY	2048
#define BTRFS_ONDISK_LABEL_SIZE		256
#define BTRFS_ONDISK_MAX_LEVEL		8
#define BTRFS_ONDISK_STRIPE_LEN		(64 * 1024)

/* Offset of superblock copy @mirror (0 primary, then 64 MiB, 256 GiB). */
static inline unsigned long long btrfs_ondisk_super_offset(int mirror)
{
	return mirror ? (16ULL * 1024) << (12 * mirror)
		      : BTRFS_ONDISK_SUPER_OFFSET;
}

struct btrfs_ondisk_root_backup {
	__le64 tree_root;
	__le64 tree_root_gen;
	__le64 chunk_root;
	__le64 chunk_root_gen;
	__le64 extent_root;
	__le64 extent_root_gen;
	__le64 fs_root;
	__le64 fs_root_gen;
	__le64 dev_root;
	__le64 dev_root_gen;
	__le64 csum_root;
	__le64 csum_root_gen;
	__le64 total_bytes;
	__le64 bytes_used;
	__le64 num_devices;
	__le64 unused_64[4];
	__u8 tree_root_level;
	__u8 chunk_root_level;
	__u8 extent_root_level;
	__u8 fs_root_level;
	__u8 dev_root_level;
	__u8 csum_root_level;
	__u8 unused_8[10];
} __attribute__ ((__packed__));

struct btrfs_ondisk_super {
	__u8 csum[BTRFS_ONDISK_CSUM_SIZE];	/* of everything after it */
	__u8 fsid[BTRFS_FSID_SIZE];
	__le64 bytenr;			/* where this copy lives */
	__le64 flags;
	__le64 magic;
	__le64 generation;
	__le64 root;			/* logical address of the root tree */
	__le64 chunk_root;
	__le64 log_root;
	__le64 unused_log_root_transid;
	__le64 total_bytes;
	__le64 bytes_used;
	__le64 root_dir_objectid;
	__le64 num_devices;
	__le32 sectorsize;
	__le32 nodesize;
	__le32 unused_leafsize;
	__le32 stripesize;
	__le32 sys_chunk_array_size;
	__le64 chunk_root_generation;
	__le64 compat_flags;
	__le64 compat_ro_flags;
	__le64 incompat_flags;
	__le16 csum_type;
	__u8 root_level;
	__u8 chunk_root_level;
	__u8 log_root_level;
	struct btrfs_dev_item dev_item;	/* the device this copy is on */
	char label[BTRFS_ONDISK_LABEL_SIZE];
	__le64 cache_generation;
	__le64 uuid_tree_generation;
	__u8 metadata_uuid[BTRFS_FSID_SIZE];
	__le64 nr_global_roots;
	__le64 reserved[27];
	/* (btrfs_disk_key, btrfs_chunk with its stripes) pairs */
	__u8 sys_chunk_array[BTRFS_ONDISK_SYS_CHUNK_ARRAY];
	struct btrfs_ondisk_root_backup super_roots[4];
	__u8 padding[565];
} __attribute__ ((__packed__));

/* The start of every tree block. */
struct btrfs_ondisk_header {
	__u8 csum[BTRFS_ONDISK_CSUM_SIZE];	/* of the rest of the block */
	__u8 fsid[BTRFS_FSID_SIZE];	/* metadata_uuid with that feature */
	__le64 bytenr;			/* its own logical address */
	__le64 flags;
	__u8 chunk_tree_uuid[BTRFS_UUID_SIZE];
	__le64 generation;
	__le64 owner;
	__le32 nritems;
	__u8 level;			/* 0 for a leaf */
} __attribute__ ((__packed__));

/* A node's pointer to a child block, sorted by the child's first key. */
struct btrfs_ondisk_key_ptr {
	struct btrfs_disk_key key;
	__le64 blockptr;
	__le64 generation;
} __attribute__ ((__packed__));

/*
 * A leaf's item header; the data lives at @offset from the end of the
 * block header, items' data growing down from the block's end.
 */
struct btrfs_ondisk_item {
	struct btrfs_disk_key key;
	__le32 offset;
	__le32 size;
} __attribute__ ((__packed__));

_Static_assert(sizeof(struct btrfs_ondisk_super) == BTRFS_ONDISK_SUPER_SIZE,
	       "superblock is 4 KiB");
_Static_assert(sizeof(struct btrfs_ondisk_root_backup) == 168,
	       "root backup is 168 bytes");
_Static_assert(sizeof(struct btrfs_ondisk_header) == 101,
	       "tree block header is 101 bytes");
_Static_assert(sizeof(struct btrfs_ondisk_key_ptr) == 33, "key ptr is 33 bytes");
_Static_assert(sizeof(struct btrfs_ondisk_item) == 25, "item is 25 bytes");

#endif
