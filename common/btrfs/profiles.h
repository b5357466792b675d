/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PROFILES_H
#define HEATMAP_PROFILES_H

#include <stddef.h>
#include <stdint.h>
#include "common/btrfs/block-group-items.h"
#include "common/btrfs/chunk-items.h"
#include "kernel-lib/btrfs_tree.h"

/* Length of each device extent of a chunk (python-btrfs's formula). */
uint64_t chunk_dev_extent_length(const struct chunk_info *chunk);

/*
 * The profile's name as btrfs-progs spells it: "single", "DUP", "RAID1",
 * ..., "unknown" for no one profile.
 */
const char *block_group_profile_name(uint64_t flags);

/* "Data", "Metadata", "System", "Data+Metadata" as btrfs-progs says. */
const char *block_group_type_name(uint64_t flags);

/* Flag names joined by '|' as python-btrfs prints them: "DATA|RAID1". */
void block_group_flags_str(uint64_t flags, char *buf, size_t len);

/*
 * used / length as a fraction, the reference's used_pct before scaling; 0
 * for a block group of length 0, which the kernel never makes.
 */
double block_group_usage(const struct block_group_info *bg);

/*
 * Used percent rounded half to even, as python-btrfs BlockGroupItem does;
 * 0 for length 0.
 */
int block_group_used_pct(const struct block_group_info *bg);

#endif
