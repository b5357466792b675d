/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_EXTENT_ITEMS_H
#define HEATMAP_EXTENT_ITEMS_H

#include <stdbool.h>
#include <stdint.h>
#include "common/btrfs/open-utils.h"
#include "common/btrfs/tree-search.h"

/*
 * What a picture needs of one extent of the extent tree: an extent item
 * (data, or a tree block without skinny metadata) or a skinny metadata
 * item, with what its back references say about the tree that owns it.
 * Keyed TREE_BLOCK_REF and SHARED_BLOCK_REF items that follow the extent
 * in the tree count as its references, after the inline ones.
 */
struct extent_info {
	uint64_t vaddr;
	uint64_t length;	/* key offset; nodesize for a metadata item */
	uint8_t key_type;	/* BTRFS_EXTENT_ITEM_KEY or _METADATA_ITEM_KEY */
	uint64_t refs;
	uint64_t flags;		/* BTRFS_EXTENT_FLAG_* */
	uint64_t first_root;	/* root of the first tree block reference */
	bool has_tree_ref;	/* first_root is set */
	bool has_shared_ref;	/* some shared block reference */
};

/*
 * Read an extent item or a skinny metadata item, with its inline tree
 * block references, into @ext.  Return 0, or -EUCLEAN when it is too short
 * to be one.
 */
int extent_info_parse(const struct tree_item *item, uint32_t nodesize,
		      struct extent_info *ext);

/*
 * Count the keyed reference @key (TREE_BLOCK_REF or SHARED_BLOCK_REF, the
 * items that follow an extent's item in the tree) as one of @ext's; other
 * keys are not references of a tree block and change nothing.
 */
void extent_info_add_keyed_ref(struct extent_info *ext,
			       const struct tree_key *key);

/*
 * Extents in one range of addresses, read in a single streaming pass over
 * the extent tree: every item is fetched once, and an extent is handed out
 * when the next one starts, so that its keyed references are in.
 */
struct extent_reader {
	struct tree_search ts;
	uint32_t nodesize;
	bool data_only;
	bool have_pending;
	struct extent_info pending;
};

/*
 * Prepare reading the extents that start in [@min_vaddr, @max_vaddr].
 * With @data_only, only extent items count and their contents are not
 * read: the shortcut for block groups that hold data alone.  Return 0 or
 * -errno.
 */
int extent_reader_init(struct extent_reader *er, const struct btrfs_fs *fs,
		       uint64_t min_vaddr, uint64_t max_vaddr, bool data_only);

/* Fetch the next extent: 1, 0 at the end, or -errno. */
int extent_reader_next(struct extent_reader *er, struct extent_info *ext);

void extent_reader_release(struct extent_reader *er);

/*
 * The tree a metadata extent is drawn for, by the reference's rule: blocks
 * with more than one reference or a shared one, and blocks of subvolume
 * trees, count as the FS tree; otherwise the root of the first reference.
 * 0 when there is no reference to go by.
 */
uint64_t extent_owner_tree(const struct extent_info *ext);

/* The key type as python-btrfs names it: "EXTENT_ITEM", "METADATA_ITEM". */
const char *extent_key_type_str(uint8_t key_type);

#endif
