// SPDX-License-Identifier: MIT
#include <endian.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/extent-items.h"

int extent_reader_init(struct extent_reader *er, const struct btrfs_fs *fs,
		       uint64_t min_vaddr, uint64_t max_vaddr, bool data_only)
{
	struct tree_key min = { min_vaddr, 0, 0 };
	struct tree_key max = { max_vaddr, UINT8_MAX, UINT64_MAX };
	int err;

	memset(er, 0, sizeof(*er));
	er->nodesize = fs->nodesize;
	er->data_only = data_only;
	err = tree_search_init(&er->ts, fs, BTRFS_EXTENT_TREE_OBJECTID, &min,
			       &max, 0);
	/* All the extents of a block group: thousands, often. */
	if (!err)
		tree_search_read_ahead_now(&er->ts);
	return err;
}

static void add_tree_ref(struct extent_info *ext, uint64_t root)
{
	if (ext->has_tree_ref)
		return;
	ext->first_root = root;
	ext->has_tree_ref = true;
}

/*
 * Read the inline references of a tree block.  They are all 9 bytes; a
 * type we do not know ends the list, as we could not step over it.
 */
static void parse_inline_refs(struct extent_info *ext, const uint8_t *p,
			      const uint8_t *end)
{
	const struct btrfs_extent_inline_ref *ref;

	while (p + sizeof(*ref) <= end) {
		ref = (const void *)p;
		if (ref->type == BTRFS_TREE_BLOCK_REF_KEY)
			add_tree_ref(ext, le64toh(ref->offset));
		else if (ref->type == BTRFS_SHARED_BLOCK_REF_KEY)
			ext->has_shared_ref = true;
		else
			return;
		p += sizeof(*ref);
	}
}

int extent_info_parse(const struct tree_item *item, uint32_t nodesize,
		      struct extent_info *ext)
{
	const struct btrfs_extent_item *ei = item->data;
	const uint8_t *p = item->data, *end = p + item->len;

	if (item->len < sizeof(*ei))
		return -EUCLEAN;
	memset(ext, 0, sizeof(*ext));
	ext->vaddr = item->key.objectid;
	ext->key_type = item->key.type;
	ext->refs = le64toh(ei->refs);
	ext->flags = le64toh(ei->flags);
	p += sizeof(*ei);
	if (item->key.type == BTRFS_METADATA_ITEM_KEY) {
		/* Skinny: the key offset is the level, the length a node. */
		ext->length = nodesize;
		parse_inline_refs(ext, p, end);
		return 0;
	}
	ext->length = item->key.offset;
	if (!(ext->flags & BTRFS_EXTENT_FLAG_DATA) &&
	    (ext->flags & BTRFS_EXTENT_FLAG_TREE_BLOCK) &&
	    end - p >= (ptrdiff_t)sizeof(struct btrfs_tree_block_info))
		parse_inline_refs(ext, p + sizeof(struct btrfs_tree_block_info),
				  end);
	return 0;
}

void extent_info_add_keyed_ref(struct extent_info *ext,
			       const struct tree_key *key)
{
	if (key->type == BTRFS_TREE_BLOCK_REF_KEY)
		add_tree_ref(ext, key->offset);
	else if (key->type == BTRFS_SHARED_BLOCK_REF_KEY)
		ext->has_shared_ref = true;
}

int extent_reader_next(struct extent_reader *er, struct extent_info *ext)
{
	struct tree_item item;
	bool had;
	int ret;

	while ((ret = tree_search_next(&er->ts, &item)) > 0) {
		switch (item.key.type) {
		case BTRFS_EXTENT_ITEM_KEY:
		case BTRFS_METADATA_ITEM_KEY:
			if (er->data_only) {
				if (item.key.type != BTRFS_EXTENT_ITEM_KEY)
					break;
				memset(ext, 0, sizeof(*ext));
				ext->vaddr = item.key.objectid;
				ext->length = item.key.offset;
				ext->key_type = item.key.type;
				ext->flags = BTRFS_EXTENT_FLAG_DATA;
				return 1;
			}
			had = er->have_pending;
			if (had)
				*ext = er->pending;
			ret = extent_info_parse(&item, er->nodesize,
						&er->pending);
			if (ret)
				return ret;
			er->have_pending = true;
			if (had)
				return 1;
			break;
		default:
			/*
			 * Keyed references follow their extent's item; data
			 * references and the block group item change nothing.
			 */
			if (er->have_pending)
				extent_info_add_keyed_ref(&er->pending,
							  &item.key);
			break;
		}
	}
	if (ret < 0)
		return ret;
	if (!er->have_pending)
		return 0;
	*ext = er->pending;
	er->have_pending = false;
	return 1;
}

void extent_reader_release(struct extent_reader *er)
{
	tree_search_release(&er->ts);
}

uint64_t extent_owner_tree(const struct extent_info *ext)
{
	uint64_t root = ext->first_root;

	if (ext->refs > 1 || ext->has_shared_ref)
		return BTRFS_FS_TREE_OBJECTID;
	if (!ext->has_tree_ref)
		return 0;
	/* Subvolumes and snapshots all share the FS tree's colour. */
	if (root >= BTRFS_FIRST_FREE_OBJECTID && root <= BTRFS_LAST_FREE_OBJECTID)
		return BTRFS_FS_TREE_OBJECTID;
	return root;
}

const char *extent_key_type_str(uint8_t key_type)
{
	switch (key_type) {
	case BTRFS_EXTENT_ITEM_KEY:
		return "EXTENT_ITEM";
	case BTRFS_METADATA_ITEM_KEY:
		return "METADATA_ITEM";
	default:
		return "UNKNOWN";
	}
}
