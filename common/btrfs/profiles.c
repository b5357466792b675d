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

struct flag_name {
	uint64_t flag;
	const char *name;
};

/* The profiles, as btrfs-progs and python-btrfs spell them. */
static const struct flag_name profile_names[] = {
	{ BTRFS_BLOCK_GROUP_RAID0, "RAID0" },
	{ BTRFS_BLOCK_GROUP_RAID1, "RAID1" },
	{ BTRFS_BLOCK_GROUP_DUP, "DUP" },
	{ BTRFS_BLOCK_GROUP_RAID10, "RAID10" },
	{ BTRFS_BLOCK_GROUP_RAID5, "RAID5" },
	{ BTRFS_BLOCK_GROUP_RAID6, "RAID6" },
	{ BTRFS_BLOCK_GROUP_RAID1C3, "RAID1C3" },
	{ BTRFS_BLOCK_GROUP_RAID1C4, "RAID1C4" },
};

/* The other flags, in python-btrfs's order around the profiles. */
static const struct flag_name type_flag_names[] = {
	{ BTRFS_BLOCK_GROUP_DATA, "DATA" },
	{ BTRFS_BLOCK_GROUP_SYSTEM, "SYSTEM" },
	{ BTRFS_BLOCK_GROUP_METADATA, "METADATA" },
};

static const struct flag_name remap_flag_names[] = {
	{ BTRFS_BLOCK_GROUP_REMAPPED, "REMAPPED" },
	{ BTRFS_BLOCK_GROUP_METADATA_REMAP, "METADATA_REMAP" },
};

const char *block_group_profile_name(uint64_t flags)
{
	size_t i;

	flags &= BTRFS_BLOCK_GROUP_PROFILE_MASK;
	if (!flags)
		return "single";
	for (i = 0; i < ARRAY_SIZE(profile_names); i++)
		if (flags == profile_names[i].flag)
			return profile_names[i].name;
	return "unknown";
}

const char *block_group_type_name(uint64_t flags)
{
	switch (flags & BTRFS_BLOCK_GROUP_TYPE_MASK) {
	case BTRFS_BLOCK_GROUP_DATA:
		return "Data";
	case BTRFS_BLOCK_GROUP_METADATA:
		return "Metadata";
	case BTRFS_BLOCK_GROUP_SYSTEM:
		return "System";
	case BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_METADATA:
		return "Data+Metadata";
	default:
		return "unknown";
	}
}

/* Append the names of @names set in *@flags to @buf, clearing them. */
static size_t append_flag_names(const struct flag_name *names, size_t nr,
				uint64_t *flags, char *buf, size_t pos,
				size_t len)
{
	size_t i;

	for (i = 0; i < nr && pos < len; i++) {
		if (!(*flags & names[i].flag))
			continue;
		pos += snprintf(buf + pos, len - pos, "%s%s", pos ? "|" : "",
				names[i].name);
		*flags &= ~names[i].flag;
	}
	return pos;
}

void block_group_flags_str(uint64_t flags, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	pos = append_flag_names(type_flag_names, ARRAY_SIZE(type_flag_names),
				&flags, buf, pos, len);
	pos = append_flag_names(profile_names, ARRAY_SIZE(profile_names),
				&flags, buf, pos, len);
	pos = append_flag_names(remap_flag_names, ARRAY_SIZE(remap_flag_names),
				&flags, buf, pos, len);
	if (pos >= len)
		return;
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
