// SPDX-License-Identifier: MIT
/*
 * Items of newer kernels and of corrupt or hostile filesystems: the remap
 * tree's block group flags, chunks without stripes, unknown flags and
 * tree owners, a block group of length 0.  Each is drawn or skipped
 * sensibly, never a division by zero.
 */
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <linux/btrfs_tree.h>
#include "common/balance/balance-plan.h"
#include "common/draw/colors.h"
#include "common/btrfs/chunk-items.h"
#include "common/btrfs/profiles.h"
#include "tests/unit/unit.h"

/* A chunk item with room for @room stripes that says it has @nr. */
static void make_chunk(struct tree_item *item, void *buf, size_t room,
		       uint16_t nr, uint64_t type)
{
	struct btrfs_chunk *ci = buf;
	struct btrfs_stripe *st = &ci->stripe;
	size_t i;

	memset(buf, 0, sizeof(*ci) + room * sizeof(*st));
	ci->length = htole64(1ULL << 30);
	ci->type = htole64(type);
	ci->num_stripes = htole16(nr);
	for (i = 0; i < room; i++)
		st[i].devid = htole64(i + 1);
	memset(item, 0, sizeof(*item));
	item->key.offset = 1ULL << 30;
	item->len = sizeof(*ci) + (room ? room - 1 : 0) * sizeof(*st);
	item->data = buf;
}

static void test_chunk_without_stripes(void)
{
	uint64_t buf[64];
	struct tree_item item;
	struct chunk_info c;

	/* a fully remapped chunk: no stripes, the item as short as it gets */
	make_chunk(&item, buf, 0, 0,
		   BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_REMAPPED);
	CHECK(chunk_item_parse(&item, &c) == 0);
	CHECK(c.num_stripes == 0);
	CHECK(c.vaddr == 1ULL << 30);
	CHECK(chunk_dev_extent_length(&c) == 0);
	free(c.stripes);
	/* one stripe, and two that the item has no room for */
	make_chunk(&item, buf, 1, 1, BTRFS_BLOCK_GROUP_DATA);
	CHECK(chunk_item_parse(&item, &c) == 0);
	CHECK(c.stripes[0].devid == 1);
	CHECK(chunk_dev_extent_length(&c) == 1ULL << 30);
	free(c.stripes);
	make_chunk(&item, buf, 1, 2, BTRFS_BLOCK_GROUP_DATA);
	CHECK(chunk_item_parse(&item, &c) == -EUCLEAN);
	item.len = 10;
	CHECK(chunk_item_parse(&item, &c) == -EUCLEAN);
}

static void test_parity_without_data_stripes(void)
{
	struct chunk_info c = { .length = 1ULL << 30, .num_stripes = 1,
				.type = BTRFS_BLOCK_GROUP_DATA |
					BTRFS_BLOCK_GROUP_RAID6 };

	CHECK(chunk_dev_extent_length(&c) == 0);
	c.num_stripes = 0;
	c.type = BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_RAID5;
	CHECK(chunk_dev_extent_length(&c) == 0);
}

static void test_flag_names(void)
{
	char buf[128];

	block_group_flags_str(BTRFS_BLOCK_GROUP_DATA |
			      BTRFS_BLOCK_GROUP_REMAPPED, buf, sizeof(buf));
	CHECK_MSG(!strcmp(buf, "DATA|REMAPPED"), "got %s", buf);
	block_group_flags_str(BTRFS_BLOCK_GROUP_METADATA_REMAP |
			      BTRFS_BLOCK_GROUP_DUP, buf, sizeof(buf));
	CHECK_MSG(!strcmp(buf, "DUP|METADATA_REMAP"), "got %s", buf);
	block_group_flags_str(BTRFS_BLOCK_GROUP_DATA | (1ULL << 40), buf,
			      sizeof(buf));
	CHECK_MSG(!strcmp(buf, "DATA|unknown(0x10000000000)"), "got %s", buf);
	block_group_flags_str(0, buf, sizeof(buf));
	CHECK_MSG(!strcmp(buf, "none"), "got %s", buf);
	block_group_flags_str(BTRFS_BLOCK_GROUP_METADATA |
			      BTRFS_BLOCK_GROUP_RAID1C3, buf, sizeof(buf));
	CHECK_MSG(!strcmp(buf, "METADATA|RAID1C3"), "got %s", buf);
	/* a buffer too small is cut, never overrun */
	block_group_flags_str(~0ULL, buf, 8);
	CHECK(strlen(buf) < 8);

	/* the names of btrfs filesystem df, one table for every command */
	CHECK_STR(block_group_profile_name(BTRFS_BLOCK_GROUP_DATA), "single");
	CHECK_STR(block_group_profile_name(BTRFS_BLOCK_GROUP_METADATA |
					   BTRFS_BLOCK_GROUP_DUP), "DUP");
	CHECK_STR(block_group_profile_name(BTRFS_BLOCK_GROUP_RAID10), "RAID10");
	CHECK_STR(block_group_profile_name(BTRFS_BLOCK_GROUP_RAID1C4),
		  "RAID1C4");
	CHECK_STR(block_group_profile_name(BTRFS_BLOCK_GROUP_RAID1 |
					   BTRFS_BLOCK_GROUP_DUP), "unknown");
	CHECK_STR(block_group_type_name(BTRFS_BLOCK_GROUP_DATA |
					BTRFS_BLOCK_GROUP_RAID1), "Data");
	CHECK_STR(block_group_type_name(BTRFS_BLOCK_GROUP_SYSTEM), "System");
	CHECK_STR(block_group_type_name(BTRFS_BLOCK_GROUP_DATA |
					BTRFS_BLOCK_GROUP_METADATA),
		  "Data+Metadata");
	CHECK_STR(block_group_type_name(0), "unknown");
}

static void test_colors_of_new_kinds(void)
{
	struct rgb meta = block_group_color(BTRFS_BLOCK_GROUP_METADATA);
	struct rgb c;

	c = block_group_color(BTRFS_BLOCK_GROUP_METADATA_REMAP);
	CHECK(!memcmp(&c, &meta, sizeof(c)));
	c = block_group_color(BTRFS_BLOCK_GROUP_METADATA |
			      BTRFS_BLOCK_GROUP_REMAPPED);
	CHECK(!memcmp(&c, &meta, sizeof(c)));
	/* unknown: white, like everything the reference has no colour for */
	c = block_group_color(1ULL << 40);
	CHECK(!memcmp(&c, &color_white, sizeof(c)));
	c = tree_color(13);		/* the remap tree */
	CHECK(!memcmp(&c, &color_white, sizeof(c)));
	c = tree_color(-100ULL);
	CHECK(!memcmp(&c, &color_white, sizeof(c)));
}

static void test_block_group_of_length_zero(void)
{
	struct block_group_info bg = { .vaddr = 1, .length = 0, .used = 5 };
	struct plan_bg hb = { .length = 0, .used = 5 };

	CHECK(block_group_used_pct(&bg) == 0);
	CHECK(block_group_usage(&bg) == 0);
	CHECK(balance_plan_give_back(&hb) == 0);
	bg.length = 200;
	bg.used = 101;
	CHECK(block_group_used_pct(&bg) == 50);
	bg.used = 103;
	CHECK(block_group_used_pct(&bg) == 52);
}

int main(void)
{
	RUN_TEST(test_chunk_without_stripes);
	RUN_TEST(test_parity_without_data_stripes);
	RUN_TEST(test_flag_names);
	RUN_TEST(test_colors_of_new_kinds);
	RUN_TEST(test_block_group_of_length_zero);
	return UNIT_DONE("test-items");
}
