// SPDX-License-Identifier: MIT
/*
 * diff --force: two show scans laid out together, every device at its
 * larger size, and a scan drawn again there; a range that is not inside
 * one device of its own scan is refused, never drawn somewhere else.
 */
#include <errno.h>
#include <linux/btrfs_tree.h>
#include "common/picture/scan-redraw.h"
#include "tests/unit/unit.h"

#define GiB	(1ULL << 30)
#define MiB	(1ULL << 20)

static const char fsid[] = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

/* A physical scan of devices 1 (@size1 bytes) and, if @size2, 2. */
static void make_scan(struct scan *s, uint64_t size1, uint64_t size2,
		      uint64_t start, uint64_t length)
{
	scan_init(s, SCAN_SHOW_PHYSICAL, fsid);
	s->order = 4;
	s->size = 10;
	s->total_bytes = size1 + size2;
	scan_add_device(s, 1, size1, length);
	scan_add_scope_devid(s, 1);
	if (size2) {
		scan_add_device(s, 2, size2, 0);
		scan_add_scope_devid(s, 2);
	}
	scan_add_block_group(s, 22020096, length, BTRFS_BLOCK_GROUP_DATA,
			     length / 2);
	scan_add_range(s, start, length, 22020096);
	CHECK_INT(scan_finish(s), 0);
}

static void test_grown_and_added(void)
{
	struct scan old, new;
	struct scan_layout l;
	struct grid grid;

	make_scan(&old, GiB, 0, MiB, 256 * MiB);
	make_scan(&new, 2 * GiB, GiB, MiB, 256 * MiB);
	CHECK_INT(scan_layout_union(&old, &new, &l), 0);
	CHECK_INT(l.nr, 2);
	CHECK_INT(l.total_bytes, 3 * GiB);
	CHECK_INT(l.offset[1], 2 * GiB);
	CHECK_INT(l.bytes[1], GiB);
	CHECK_INT(scan_redraw(&old, &l, false, &grid), 0);
	CHECK_INT(grid.total_bytes, 3 * GiB);
	CHECK(grid.nr_runs > 0);
	grid_release(&grid);
	CHECK_INT(scan_redraw(&old, &l, true, &grid), 0);
	grid_release(&grid);
	scan_layout_release(&l);
	scan_release(&old);
	scan_release(&new);
}

static void test_refused(void)
{
	struct scan old, new;
	struct scan_layout l;
	struct grid grid;

	/* A range across the end of device 1 into device 2. */
	make_scan(&old, GiB, GiB, GiB - MiB, 2 * MiB);
	make_scan(&new, 2 * GiB, GiB, MiB, 256 * MiB);
	CHECK_INT(scan_layout_union(&old, &new, &l), 0);
	CHECK_INT(scan_redraw(&old, &l, false, &grid), -EBADMSG);
	scan_layout_release(&l);
	/* Another kind, another scope: no one layout. */
	new.kind = SCAN_SHOW_VIRTUAL;
	CHECK_INT(scan_layout_union(&old, &new, &l), -EINVAL);
	new.kind = SCAN_SHOW_PHYSICAL;
	snprintf(new.scope, sizeof(new.scope), "--device 2");
	CHECK_INT(scan_layout_union(&old, &new, &l), -EINVAL);
	scan_release(&old);
	scan_release(&new);
}

int main(void)
{
	RUN_TEST(test_grown_and_added);
	RUN_TEST(test_refused);
	return UNIT_DONE("test-scan-redraw");
}
