// SPDX-License-Identifier: MIT
#include <string.h>
#include "common/draw/colors.h"
#include "kernel-lib/btrfs_tree.h"

const struct rgb color_black = { 0x00, 0x00, 0x00 };
const struct rgb color_white = { 0xff, 0xff, 0xff };

struct rgb block_group_color(uint64_t flags)
{
	static const struct rgb blue = { 0x00, 0x00, 0xff };
	static const struct rgb red = { 0xff, 0x00, 0x33 };
	static const struct rgb blue_white = { 0x99, 0xcc, 0xff };

	/* The remap tree's own block groups are metadata of a new kind. */
	if (flags & BTRFS_BLOCK_GROUP_METADATA_REMAP)
		return blue;
	switch (flags & BTRFS_BLOCK_GROUP_TYPE_MASK) {
	case BTRFS_BLOCK_GROUP_METADATA:
		return blue;
	case BTRFS_BLOCK_GROUP_SYSTEM:
		return red;
	case BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_METADATA:
		return blue_white;
	default:
		return color_white;
	}
}

struct rgb tree_color(uint64_t root)
{
	switch (root) {
	case BTRFS_ROOT_TREE_OBJECTID:
		return (struct rgb){ 0xca, 0x53, 0x5c };	/* p_red */
	case BTRFS_EXTENT_TREE_OBJECTID:
		return (struct rgb){ 0x9d, 0x54, 0x9c };	/* beet */
	case BTRFS_CHUNK_TREE_OBJECTID:
		return (struct rgb){ 0x81, 0x88, 0x3c };	/* moss */
	case BTRFS_DEV_TREE_OBJECTID:
		return (struct rgb){ 0x6a, 0x5a, 0x7f };	/* aubergine */
	case BTRFS_FS_TREE_OBJECTID:
		return (struct rgb){ 0xaa, 0xcc, 0xeb };	/* bluebell */
	case BTRFS_CSUM_TREE_OBJECTID:
		return (struct rgb){ 0x6e, 0xa6, 0x34 };	/* clover */
	case BTRFS_QUOTA_TREE_OBJECTID:
		return (struct rgb){ 0xde, 0x5d, 0x94 };	/* fuchsia */
	case BTRFS_UUID_TREE_OBJECTID:
		return (struct rgb){ 0x6f, 0x5e, 0x55 };	/* chocolate */
	case BTRFS_FREE_SPACE_TREE_OBJECTID:
		return (struct rgb){ 0xdb, 0xc9, 0xea };	/* plum */
	case BTRFS_DATA_RELOC_TREE_OBJECTID:
		return (struct rgb){ 0x75, 0x77, 0x7b };	/* slate */
	default:
		return color_white;
	}
}

/* Fill @n pixels at @p with @c; long runs double what is done. */
void rgb_fill(uint8_t *p, size_t n, struct rgb c)
{
	size_t done, len = n * 3;

	if (n <= 16) {
		for (; n; n--, p += 3) {
			p[0] = c.r;
			p[1] = c.g;
			p[2] = c.b;
		}
		return;
	}
	p[0] = c.r;
	p[1] = c.g;
	p[2] = c.b;
	for (done = 3; done < len; done *= 2)
		memcpy(p + done, p, done < len - done ? done : len - done);
}
