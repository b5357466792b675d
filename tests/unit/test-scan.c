// SPDX-License-Identifier: MIT
/*
 * The embedded scan: what is encoded decodes to the same, a filesystem of
 * 10,000 block groups costs at most 8 bytes a block group, and bytes from
 * outside (truncated, flipped, hostile counts and ranges) are refused
 * without a crash or an over-read (this runs under ASan).
 */
#include <errno.h>
#include <linux/btrfs_tree.h>
#include "common/scan.h"
#include "tests/unit/unit.h"

#define GiB	(1ULL << 30)
#define MiB	(1ULL << 20)

static uint64_t rng_state = 88172645463325252ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/*
 * Like a real large filesystem on two devices: data block groups of 1 GiB
 * used to random sector counts, every 50th a 256 MiB DUP metadata one on
 * one device, with a hole now and then where a block group was removed.
 */
static void make_show_scan(struct scan *scan, uint32_t nr_bgs)
{
	uint64_t vaddr = 13631488, dev_off[2] = { MiB, MiB }, len, used;
	uint64_t flags;
	uint32_t i;
	int dev;

	scan_init(scan, SCAN_SHOW_PHYSICAL,
		  "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
	snprintf(scan->scope, sizeof(scan->scope), "--sort physical");
	scan->order = 10;
	scan->size = 10;
	for (i = 0; i < nr_bgs; i++) {
		if (i % 50 == 49) {
			len = 256 * MiB;
			flags = BTRFS_BLOCK_GROUP_METADATA |
				BTRFS_BLOCK_GROUP_DUP;
			used = (rng() % (len / 16384)) * 16384;
		} else {
			len = GiB;
			flags = BTRFS_BLOCK_GROUP_DATA;
			used = (rng() % (len / 4096)) * 4096;
		}
		if (i % 97 == 3)
			vaddr += GiB;	/* a removed one */
		scan_add_block_group(scan, vaddr, len, flags, used);
		dev = i % 2;
		scan_add_range(scan, dev * 8192 * GiB + dev_off[dev], len,
			       vaddr);
		dev_off[dev] += len;
		if (flags & BTRFS_BLOCK_GROUP_DUP) {
			scan_add_range(scan, dev * 8192 * GiB + dev_off[dev],
				       len, vaddr);
			dev_off[dev] += len;
		}
		vaddr += len;
	}
	scan_add_device(scan, 1, 8192 * GiB, dev_off[0]);
	scan_add_device(scan, 2, 8192 * GiB, dev_off[1]);
	scan_add_scope_devid(scan, 1);
	scan_add_scope_devid(scan, 2);
	scan->total_bytes = 2 * 8192 * GiB;
}

/* Ranges were added out of grid order above; put them in order. */
static int cmp_range(const void *a, const void *b)
{
	const struct scan_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void check_same(const struct scan *a, const struct scan *b)
{
	uint32_t i;

	CHECK_STR(a->version, b->version);
	CHECK_STR(a->fsid, b->fsid);
	CHECK_STR(a->scope, b->scope);
	CHECK_U64(a->time, b->time);
	CHECK_INT(a->kind, b->kind);
	CHECK_INT(a->order, b->order);
	CHECK_INT(a->size, b->size);
	CHECK_U64(a->total_bytes, b->total_bytes);
	CHECK_INT(a->nr_devices, b->nr_devices);
	CHECK_INT(a->nr_bgs, b->nr_bgs);
	CHECK_INT(a->nr_ranges, b->nr_ranges);
	CHECK_INT(a->nr_scope_devids, b->nr_scope_devids);
	for (i = 0; i < a->nr_devices; i++)
		CHECK(!memcmp(&a->devices[i], &b->devices[i],
			      sizeof(a->devices[i])));
	for (i = 0; i < a->nr_bgs; i++)
		CHECK_MSG(!memcmp(&a->bgs[i], &b->bgs[i], sizeof(a->bgs[i])),
			  "bg %u", i);
	for (i = 0; i < a->nr_ranges; i++) {
		CHECK_U64(a->ranges[i].start, b->ranges[i].start);
		CHECK_U64(a->ranges[i].length, b->ranges[i].length);
		CHECK_INT(a->ranges[i].bg, b->ranges[i].bg);
	}
}

static struct scan big;
static uint8_t *big_buf;
static long big_len;

static void test_round_trip_and_size(void)
{
	struct scan back;

	make_show_scan(&big, 10000);
	CHECK_INT(scan_finish(&big), 0);
	qsort(big.ranges, big.nr_ranges, sizeof(*big.ranges), cmp_range);
	big_len = scan_encode(&big, &big_buf);
	CHECK(big_len > 0);
	printf("scan of %u block groups, %u ranges: %ld bytes, %.2f bytes per block group\n",
	       big.nr_bgs, big.nr_ranges, big_len, (double)big_len / big.nr_bgs);
	CHECK_MSG(big_len <= 8 * 10000, "%ld bytes", big_len);
	CHECK_INT(scan_decode(big_buf, big_len, &back), 0);
	CHECK_SUB(check_same(&big, &back));
	scan_release(&back);
}

static void test_bg_scan(void)
{
	struct scan s, back;
	uint8_t *buf;
	long len;

	scan_init(&s, SCAN_BG, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
	snprintf(s.scope, sizeof(s.scope), "--least-used 2 --type data");
	/* Drawn least used first: addresses go down. */
	scan_add_block_group(&s, 5 * GiB, GiB, BTRFS_BLOCK_GROUP_DATA, 4096);
	scan_add_block_group(&s, 2 * GiB, GiB, BTRFS_BLOCK_GROUP_DATA, GiB);
	s.total_bytes = 2 * GiB;
	CHECK_INT(scan_finish(&s), 0);
	len = scan_encode(&s, &buf);
	CHECK(len > 0);
	CHECK_INT(scan_decode(buf, len, &back), 0);
	CHECK_SUB(check_same(&s, &back));
	scan_release(&back);
	free(buf);

	/* The same block group twice does not add up to a picture. */
	s.bgs[1].vaddr = 5 * GiB + 4096;
	len = scan_encode(&s, &buf);
	CHECK_INT(scan_decode(buf, len, &back), -EINVAL);
	free(buf);
	scan_release(&s);
}

/* Every prefix of a valid scan is refused. */
static void test_truncated(void)
{
	struct scan back;
	long n;

	for (n = 0; n < big_len; n += n < 64 ? 1 : 997)
		CHECK_MSG(scan_decode(big_buf, n, &back) != 0, "%ld bytes", n);
}

/* Flipped bits: refused or decoded, never a crash, never an over-read. */
static void test_flipped(void)
{
	uint8_t *copy = malloc(big_len);
	struct scan back;
	int i, pos;

	for (i = 0; i < 2000; i++) {
		memcpy(copy, big_buf, big_len);
		pos = (int)(rng() % (uint64_t)big_len);
		copy[pos] ^= (uint8_t)(1 << (rng() % 8));
		if (!scan_decode(copy, big_len, &back))
			scan_release(&back);
	}
	free(copy);
}

/* Encode a hand-made hostile scan and expect a refusal. */
static void expect_refused(struct scan *s, const char *what)
{
	struct scan back;
	uint8_t *buf;
	long len = scan_encode(s, &buf);

	CHECK(len > 0);
	CHECK_MSG(scan_decode(buf, len, &back) == -EINVAL, "%s", what);
	free(buf);
}

static void test_hostile(void)
{
	struct scan s;

	make_show_scan(&s, 20);
	CHECK_INT(scan_finish(&s), 0);
	qsort(s.ranges, s.nr_ranges, sizeof(*s.ranges), cmp_range);

	s.ranges[3].start = s.ranges[2].start;		/* overlapping */
	CHECK_SUB(expect_refused(&s, "overlapping ranges"));
	s.ranges[3].start = s.ranges[2].start + s.ranges[2].length;

	s.ranges[19].start = s.total_bytes;		/* off the curve */
	CHECK_SUB(expect_refused(&s, "range past the end"));
	s.ranges[19].start = s.ranges[18].start + s.ranges[18].length;

	s.bgs[4].used = s.bgs[4].length + 4096;		/* used > length */
	CHECK_SUB(expect_refused(&s, "used beyond length"));
	s.bgs[4].used = 0;

	s.bgs[5].vaddr = s.bgs[4].vaddr;		/* overlapping bgs */
	CHECK_SUB(expect_refused(&s, "overlapping block groups"));
	s.bgs[5].vaddr = s.bgs[4].vaddr + s.bgs[4].length;

	s.bgs[6].flags = 1ULL << 40;			/* unknown flags */
	CHECK_SUB(expect_refused(&s, "unknown flags"));
	s.bgs[6].flags = BTRFS_BLOCK_GROUP_DATA;

	s.total_bytes += 4096;				/* devices disagree */
	CHECK_SUB(expect_refused(&s, "total bytes"));
	s.total_bytes -= 4096;

	s.devices[0].bytes_used = s.devices[0].total_bytes + 1;
	CHECK_SUB(expect_refused(&s, "device used beyond size"));
	scan_release(&s);
}

/* A body claiming far more than deflate can make of the input. */
/* A scan of @n devices of 1 MiB, all drawn, encoded and decoded. */
static int devices_round_trip(uint64_t n)
{
	struct scan s, back;
	uint8_t *buf;
	long len;
	uint32_t i;
	int err;

	scan_init(&s, SCAN_SHOW_PHYSICAL, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
	s.order = 4;
	s.size = 10;
	for (i = 1; i <= n; i++) {
		scan_add_device(&s, i, MiB, 0);
		scan_add_scope_devid(&s, i);
	}
	s.total_bytes = n * MiB;
	len = scan_finish(&s) ? -ENOMEM : scan_encode(&s, &buf);
	if (len < 0) {
		scan_release(&s);
		return (int)len;
	}
	err = scan_decode(buf, len, &back);
	if (!err)
		scan_release(&back);
	free(buf);
	scan_release(&s);
	return err;
}

/* Devices are checked one against another: their number is bounded. */
static void test_devices_max(void)
{
	CHECK_INT(devices_round_trip(SCAN_DEVICES_MAX), 0);
	CHECK_INT(devices_round_trip(SCAN_DEVICES_MAX + 1), -EINVAL);
}

static void test_bomb(void)
{
	static const uint8_t bomb[] = "btrfs-heatmap-scan\0\x01\xff\xff\xff\x7f"
				      "\x78\x9c\x03\x00\x00\x00\x00\x01";
	static const uint8_t huge_count[] = "btrfs-heatmap-scan\0\x01";
	struct scan back;

	CHECK_INT(scan_decode(bomb, sizeof(bomb) - 1, &back), -EINVAL);
	CHECK_INT(scan_decode(huge_count, sizeof(huge_count) - 1, &back),
		  -EINVAL);
	CHECK_INT(scan_decode((const uint8_t *)"btrfs-heatmap-scan\0\x02\x01x",
			      22, &back), -ENOTSUP);
	CHECK_INT(scan_decode((const uint8_t *)"not a scan at all", 17, &back),
		  -EINVAL);
}

int main(void)
{
	RUN_TEST(test_round_trip_and_size);
	RUN_TEST(test_bg_scan);
	RUN_TEST(test_truncated);
	RUN_TEST(test_flipped);
	RUN_TEST(test_hostile);
	RUN_TEST(test_bomb);
	RUN_TEST(test_devices_max);
	scan_release(&big);
	free(big_buf);
	return UNIT_DONE("test-scan");
}
