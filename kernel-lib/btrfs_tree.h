/* SPDX-License-Identifier: MIT */
/*
 * Models the parts of the kernel's include/uapi/linux/btrfs_tree.h that
 * are newer than the uapi headers installed here; each is defined only
 * when those lack it.  Written for this project.
 */
#ifndef HEATMAP_KERNEL_LIB_BTRFS_TREE_H
#define HEATMAP_KERNEL_LIB_BTRFS_TREE_H

#include <linux/btrfs_tree.h>

/*
 * Block group flags of the remap tree: a block group whose data was moved
 * elsewhere (a fully remapped chunk has no stripes left), and the type of
 * the block groups holding the remap tree.
 */
#ifndef BTRFS_BLOCK_GROUP_REMAPPED
#define BTRFS_BLOCK_GROUP_REMAPPED	(1ULL << 11)
#endif
#ifndef BTRFS_BLOCK_GROUP_METADATA_REMAP
#define BTRFS_BLOCK_GROUP_METADATA_REMAP	(1ULL << 12)
#endif

#endif
