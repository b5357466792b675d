// SPDX-License-Identifier: MIT
/*
 * Extent items and the tree that owns a metadata extent, against the
 * reference.  The expected owners are Python's: /usr/bin/btrfs-heatmap
 * (btrfs-heatmap 9) loaded as a module, python-btrfs 13 MetaDataItem and
 * ExtentItem objects made from the same bytes, keyed references added with
 * _append_tree_block_ref() / _append_shared_block_ref() as
 * FileSystem.extents() adds them, then heatmap._get_metadata_root(item).
 * Colours are heatmap.metadata_extent_colors.get(root, white).
 */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/draw/colors.h"
#include "common/btrfs/extent-items.h"
#include "tests/unit/unit.h"

#define NODESIZE	16384
#define U64(x)		((uint64_t)(x))

struct ref {
	uint8_t type;
	uint64_t offset;
};

/*
 * Lay out an item as the extent tree has it: the extent item, for a
 * non-skinny tree block its tree_block_info, then the inline references.
 */
static size_t make_item(uint8_t *buf, uint64_t refs, uint64_t flags,
			bool tree_block_info, const struct ref *inl, int nr)
{
	struct btrfs_extent_item ei = {
		.refs = htole64(refs),
		.generation = htole64(1),
		.flags = htole64(flags),
	};
	struct btrfs_extent_inline_ref ir;
	size_t len = 0;
	int i;

	memcpy(buf, &ei, sizeof(ei));
	len += sizeof(ei);
	if (tree_block_info) {
		memset(buf + len, 0, sizeof(struct btrfs_tree_block_info));
		len += sizeof(struct btrfs_tree_block_info);
	}
	for (i = 0; i < nr; i++) {
		ir.type = inl[i].type;
		ir.offset = htole64(inl[i].offset);
		memcpy(buf + len, &ir, sizeof(ir));
		len += sizeof(ir);
	}
	return len;
}

/* The owner of a skinny metadata item with these references. */
static uint64_t owner(uint64_t refs, const struct ref *inl, int nr_inl,
		      const struct ref *keyed, int nr_keyed)
{
	uint8_t buf[256];
	struct tree_item item = {
		.key = { 1 << 20, BTRFS_METADATA_ITEM_KEY, 0 },
		.data = buf,
	};
	struct tree_key key = { 1 << 20, 0, 0 };
	struct extent_info ext;
	int i;

	item.len = make_item(buf, refs, BTRFS_EXTENT_FLAG_TREE_BLOCK, false,
			     inl, nr_inl);
	if (extent_info_parse(&item, NODESIZE, &ext))
		return UINT64_MAX - 1;
	for (i = 0; i < nr_keyed; i++) {
		key.type = keyed[i].type;
		key.offset = keyed[i].offset;
		extent_info_add_keyed_ref(&ext, &key);
	}
	return extent_owner_tree(&ext);
}

static void test_owner_rules(void)
{
	const struct ref extent_tree[] = { { BTRFS_TREE_BLOCK_REF_KEY, 2 } };
	const struct ref subvol[] = { { BTRFS_TREE_BLOCK_REF_KEY, 257 } };
	const struct ref two[] = { { BTRFS_TREE_BLOCK_REF_KEY, 7 },
				   { BTRFS_TREE_BLOCK_REF_KEY, 257 } };
	const struct ref shared[] = { { BTRFS_SHARED_BLOCK_REF_KEY, 123456 } };
	const struct ref keyed_10[] = { { BTRFS_TREE_BLOCK_REF_KEY, 10 } };
	const struct ref uuid_tree[] = { { BTRFS_TREE_BLOCK_REF_KEY, 9 } };
	const struct ref keyed_3[] = { { BTRFS_TREE_BLOCK_REF_KEY, 3 } };
	const struct ref dev_tree[] = { { BTRFS_TREE_BLOCK_REF_KEY, 4 } };
	const struct ref keyed_shared[] = { { BTRFS_SHARED_BLOCK_REF_KEY, 99 } };

	CHECK_U64(owner(1, extent_tree, 1, NULL, 0), 2);
	CHECK_U64(owner(1, subvol, 1, NULL, 0), 5);
	CHECK_U64(owner(2, two, 2, NULL, 0), 5);
	CHECK_U64(owner(1, shared, 1, NULL, 0), 5);
	CHECK_U64(owner(1, NULL, 0, keyed_10, 1), 10);
	CHECK_U64(owner(1, uuid_tree, 1, keyed_3, 1), 9);
	CHECK_U64(owner(1, dev_tree, 1, keyed_shared, 1), 5);
}

static void test_owner_subvolume_range(void)
{
	const struct ref r[] = { { BTRFS_TREE_BLOCK_REF_KEY, 0 } };
	struct ref x = r[0];

	x.offset = U64(-9);	/* the data relocation tree */
	CHECK_U64(owner(1, &x, 1, NULL, 0), U64(-9));
	x.offset = U64(-256);
	CHECK_U64(owner(1, &x, 1, NULL, 0), 5);
	x.offset = U64(-255);
	CHECK_U64(owner(1, &x, 1, NULL, 0), U64(-255));
	x.offset = 255;
	CHECK_U64(owner(1, &x, 1, NULL, 0), 255);
	x.offset = 256;
	CHECK_U64(owner(1, &x, 1, NULL, 0), 5);
}

static void test_owner_colors(void)
{
	struct rgb c;

	c = tree_color(2);
	CHECK(c.r == 157 && c.g == 84 && c.b == 156);
	c = tree_color(U64(-9));
	CHECK(c.r == 117 && c.g == 119 && c.b == 123);
	c = tree_color(255);
	CHECK(c.r == 255 && c.g == 255 && c.b == 255);
	c = tree_color(U64(-255));
	CHECK(c.r == 255 && c.g == 255 && c.b == 255);
}

static void test_metadata_item(void)
{
	const struct ref inl[] = { { BTRFS_TREE_BLOCK_REF_KEY, 7 } };
	uint8_t buf[64];
	struct tree_item item = {
		.key = { 30408704, BTRFS_METADATA_ITEM_KEY, 1 },
		.data = buf,
	};
	struct extent_info ext;

	item.len = make_item(buf, 1, BTRFS_EXTENT_FLAG_TREE_BLOCK, false,
			     inl, 1);
	CHECK_INT(extent_info_parse(&item, NODESIZE, &ext), 0);
	CHECK_U64(ext.vaddr, 30408704);
	/* The key offset is the level: the length is a node. */
	CHECK_U64(ext.length, NODESIZE);
	CHECK_INT(ext.key_type, BTRFS_METADATA_ITEM_KEY);
	CHECK_U64(extent_owner_tree(&ext), 7);
	CHECK_STR(extent_key_type_str(ext.key_type), "METADATA_ITEM");
}

/* A tree block without skinny metadata: (16384, 7) and (16384, 5). */
static void test_thick_tree_block(void)
{
	const struct ref inl[] = { { BTRFS_TREE_BLOCK_REF_KEY, 7 } };
	uint8_t buf[64];
	struct tree_item item = {
		.key = { 1 << 20, BTRFS_EXTENT_ITEM_KEY, 16384 },
		.data = buf,
	};
	struct extent_info ext;

	item.len = make_item(buf, 1, BTRFS_EXTENT_FLAG_TREE_BLOCK, true, inl, 1);
	CHECK_INT(extent_info_parse(&item, 4096, &ext), 0);
	CHECK_U64(ext.length, 16384);
	CHECK_U64(extent_owner_tree(&ext), 7);
	item.len = make_item(buf, 3, BTRFS_EXTENT_FLAG_TREE_BLOCK, true, inl, 1);
	CHECK_INT(extent_info_parse(&item, 4096, &ext), 0);
	CHECK_U64(extent_owner_tree(&ext), 5);
	CHECK_STR(extent_key_type_str(ext.key_type), "EXTENT_ITEM");
}

static void test_data_extent(void)
{
	uint8_t buf[64];
	struct tree_item item = {
		.key = { 1 << 30, BTRFS_EXTENT_ITEM_KEY, 131072 },
		.data = buf,
	};
	struct extent_info ext;

	item.len = make_item(buf, 1, BTRFS_EXTENT_FLAG_DATA, false, NULL, 0);
	CHECK_INT(extent_info_parse(&item, NODESIZE, &ext), 0);
	CHECK_U64(ext.length, 131072);
	CHECK(ext.flags & BTRFS_EXTENT_FLAG_DATA);
	CHECK(!ext.has_tree_ref && !ext.has_shared_ref);
}

static void test_short_items(void)
{
	uint8_t buf[64] = { 0 };
	struct tree_item item = {
		.key = { 1 << 20, BTRFS_METADATA_ITEM_KEY, 0 },
		.data = buf,
		.len = sizeof(struct btrfs_extent_item) - 1,
	};
	struct extent_info ext;

	CHECK_INT(extent_info_parse(&item, NODESIZE, &ext), -EUCLEAN);
	/* A tree block item cut short after its extent item: no refs. */
	item.key.type = BTRFS_EXTENT_ITEM_KEY;
	item.len = make_item(buf, 1, BTRFS_EXTENT_FLAG_TREE_BLOCK, false,
			     NULL, 0);
	CHECK_INT(extent_info_parse(&item, NODESIZE, &ext), 0);
	CHECK_U64(extent_owner_tree(&ext), 0);
}

int main(void)
{
	RUN_TEST(test_owner_rules);
	RUN_TEST(test_owner_subvolume_range);
	RUN_TEST(test_owner_colors);
	RUN_TEST(test_metadata_item);
	RUN_TEST(test_thick_tree_block);
	RUN_TEST(test_data_extent);
	RUN_TEST(test_short_items);
	return UNIT_DONE("extent-items");
}
