// SPDX-License-Identifier: MIT
/*
 * What block group flags say: profile arithmetic and flag names, as
 * python-btrfs has them, and how full a block group is.
 */
#include <math.h>
#include <stdio.h>
#include "common/btrfs/profiles.h"
#include "kernel-lib/btrfs_tree.h"
#include "kernel-lib/kernel.h"

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
