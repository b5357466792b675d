// SPDX-License-Identifier: MIT
/*
 * The allocated and used bytes per type and profile that show and bg
 * print with --format json and diff prints before and after: summed over
 * the block groups of a scan, each type and profile once, in flags order.
 */
#include <linux/btrfs_tree.h>
#include "common/picture/diff-summary.h"
#include "common/picture/scan-totals.h"
#include "tests/unit/unit.h"

#define MiB	(1ULL << 20)

#define DATA		BTRFS_BLOCK_GROUP_DATA
#define META_DUP	(BTRFS_BLOCK_GROUP_METADATA | BTRFS_BLOCK_GROUP_DUP)
#define SYS_DUP		(BTRFS_BLOCK_GROUP_SYSTEM | BTRFS_BLOCK_GROUP_DUP)
#define DATA_RAID1	(BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_RAID1)

static const char fsid[] = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

static void add_bg(struct scan *s, uint64_t vaddr, uint64_t flags,
		   uint64_t used)
{
	CHECK_INT(scan_add_block_group(s, vaddr * MiB, 8 * MiB, flags,
				       used * MiB), 0);
}

static void test_empty(void)
{
	struct scan_profile_total *t = (void *)1;
	struct scan s;
	uint32_t nr = 1;

	scan_init(&s, SCAN_BG, fsid);
	CHECK_INT(scan_profile_totals(&s, &t, &nr), 0);
	CHECK_INT(nr, 0);
	CHECK(!t);
	scan_release(&s);
}

static void test_sums(void)
{
	struct scan_profile_total *t;
	struct scan s;
	uint32_t nr;

	scan_init(&s, SCAN_BG, fsid);
	/* Drawing order, not flags order; a bit outside type and profile. */
	CHECK_SUB(add_bg(&s, 100, META_DUP, 1));
	CHECK_SUB(add_bg(&s, 10, DATA, 2));
	CHECK_SUB(add_bg(&s, 50, DATA | BTRFS_AVAIL_ALLOC_BIT_SINGLE, 3));
	CHECK_SUB(add_bg(&s, 1, SYS_DUP, 0));
	CHECK_SUB(add_bg(&s, 200, META_DUP, 4));
	CHECK_INT(scan_profile_totals(&s, &t, &nr), 0);
	scan_release(&s);
	CHECK_INT(nr, 3);
	CHECK_U64(t[0].flags, DATA);
	CHECK_U64(t[0].allocated, 16 * MiB);
	CHECK_U64(t[0].used, 5 * MiB);
	CHECK_U64(t[1].flags, SYS_DUP);
	CHECK_U64(t[1].allocated, 8 * MiB);
	CHECK_U64(t[1].used, 0);
	CHECK_U64(t[2].flags, META_DUP);
	CHECK_U64(t[2].allocated, 16 * MiB);
	CHECK_U64(t[2].used, 5 * MiB);
	free(t);
}

/*
 * A picture from outside may claim every kind there is, in any order:
 * each once, in flags order, with its own sums.
 */
static void test_every_kind(void)
{
	struct scan_profile_total *t;
	uint64_t flags, want = 0;
	uint32_t nr, i;
	struct scan s;

	scan_init(&s, SCAN_BG, fsid);
	/* Each value of the type and profile bits twice, downwards. */
	for (i = 0; i < 2 * (SCAN_PROFILE_FLAGS + 1); i++) {
		flags = SCAN_PROFILE_FLAGS - i / 2;
		CHECK_SUB(add_bg(&s, i + 1, flags, flags % 5));
	}
	CHECK_INT(scan_profile_totals(&s, &t, &nr), 0);
	scan_release(&s);
	CHECK_INT(nr, SCAN_PROFILE_FLAGS + 1);
	for (i = 0; i < nr; i++, want++) {
		CHECK_U64(t[i].flags, want);
		CHECK_U64(t[i].allocated, 16 * MiB);
		CHECK_U64(t[i].used, 2 * (want % 5) * MiB);
	}
	free(t);
}

static void check_profile(const struct diff_profile *p, uint64_t flags,
			  uint64_t before, uint64_t after)
{
	CHECK_U64(p->flags, flags);
	CHECK_U64(p->allocated.before, before ? 8 * MiB : 0);
	CHECK_U64(p->allocated.after, after ? 8 * MiB : 0);
	CHECK_U64(p->used.before, before * MiB);
	CHECK_U64(p->used.after, after * MiB);
}

/* diff: the types and profiles of both sides, 0 on the side without. */
static void test_diff_both_sides(void)
{
	struct diff_summary sum = { 0 };
	struct scan old, new;

	scan_init(&old, SCAN_BG, fsid);
	scan_init(&new, SCAN_BG, fsid);
	CHECK_INT(scan_add_device(&old, 1, 1024 * MiB, 16 * MiB), 0);
	CHECK_INT(scan_add_device(&new, 1, 1024 * MiB, 24 * MiB), 0);
	CHECK_SUB(add_bg(&old, 10, DATA_RAID1, 2));
	CHECK_SUB(add_bg(&old, 20, META_DUP, 1));
	CHECK_SUB(add_bg(&new, 30, META_DUP, 3));
	CHECK_SUB(add_bg(&new, 40, DATA, 4));
	CHECK_SUB(add_bg(&new, 50, SYS_DUP, 5));
	CHECK_INT(diff_summary_scans(&sum, &old, &new), 0);
	scan_release(&old);
	scan_release(&new);
	CHECK_INT(sum.nr_profiles, 4);
	CHECK_SUB(check_profile(&sum.profiles[0], DATA, 0, 4));
	CHECK_SUB(check_profile(&sum.profiles[1], DATA_RAID1, 2, 0));
	CHECK_SUB(check_profile(&sum.profiles[2], SYS_DUP, 0, 5));
	CHECK_SUB(check_profile(&sum.profiles[3], META_DUP, 1, 3));
	diff_summary_release(&sum);
}

/* Scans from outside may hold no device and no block group. */
static void test_diff_empty(void)
{
	struct diff_summary sum = { 0 };
	struct scan old, new;

	scan_init(&old, SCAN_BG, fsid);
	scan_init(&new, SCAN_BG, fsid);
	CHECK_INT(diff_summary_scans(&sum, &old, &new), 0);
	CHECK_INT(sum.nr_profiles, 0);
	CHECK_INT(sum.nr_devices, 0);
	CHECK_INT(sum.nr_changes, 0);
	diff_summary_release(&sum);
}

int main(void)
{
	RUN_TEST(test_empty);
	RUN_TEST(test_sums);
	RUN_TEST(test_every_kind);
	RUN_TEST(test_diff_both_sides);
	RUN_TEST(test_diff_empty);
	return UNIT_DONE("test-scan-totals");
}
