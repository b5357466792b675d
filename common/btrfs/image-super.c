// SPDX-License-Identifier: MIT
#include <endian.h>
#include <errno.h>
#include <string.h>
#include "common/btrfs/image-csum.h"
#include "common/btrfs/image-super.h"

static int is_power_of_2(uint64_t n)
{
	return n && !(n & (n - 1));
}

/* Features that change where or how the trees we read are laid out. */
#define UNREADABLE_INCOMPAT	(BTRFS_FEATURE_INCOMPAT_ZONED | \
				 BTRFS_FEATURE_INCOMPAT_EXTENT_TREE_V2)

int image_super_parse(const void *buf, size_t len, uint64_t bytenr,
		      struct image_super *sb, const char **why)
{
	const struct btrfs_ondisk_super *ds = buf;
	uint32_t sectorsize, nodesize;
	int err;

	if (len < sizeof(*ds) || le64toh(ds->magic) != BTRFS_ONDISK_MAGIC) {
		*why = "no btrfs superblock";
		return -ENOTTY;
	}
	memset(sb, 0, sizeof(*sb));
	sb->csum_type = le16toh(ds->csum_type);
	if (!image_csum_size(sb->csum_type)) {
		*why = "unknown checksum type";
		return -EUCLEAN;
	}
	err = image_csum_verify(sb->csum_type, ds->fsid,
				sizeof(*ds) - sizeof(ds->csum), ds->csum);
	if (err == -EOPNOTSUPP) {
		*why = "this build has no library for the checksum type";
		return err;
	}
	if (err) {
		*why = "superblock checksum mismatch";
		return err;
	}
	if (le64toh(ds->bytenr) != bytenr) {
		*why = "superblock copy at the wrong place";
		return -EUCLEAN;
	}
	sectorsize = le32toh(ds->sectorsize);
	nodesize = le32toh(ds->nodesize);
	if (!is_power_of_2(sectorsize) || sectorsize < 4096 ||
	    sectorsize > 65536) {
		*why = "bad sector size";
		return -EUCLEAN;
	}
	if (!is_power_of_2(nodesize) || nodesize < sectorsize ||
	    nodesize > 65536) {
		*why = "bad node size";
		return -EUCLEAN;
	}
	if (le32toh(ds->stripesize) != sectorsize) {
		*why = "bad stripe size";
		return -EUCLEAN;
	}
	sb->sectorsize = sectorsize;
	sb->nodesize = nodesize;
	sb->root = le64toh(ds->root);
	sb->chunk_root = le64toh(ds->chunk_root);
	sb->root_level = ds->root_level;
	sb->chunk_root_level = ds->chunk_root_level;
	if (!sb->root || sb->root % sectorsize || !sb->chunk_root ||
	    sb->chunk_root % sectorsize) {
		*why = "tree root not aligned to the sector size";
		return -EUCLEAN;
	}
	if (sb->root_level >= BTRFS_ONDISK_MAX_LEVEL ||
	    sb->chunk_root_level >= BTRFS_ONDISK_MAX_LEVEL) {
		*why = "tree root level too high";
		return -EUCLEAN;
	}
	sb->sys_chunk_array_size = le32toh(ds->sys_chunk_array_size);
	if (sb->sys_chunk_array_size > BTRFS_ONDISK_SYS_CHUNK_ARRAY) {
		*why = "system chunk array too large";
		return -EUCLEAN;
	}
	memcpy(sb->sys_chunk_array, ds->sys_chunk_array,
	       sb->sys_chunk_array_size);
	sb->num_devices = le64toh(ds->num_devices);
	if (!sb->num_devices) {
		*why = "no devices";
		return -EUCLEAN;
	}
	sb->incompat_flags = le64toh(ds->incompat_flags);
	sb->compat_ro_flags = le64toh(ds->compat_ro_flags);
	if (sb->incompat_flags & UNREADABLE_INCOMPAT) {
		*why = "zoned and extent-tree-v2 filesystems cannot be read from an image";
		return -EOPNOTSUPP;
	}
	memcpy(sb->fsid, ds->fsid, sizeof(sb->fsid));
	if (sb->incompat_flags & BTRFS_FEATURE_INCOMPAT_METADATA_UUID)
		memcpy(sb->metadata_uuid, ds->metadata_uuid,
		       sizeof(sb->metadata_uuid));
	else
		memcpy(sb->metadata_uuid, ds->fsid, sizeof(sb->metadata_uuid));
	sb->generation = le64toh(ds->generation);
	sb->chunk_root_generation = le64toh(ds->chunk_root_generation);
	sb->devid = le64toh(ds->dev_item.devid);
	sb->dev_total_bytes = le64toh(ds->dev_item.total_bytes);
	return 0;
}
