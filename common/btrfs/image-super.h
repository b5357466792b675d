/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_IMAGE_SUPER_H
#define HEATMAP_IMAGE_SUPER_H

#include <stddef.h>
#include <stdint.h>
#include "kernel-lib/btrfs-ondisk.h"

/* What the image reader needs of a superblock, in CPU byte order. */
struct image_super {
	uint8_t fsid[BTRFS_FSID_SIZE];
	uint8_t metadata_uuid[BTRFS_FSID_SIZE];	/* fsid of tree blocks */
	uint64_t generation;
	uint64_t root;
	uint64_t chunk_root;
	uint64_t chunk_root_generation;
	uint64_t num_devices;
	uint64_t compat_ro_flags;
	uint64_t incompat_flags;
	uint32_t sectorsize;
	uint32_t nodesize;
	uint16_t csum_type;
	uint8_t root_level;
	uint8_t chunk_root_level;
	uint64_t devid;			/* of the device it was read from */
	uint64_t dev_total_bytes;
	uint32_t sys_chunk_array_size;
	uint8_t sys_chunk_array[BTRFS_ONDISK_SYS_CHUNK_ARRAY];
};

/*
 * Check the superblock copy of @len bytes at @buf, read from @bytenr, as
 * the kernel does before mounting, and fill @sb.  Return 0, -ENOTTY when
 * it is no btrfs superblock, -EOPNOTSUPP for a checksum type or feature
 * this build cannot read, -EBADMSG for a wrong checksum, -EUCLEAN for bad
 * values.  *@why says what was wrong.
 */
int image_super_parse(const void *buf, size_t len, uint64_t bytenr,
		      struct image_super *sb, const char **why);

#endif
