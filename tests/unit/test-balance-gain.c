// SPDX-License-Identifier: MIT
/*
 * The layers of balance-least-used's new options: the gain estimate,
 * usable space per profile, the free space tree's bitmaps, durations,
 * the kernel's reclaim settings, exclusive operations, the film chart.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/btrfs_tree.h>
#include "common/balance/balance-gain.h"
#include "common/duration.h"
#include "common/btrfs/exclop.h"
#include "common/picture/film-page.h"
#include "common/btrfs/free-space-tree.h"
#include "common/btrfs/profile-space.h"
#include "common/btrfs/profiles.h"
#include "common/btrfs/reclaim-sysfs.h"
#include "tests/unit/unit.h"

#define MiB (1024ULL * 1024)
#define DATA BTRFS_BLOCK_GROUP_DATA

/* Four data block groups of 100 MiB, free extents as given. */
static void make_pool(struct gain_pool *pool, bool contiguous)
{
	int i;

	memset(pool, 0, sizeof(*pool));
	pool->contiguous = contiguous;
	for (i = 0; i < 4; i++)
		gain_pool_add_bg(pool, (i + 1) * 100 * MiB, 100 * MiB, DATA,
				 100 * MiB);
	/* a metadata block group with much free space takes no data */
	gain_pool_add_bg(pool, 500 * MiB, 100 * MiB,
			 BTRFS_BLOCK_GROUP_METADATA, 200 * MiB);
	gain_pool_add_free(pool, 0, 80 * MiB);	/* the one to move */
	gain_pool_add_free(pool, 1, 10 * MiB);
	gain_pool_add_free(pool, 1, 6 * MiB);
	gain_pool_add_free(pool, 2, 8 * MiB);
	gain_pool_add_free(pool, 3, 4 * MiB);
	gain_pool_add_free(pool, 4, 90 * MiB);
}

static void test_gain_fits(void)
{
	const uint64_t sizes[] = { 4 * MiB, 8 * MiB, 6 * MiB, 2 * MiB };
	struct gain_pool pool;
	struct gain_estimate est;

	make_pool(&pool, true);
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, sizes, 4, false, &est), 0);
	CHECK_INT(est.gain, 100 * MiB);
	CHECK_INT(est.new_chunks, 0);
	CHECK_INT(est.others, 3);
	CHECK_U64(est.others_free, 28 * MiB);
	CHECK_U64(est.largest_free, 10 * MiB);
	CHECK_U64(est.bytes, 20 * MiB);
	CHECK_INT(est.extents, 4);
	/* without apply nothing changed: again the same */
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, sizes, 4, false, &est), 0);
	CHECK_U64(est.others_free, 28 * MiB);
	gain_pool_release(&pool);
}

static void test_gain_fragmented(void)
{
	/* 20 MiB in all fits by bytes (28 free) but not whole extents */
	const uint64_t sizes[] = { 12 * MiB, 8 * MiB };
	struct gain_pool pool;
	struct gain_estimate est;
	char why[256];

	make_pool(&pool, true);
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, sizes, 2, false, &est), 0);
	CHECK_INT(est.gain, 0);
	CHECK_INT(est.new_chunks, 1);
	CHECK_U64(est.unplaced, 12 * MiB);
	gain_estimate_reason(&est, DATA, why, sizeof(why));
	CHECK_STR(why, "12.00MiB of its 20.00MiB find no room in 3 other DATA block groups (largest free extent 10.00MiB): a new chunk would take them");
	gain_pool_release(&pool);

	/* by bytes alone it fits */
	make_pool(&pool, false);
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, sizes, 2, false, &est), 0);
	CHECK_INT(est.gain, 100 * MiB);
	gain_estimate_reason(&est, DATA, why, sizeof(why));
	CHECK_STR(why, "its 2 extents (20.00MiB) fit into free space of 3 other DATA block groups");
	gain_pool_release(&pool);
}

/* Simulated steps: what one step puts into another moves with it later. */
static void test_gain_apply(void)
{
	const uint64_t first[] = { 10 * MiB };
	const uint64_t second[] = { 2 * MiB };
	struct gain_pool pool;
	struct gain_estimate est;

	make_pool(&pool, true);
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, first, 1, true, &est), 0);
	CHECK_INT(est.gain, 100 * MiB);
	/* the 10 MiB went into block group 2's 10 MiB hole */
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, first, 1, false, &est),
		  -ENOENT);
	CHECK_INT(gain_estimate_sizes(&pool, 200 * MiB, second, 1, false, &est), 0);
	CHECK_U64(est.bytes, 12 * MiB);
	CHECK_INT(est.others, 2);
	CHECK_U64(est.others_free, 12 * MiB);
	/* 10 + 2 MiB do not fit in holes of 8 and 4 */
	CHECK_INT(est.new_chunks, 1);
	CHECK_INT(gain_estimate_sizes(&pool, 200 * MiB, second, 1, true, &est), 0);
	/* the new chunk has room left for the next one */
	CHECK_INT(gain_estimate_sizes(&pool, 300 * MiB, second, 1, false, &est), 0);
	CHECK_INT(est.new_chunks, 0);
	CHECK_INT(est.others, 2);
	gain_pool_release(&pool);
}

/*
 * Size classes: the kernel allocates a new chunk before it puts an extent
 * into a block group of another size class.
 */
static void test_gain_size_class(void)
{
	const uint64_t medium[] = { MiB, MiB, MiB };
	const uint64_t large[] = { 24 * MiB, MiB };
	struct gain_pool pool;
	struct gain_estimate est;
	char why[320];

	CHECK_INT(gain_size_class(4096), GAIN_SZ_SMALL);
	CHECK_INT(gain_size_class(128 * 1024), GAIN_SZ_SMALL);
	CHECK_INT(gain_size_class(128 * 1024 + 4096), GAIN_SZ_MEDIUM);
	CHECK_INT(gain_size_class(8 * MiB), GAIN_SZ_MEDIUM);
	CHECK_INT(gain_size_class(8 * MiB + 4096), GAIN_SZ_LARGE);

	memset(&pool, 0, sizeof(pool));
	pool.contiguous = true;
	gain_pool_add_bg(&pool, 100 * MiB, 100 * MiB, DATA, 100 * MiB);
	gain_pool_add_bg(&pool, 200 * MiB, 100 * MiB, DATA, 100 * MiB);
	gain_pool_add_bg(&pool, 300 * MiB, 100 * MiB, DATA, 100 * MiB);
	pool.bgs[1].size_class = GAIN_SZ_LARGE;
	pool.bgs[2].size_class = GAIN_SZ_MEDIUM;
	gain_pool_add_free(&pool, 1, 50 * MiB);
	gain_pool_add_free(&pool, 2, 2 * MiB);
	/* two fit the medium one's holes, the third only the large one */
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, medium, 3, false, &est), 0);
	CHECK_INT(est.new_chunks, 1);
	CHECK_INT(est.gain, 0);
	CHECK_INT(est.wrong_class, 1);
	gain_estimate_reason(&est, DATA, why, sizeof(why));
	CHECK_STR(why, "1.00MiB of its 3.00MiB find no room in 2 other DATA block groups (largest free extent 50.00MiB; 1 extents fit only into block groups of another size class, which the kernel tries after a new chunk): a new chunk would take them");
	/* the large extent goes to the large one, the small one stays */
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, large, 2, false, &est), 0);
	CHECK_INT(est.new_chunks, 0);
	/* a block group of no class yet takes the first and gets its class */
	pool.bgs[1].size_class = GAIN_SZ_NONE;
	CHECK_INT(gain_estimate_sizes(&pool, 100 * MiB, medium, 3, true, &est), 0);
	CHECK_INT(est.new_chunks, 0);
	CHECK_INT(pool.bgs[1].size_class, GAIN_SZ_MEDIUM);
	CHECK_INT(gain_estimate_sizes(&pool, 300 * MiB, large, 1, false, &est), 0);
	CHECK_INT(est.new_chunks, 1);
	gain_pool_release(&pool);
}

/* The kernel keeps a class it gave; a new or empty one takes its first. */
static void test_size_class_carry(void)
{
	/* sampled as large, a small extent since: still large */
	CHECK_INT(gain_size_class_carry(true, GAIN_SZ_LARGE, MiB, 4096),
		  GAIN_SZ_LARGE);
	/* emptied: no class (btrfs_maybe_reset_size_class()) */
	CHECK_INT(gain_size_class_carry(true, GAIN_SZ_LARGE, 0, 0),
		  GAIN_SZ_NONE);
	/* had none, got data: the class of its first allocation */
	CHECK_INT(gain_size_class_carry(true, GAIN_SZ_NONE, MiB, 64 * 1024),
		  GAIN_SZ_SMALL);
	/* a new chunk of the last step */
	CHECK_INT(gain_size_class_carry(false, GAIN_SZ_NONE, 20 * MiB, 16 * MiB),
		  GAIN_SZ_LARGE);
	CHECK_INT(gain_size_class_carry(false, GAIN_SZ_NONE, MiB, 0),
		  GAIN_SZ_NONE);
}

static void test_gain_alone(void)
{
	const uint64_t sizes[] = { MiB };
	struct gain_pool pool;
	struct gain_estimate est;
	char why[256];

	memset(&pool, 0, sizeof(pool));
	pool.contiguous = true;
	gain_pool_add_bg(&pool, MiB, 100 * MiB, DATA | BTRFS_BLOCK_GROUP_RAID1,
			 200 * MiB);
	CHECK_INT(gain_estimate_sizes(&pool, MiB, sizes, 1, false, &est), 0);
	CHECK_INT(est.gain, 0);
	gain_estimate_reason(&est, DATA | BTRFS_BLOCK_GROUP_RAID1, why,
			     sizeof(why));
	CHECK_STR(why, "no other DATA|RAID1 block group takes its 1.00MiB: a new chunk would");
	/* an empty one always gains */
	CHECK_INT(gain_estimate_sizes(&pool, MiB, NULL, 0, false, &est), 0);
	CHECK_INT(est.gain, 200 * MiB);
	gain_pool_release(&pool);
}

static void test_profile_usable(void)
{
	const struct dev_unallocated one_free[] = { { 1, 0 }, { 2, 600 * MiB } };
	const struct dev_unallocated two[] = { { 1, 300 * MiB }, { 2, 500 * MiB } };
	const struct dev_unallocated three[] = {
		{ 1, 100 * MiB }, { 2, 100 * MiB }, { 3, 100 * MiB } };

	/* issue 29: RAID1 with one device full has nothing usable */
	CHECK_U64(profile_space_usable(BTRFS_BLOCK_GROUP_RAID1, one_free, 2, 0), 0);
	CHECK_U64(profile_space_usable(0, one_free, 2, 0), 600 * MiB);
	CHECK_U64(profile_space_usable(BTRFS_BLOCK_GROUP_DUP, one_free, 2, 0),
		  600 * MiB);
	CHECK_U64(profile_space_usable(BTRFS_BLOCK_GROUP_RAID1, two, 2, 0),
		  600 * MiB);
	CHECK_U64(profile_space_usable(BTRFS_BLOCK_GROUP_RAID1, three, 3, MiB),
		  300 * MiB);
	CHECK_U64(profile_space_usable(BTRFS_BLOCK_GROUP_RAID1C3, two, 2, 0), 0);
	CHECK_U64(profile_space_usable(BTRFS_BLOCK_GROUP_RAID0, one_free, 2, 0),
		  600 * MiB);
	/* pairs of the two fullest devices in turn: all of it */
	CHECK_U64(profile_space_usable(BTRFS_BLOCK_GROUP_RAID10, three, 3, 0),
		  300 * MiB);
	CHECK_STR(block_group_profile_name(BTRFS_BLOCK_GROUP_RAID1), "RAID1");
	CHECK_STR(block_group_profile_name(0), "single");
}

static void test_profile_short(void)
{
	const struct dev_unallocated one_free[] = { { 1, 0 }, { 2, 600 * MiB } };
	const struct dev_unallocated two_full[] = {
		{ 1, 0 }, { 2, 2048 * MiB }, { 3, 0 } };
	const struct dev_unallocated even[] = { { 1, 300 * MiB }, { 2, 300 * MiB } };
	const struct dev_unallocated uneven[] = {
		{ 1, 100 * MiB }, { 2, 900 * MiB }, { 3, 200 * MiB } };
	bool s[3];

	/* issue 29: the full device is short, the other's space unusable */
	CHECK_INT(profile_space_short(BTRFS_BLOCK_GROUP_RAID1, one_free, 2, 0, s), 1);
	CHECK_INT(s[0], true);
	CHECK_INT(s[1], false);
	CHECK_INT(profile_space_short(BTRFS_BLOCK_GROUP_RAID1, two_full, 3, 0, s), 2);
	CHECK_INT(s[0] && !s[1] && s[2], true);
	/* all of it usable: no device is preferred */
	CHECK_INT(profile_space_short(BTRFS_BLOCK_GROUP_RAID1, even, 2, 0, s), 0);
	CHECK_INT(s[0] || s[1], false);
	CHECK_INT(profile_space_short(0, one_free, 2, 0, s), 0);
	/* devid 2 outlasts the two others together */
	CHECK_INT(profile_space_short(BTRFS_BLOCK_GROUP_RAID1, uneven, 3, MiB, s), 2);
	CHECK_INT(s[0] && !s[1] && s[2], true);
	/* three copies: only the first to run out is short */
	CHECK_INT(profile_space_short(BTRFS_BLOCK_GROUP_RAID1C3, uneven, 3, MiB, s), 1);
	CHECK_INT(s[0] && !s[1] && !s[2], true);
}

static void test_bitmap_runs(void)
{
	/* sectors 0-2, 5 and 15 free */
	const uint8_t bits[] = { 0x27, 0x80 };
	struct free_extent *list = NULL;
	int nr = 0, alloc = 0;

	CHECK_INT(free_space_bitmap_runs(1 << 20, 16 * 4096, 4096, bits, 2,
					 &list, &nr, &alloc), 0);
	CHECK_INT(nr, 3);
	CHECK_U64(list[0].start, 1 << 20);
	CHECK_U64(list[0].length, 3 * 4096);
	CHECK_U64(list[1].start, (1 << 20) + 5 * 4096);
	CHECK_U64(list[1].length, 4096);
	CHECK_U64(list[2].start, (1 << 20) + 15 * 4096);
	/* a bitmap shorter than its range */
	CHECK_INT(free_space_bitmap_runs(0, 17 * 4096, 4096, bits, 2, &list,
					 &nr, &alloc), -EUCLEAN);
	free(list);
}

static void test_duration(void)
{
	static const struct {
		const char *str;
		int ret;
		uint64_t ms;
	} cases[] = {
		{ "30", 0, 30000 }, { "0", 0, 0 }, { "90s", 0, 90000 },
		{ "5m", 0, 300000 }, { "1h30m", 0, 5400000 },
		{ "500ms", 0, 500 }, { "2d", 0, 172800000 },
		{ "1m30", -EINVAL, 0 }, { "", -EINVAL, 0 }, { "s", -EINVAL, 0 },
		{ "-1s", -EINVAL, 0 }, { "1.5s", -EINVAL, 0 },
		{ "3x", -EINVAL, 0 }, { "1 s", -EINVAL, 0 },
		{ "1sec", -EINVAL, 0 }, { "99999999999999999999", -ERANGE, 0 },
		{ "9999999999999999d", -ERANGE, 0 },
	};
	char buf[64];
	uint64_t ms;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ms = 0;
		CHECK_MSG(parse_duration(cases[i].str, &ms) == cases[i].ret,
			  "'%s'", cases[i].str);
		if (!cases[i].ret)
			CHECK_MSG(ms == cases[i].ms, "'%s'", cases[i].str);
	}
	format_duration(5400000, buf, sizeof(buf));
	CHECK_STR(buf, "1h30m");
	format_duration(2500, buf, sizeof(buf));
	CHECK_STR(buf, "2s500ms");
	format_duration(0, buf, sizeof(buf));
	CHECK_STR(buf, "0s");
	CHECK_INT(parse_duration("2s500ms", &ms), 0);
	CHECK_U64(ms, 2500);
}

static void test_reclaim_sysfs(void)
{
	char dir[] = "/tmp/test-reclaim-XXXXXX", path[128], buf[256];
	struct reclaim_settings rs;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/allocation", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/allocation/data", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/allocation/data/bg_reclaim_threshold", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	fputs("75\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/allocation/data/periodic_reclaim", dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	fputs("1\n", f);
	fclose(f);

	CHECK_INT(reclaim_sysfs_read(dir, "data", &rs), 2);
	reclaim_sysfs_format(&rs, buf, sizeof(buf));
	CHECK_STR(buf, "bg_reclaim_threshold 75, periodic_reclaim 1");
	CHECK_INT(reclaim_sysfs_read(dir, "metadata", &rs), 0);
	reclaim_sysfs_format(&rs, buf, sizeof(buf));
	CHECK_STR(buf, "");

	unlink(path);
	snprintf(path, sizeof(path), "%s/allocation/data/bg_reclaim_threshold", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/allocation/data", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/allocation", dir);
	rmdir(path);
	rmdir(dir);
}

static void test_exclop(void)
{
	CHECK_INT(exclop_classify("none", false), EXCLOP_NONE);
	CHECK_INT(exclop_classify(NULL, false), EXCLOP_NONE);
	CHECK_INT(exclop_classify("balance", false), EXCLOP_SHORT);
	CHECK_STR(exclop_describe("balance", false),
		  "the kernel's block group reclaim");
	CHECK_INT(exclop_classify("balance", true), EXCLOP_PERSON);
	CHECK_INT(exclop_classify("balance paused", false), EXCLOP_PERSON);
	CHECK_INT(exclop_classify("swap activate", false), EXCLOP_SHORT);
	CHECK_INT(exclop_classify("device add", false), EXCLOP_SHORT);
	CHECK_INT(exclop_classify("resize", false), EXCLOP_SHORT);
	CHECK_INT(exclop_classify("device remove", false), EXCLOP_PERSON);
	CHECK_INT(exclop_classify("device replace", false), EXCLOP_PERSON);
	CHECK_INT(exclop_classify("something new", false), EXCLOP_PERSON);
	/* the kernel's reclaim and no sysfs: nothing to tell */
	CHECK_INT(exclop_classify("", true), EXCLOP_PERSON);
}

static void test_film_chart(void)
{
	static const char * const files[] = { "frame-000000.png",
					      "frame-000001.png", "x.png" };
	static const char * const labels[] = { "before", "step 1", "no scan" };
	const struct film_numbers num[] = {
		{ 100 * MiB, 0, false, "Loading ... found 1" },
		{ 200 * MiB, 5 * MiB, false,
		  "Balance block group vaddr 1 used_pct 5 ... </script>" },
		{ 0, 0, true, NULL },
	};
	const struct film_chart chart = {
		.line_name = "unallocated <after>",
		.bar_name = "moved",
		.numbers = num,
	};
	static char page[65536];
	char dir[] = "/tmp/test-chart-XXXXXX", path[64];
	size_t len;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/index.html", dir);
	CHECK_INT(film_page_write(path, "film", files, labels, &chart, 3, 256), 0);
	f = fopen(path, "r");
	CHECK(f != NULL);
	len = fread(page, 1, sizeof(page) - 1, f);
	page[len] = '\0';
	fclose(f);
	unlink(path);
	rmdir(dir);
	CHECK(strstr(page, "[104857600, 0, \"Loading ... found 1\"]") != NULL);
	CHECK(strstr(page, "[209715200, 5242880, \"Balance block group vaddr 1 used_pct 5 ... \\u003c/script\\u003e\"]") != NULL);
	CHECK(strstr(page, "  [null, null, \"\"]\n") != NULL);
	CHECK(strstr(page, "chart: unallocated &lt;after&gt;</li>") != NULL);
	CHECK(strstr(page, "var line_name = \"unallocated \\u003cafter\\u003e\"") != NULL);
	CHECK(strstr(page, "id=\"legend\"") != NULL);
	CHECK(strstr(page, "ArrowLeft") != NULL);
	CHECK(strstr(page, "http") == NULL);
	CHECK(strstr(strstr(page, "</script>") + 1, "</script>") == NULL);
}

int main(void)
{
	RUN_TEST(test_gain_fits);
	RUN_TEST(test_gain_fragmented);
	RUN_TEST(test_gain_apply);
	RUN_TEST(test_gain_size_class);
	RUN_TEST(test_size_class_carry);
	RUN_TEST(test_gain_alone);
	RUN_TEST(test_profile_usable);
	RUN_TEST(test_profile_short);
	RUN_TEST(test_bitmap_runs);
	RUN_TEST(test_duration);
	RUN_TEST(test_reclaim_sysfs);
	RUN_TEST(test_exclop);
	RUN_TEST(test_film_chart);
	return UNIT_DONE("balance-gain");
}
