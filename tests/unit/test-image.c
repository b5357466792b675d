// SPDX-License-Identifier: MIT
/*
 * The image reader: where each profile puts a logical address, what the
 * chunk and tree block checks refuse, and the fixture image read whole.
 * Expected stripes are worked out by hand from the RAID layouts of the
 * btrfs documentation ("RAID profiles"); the fixture's items were compared
 * with the kernel's tree search of the same image mounted read-only.
 */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/wait.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/image-chunk-map.h"
#include "common/btrfs/image-csum.h"
#include "common/btrfs/image-fs.h"
#include "common/btrfs/image-super.h"
#include "common/btrfs/image-tree.h"
#include "tests/unit/image-mem.h"
#include "tests/unit/unit.h"

#define K64	65536ULL
#define GIB	(1ULL << 30)

/* A chunk at 1 GiB of @n stripes, stripe i at (i + 1) GiB on device i + 1. */
static struct image_chunk make_chunk(uint64_t type, uint16_t n, uint16_t sub,
				     struct image_stripe *st)
{
	struct image_chunk c = { GIB, GIB, type, n, sub, st };
	int i;

	for (i = 0; i < n; i++) {
		st[i].devid = i + 1;
		st[i].offset = (i + 1) * GIB;
	}
	return c;
}

static void check_extent(const struct image_chunk *c, uint64_t off, int copy,
			 uint64_t devid, uint64_t physical, uint64_t len)
{
	struct image_extent e;

	image_chunk_map_extent(c, GIB + off, 16384, copy, &e);
	CHECK_MSG(e.devid == devid && e.physical == physical && e.len == len,
		  "offset %llu copy %d: device %llu at %llu, %llu bytes",
		  (unsigned long long)off, copy, (unsigned long long)e.devid,
		  (unsigned long long)e.physical, (unsigned long long)e.len);
}

static void test_map_profiles(void)
{
	struct image_stripe st[6];
	struct image_chunk c;

	c = make_chunk(BTRFS_BLOCK_GROUP_METADATA | BTRFS_BLOCK_GROUP_DUP, 2, 0, st);
	CHECK_INT(image_chunk_copies(&c), 2);
	CHECK_SUB(check_extent(&c, 5 * K64, 1, 2, 2 * GIB + 5 * K64, 16384));
	/* A read that crosses a stripe of RAID0 stops at its end. */
	c = make_chunk(BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_RAID0, 3, 0, st);
	CHECK_INT(image_chunk_copies(&c), 1);
	CHECK_SUB(check_extent(&c, 4 * K64 + 8192, 0, 2, 2 * GIB + K64 + 8192, 16384));
	CHECK_SUB(check_extent(&c, 5 * K64 - 4096, 0, 2, 2 * GIB + 2 * K64 - 4096, 4096));
	/* RAID10 of 6: three mirrored pairs, striped. */
	c = make_chunk(BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_RAID10, 6, 2, st);
	CHECK_INT(image_chunk_copies(&c), 2);
	CHECK_SUB(check_extent(&c, 4 * K64, 0, 3, 3 * GIB + K64, 16384));
	CHECK_SUB(check_extent(&c, 4 * K64, 1, 4, 4 * GIB + K64, 16384));
	/* RAID5 of 3: two data stripes a row, rotating by one each row. */
	c = make_chunk(BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_RAID5, 3, 0, st);
	CHECK_INT(image_chunk_copies(&c), 1);
	CHECK_SUB(check_extent(&c, 0, 0, 1, GIB, 16384));
	CHECK_SUB(check_extent(&c, 2 * K64, 0, 2, 2 * GIB + K64, 16384));
	CHECK_SUB(check_extent(&c, 3 * K64, 0, 3, 3 * GIB + K64, 16384));
	CHECK_SUB(check_extent(&c, 4 * K64, 0, 3, 3 * GIB + 2 * K64, 16384));
	/* RAID6 of 4: two data stripes a row too. */
	c = make_chunk(BTRFS_BLOCK_GROUP_DATA | BTRFS_BLOCK_GROUP_RAID6, 4, 0, st);
	CHECK_SUB(check_extent(&c, 5 * K64, 0, 4, 4 * GIB + 2 * K64, 16384));
	CHECK_SUB(check_extent(&c, 6 * K64, 0, 4, 4 * GIB + 3 * K64, 16384));
}

/* A chunk item of @n stripes as the chunk tree holds it. */
static size_t chunk_item(uint8_t *buf, uint64_t length, uint64_t type,
			 uint16_t n, uint64_t stripe_len)
{
	struct btrfs_chunk *ci = (void *)buf;
	size_t len = sizeof(*ci) + (n - 1) * sizeof(struct btrfs_stripe);

	memset(buf, 0, len);
	ci->length = htole64(length);
	ci->stripe_len = htole64(stripe_len);
	ci->type = htole64(type);
	ci->num_stripes = htole16(n);
	return len;
}

static void test_chunk_checks(void)
{
	struct image_chunk_map map = { 0 };
	uint64_t meta = BTRFS_BLOCK_GROUP_METADATA;
	const char *why = NULL;
	uint8_t buf[512];
	size_t len;

	len = chunk_item(buf, GIB, meta, 1, K64);
	CHECK_INT(image_chunk_map_add(&map, GIB, buf, len, 4096, &why), 0);
	/* The same chunk again (system chunks are in the tree too): fine. */
	CHECK_INT(image_chunk_map_add(&map, GIB, buf, len, 4096, &why), 0);
	CHECK_INT(map.nr, 1);
	CHECK_INT(image_chunk_map_add(&map, GIB + 4096, buf, len, 4096, &why),
		  -EUCLEAN);
	CHECK_STR(why, "chunk overlaps another chunk");
	CHECK_INT(image_chunk_map_add(&map, 0, buf, len - 1, 4096, &why), -EUCLEAN);
	len = chunk_item(buf, GIB, meta | BTRFS_BLOCK_GROUP_DUP, 3, K64);
	CHECK_INT(image_chunk_map_add(&map, 0, buf, len, 4096, &why), -EUCLEAN);
	len = chunk_item(buf, GIB, meta, 1, 4096);
	CHECK_INT(image_chunk_map_add(&map, 0, buf, len, 4096, &why), -EUCLEAN);
	/* A chunk that would end past 2^64. */
	len = chunk_item(buf, GIB, meta, 1, K64);
	CHECK_INT(image_chunk_map_add(&map, UINT64_MAX - 4095, buf, len, 4096, &why),
		  -EUCLEAN);
	CHECK(image_chunk_map_find(&map, 2 * GIB - 1) != NULL);
	CHECK(image_chunk_map_find(&map, 2 * GIB) == NULL);
	CHECK(image_chunk_map_find(&map, GIB - 1) == NULL);
	image_chunk_map_release(&map);
}

static void test_sys_array_cut_short(void)
{
	struct image_chunk_map map = { 0 };
	struct btrfs_disk_key *key = (void *)calloc(1, 256);
	const char *why = NULL;
	size_t len;

	CHECK(key != NULL);
	key->type = BTRFS_CHUNK_ITEM_KEY;
	len = chunk_item((uint8_t *)(key + 1), GIB, BTRFS_BLOCK_GROUP_SYSTEM, 2, K64);
	/* Says two stripes, has room for one. */
	CHECK_INT(image_chunk_map_add_sys_array(&map, (void *)key,
						sizeof(*key) + len - 16, 4096,
						&why), -EUCLEAN);
	CHECK_STR(why, "system chunk array cut short");
	image_chunk_map_release(&map);
	free(key);
}

/* Read the fixture's primary superblock and a copy of its root tree leaf. */
static char fixture[4096];

static int fixture_path(void)
{
	char *argv[] = { "zstd", "-q", "-d", "-f", "tests/fixtures/bgt.img.zst",
			 "-o", fixture, NULL };
	int fd, status;
	pid_t pid;

	if (fixture[0])
		return 0;
	strcpy(fixture, "/tmp/test-image-XXXXXX");
	fd = mkstemp(fixture);
	if (fd < 0)
		return -1;
	close(fd);
	if (posix_spawnp(&pid, "zstd", NULL, NULL, argv, environ) ||
	    waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

static void test_fixture_trees(void)
{
	struct tree_key min = { 0, 0, 0 }, max = { UINT64_MAX, 255, UINT64_MAX };
	static const struct { uint64_t tree; int items; } trees[] = {
		{ 1, 12 }, { 2, 440 }, { 3, 9 }, { 4, 11 }, { 11, 8 },
	};
	const char *path = fixture;
	struct image_search s;
	struct tree_item item;
	struct image_fs fs;
	int i, n, ret;

	CHECK(fixture_path() == 0);
	CHECK_INT(image_fs_open(&fs, &path, 1, 0), 0);
	CHECK_INT(fs.sb.nodesize, 16384);
	CHECK_INT(fs.map.nr, 8);
	for (i = 0; i < (int)(sizeof(trees) / sizeof(trees[0])); i++) {
		image_search_init(&s, &fs, trees[i].tree, &min, &max);
		n = 0;
		while ((ret = image_search_next(&s, &item)) > 0)
			n++;
		image_search_release(&s);
		CHECK_INT(ret, 0);
		CHECK_MSG(n == trees[i].items, "tree %llu: %d items",
			  (unsigned long long)trees[i].tree, n);
	}
	/* One block group by its exact key, as the lookups ask. */
	min = (struct tree_key){ 553844736, BTRFS_BLOCK_GROUP_ITEM_KEY, 0 };
	max = (struct tree_key){ 553844736, BTRFS_BLOCK_GROUP_ITEM_KEY, UINT64_MAX };
	image_search_init(&s, &fs, BTRFS_BLOCK_GROUP_TREE_OBJECTID, &min, &max);
	ret = image_search_next(&s, &item);
	CHECK_INT(ret, 1);
	CHECK_U64(item.key.offset, 117440512);
	CHECK_INT(image_search_next(&s, &item), 0);
	image_search_release(&s);
	image_fs_close(&fs);
}

/* The superblock at 64 KiB of the fixture, with @edit applied. */
static int open_edited_super(size_t at, uint8_t xor, const char **err)
{
	static char path[] = "/tmp/test-image-sb-XXXXXX";
	static struct image_fs fs;
	const char *p = path;
	uint8_t buf[4096];
	FILE *in, *out;
	int fd, ret;

	strcpy(path, "/tmp/test-image-sb-XXXXXX");
	/* The first 68 KiB: enough for the superblock, not for the trees. */
	in = fopen(fixture, "rb");
	if (!in)
		return -999;
	ret = fseek(in, BTRFS_ONDISK_SUPER_OFFSET, SEEK_SET) ||
	      fread(buf, 1, sizeof(buf), in) != sizeof(buf);
	fclose(in);
	fd = mkstemp(path);
	out = fd < 0 ? NULL : fdopen(fd, "wb");
	if (ret || !out)
		return -999;
	buf[at] ^= xor;
	fseek(out, BTRFS_ONDISK_SUPER_OFFSET, SEEK_SET);
	fwrite(buf, 1, sizeof(buf), out);
	fclose(out);
	ret = image_fs_open(&fs, &p, 1, 0);
	*err = image_fs_error(&fs);
	if (!ret)
		image_fs_close(&fs);
	unlink(path);
	return ret;
}

static void test_super_errors(void)
{
	const char *err;

	CHECK(fixture_path() == 0);
	/* Magic off: not btrfs. */
	CHECK_INT(open_edited_super(0x40, 1, &err), -ENOTTY);
	CHECK(strstr(err, "not a btrfs filesystem: /tmp/test-image-sb-") != NULL);
	/* A flipped label byte: the checksum catches it. */
	CHECK_INT(open_edited_super(0x200, 1, &err), -EBADMSG);
	CHECK(strstr(err, "superblock checksum mismatch") != NULL);
	/* Intact superblock, but the file ends before the system chunk. */
	CHECK_INT(open_edited_super(0x12b + 300, 0, &err), -EIO);
	CHECK_MSG(strstr(err, "truncated image") != NULL, "%s", err);
}

/* Check @buf as a block at 8192 of filesystem @fsid, checksummed first. */
static int check_block(uint8_t *buf, const uint8_t *fsid, const char **why)
{
	image_csum_compute(BTRFS_CSUM_TYPE_CRC32, buf + BTRFS_ONDISK_CSUM_SIZE,
			   4096 - BTRFS_ONDISK_CSUM_SIZE, buf);
	return image_block_check(buf, 4096, BTRFS_CSUM_TYPE_CRC32, fsid, 8192,
				 why);
}

static void test_block_checks(void)
{
	static uint8_t buf[4096];
	uint8_t fsid[16] = { 1 };
	struct btrfs_ondisk_header *h = (void *)buf;
	struct btrfs_ondisk_item *it = (void *)(h + 1);
	struct btrfs_ondisk_key_ptr *kp = (void *)(h + 1);
	const char *why = NULL;

	if (!image_csum_supported(BTRFS_CSUM_TYPE_CRC32))
		return;
	memcpy(h->fsid, fsid, 16);
	h->bytenr = htole64(8192);
	h->nritems = htole32(2);
	it[0].key.objectid = htole64(5);
	it[0].offset = htole32(4096 - 101 - 10);
	it[0].size = htole32(10);
	it[1].key.objectid = htole64(6);
	it[1].offset = htole32(4096 - 101 - 30);
	it[1].size = htole32(20);
	CHECK_INT(check_block(buf, fsid, &why), 0);
	CHECK_INT(image_block_check(buf, 4096, 0, fsid, 12288, &why), -EUCLEAN);
	CHECK_STR(why, "block says it is at another address");
	buf[200] ^= 1;
	CHECK_INT(image_block_check(buf, 4096, 0, fsid, 8192, &why), -EBADMSG);
	CHECK_STR(why, "checksum mismatch");
	/* Item 1 overruns into item 0's data. */
	it[1].size = htole32(25);
	CHECK_INT(check_block(buf, fsid, &why), -EUCLEAN);
	CHECK_STR(why, "item data not where the previous item's ends");
	/* Item 0 runs past the end of the leaf. */
	it[1].size = htole32(20);
	it[0].offset = htole32(4096 - 101 - 5);
	CHECK_INT(check_block(buf, fsid, &why), -EUCLEAN);
	it[0].offset = htole32(4096 - 101 - 10);
	it[1].key.objectid = htole64(5);
	CHECK_INT(check_block(buf, fsid, &why), -EUCLEAN);
	CHECK_STR(why, "keys out of order");
	/* More items than a leaf holds. */
	h->nritems = htole32(200);
	CHECK_INT(check_block(buf, fsid, &why), -EUCLEAN);
	CHECK_STR(why, "more items than fit in a leaf");
	/* A node: no pointer may be 0, the level must be below 8. */
	memset(buf + 101, 0, sizeof(buf) - 101);
	h->level = 1;
	h->nritems = htole32(1);
	CHECK_INT(check_block(buf, fsid, &why), -EUCLEAN);
	CHECK_STR(why, "node pointer to block 0");
	kp[0].blockptr = htole64(4096);
	CHECK_INT(check_block(buf, fsid, &why), 0);
	h->level = 8;
	CHECK_INT(check_block(buf, fsid, &why), -EUCLEAN);
	CHECK_STR(why, "level too high");
	fsid[3] = 1;
	h->level = 1;
	CHECK_INT(check_block(buf, fsid, &why), -EUCLEAN);
	CHECK_STR(why, "block of another filesystem");
}

#define BASE	(1024 * 1024)

/* Block @i of @dev: a node of @level pointing at blocks @ptrs[@n]. */
static void make_node(uint8_t *dev, int i, int level, const int *ptrs, int n)
{
	uint8_t *b = dev + i * 4096;
	struct btrfs_ondisk_header *h = (void *)b;
	struct btrfs_ondisk_key_ptr *kp = (void *)(h + 1);
	int j;

	memset(b, 0, 4096);
	memset(h->fsid, 7, sizeof(h->fsid));
	h->bytenr = htole64(BASE + i * 4096);
	h->generation = htole64(5);
	h->level = (uint8_t)level;
	h->nritems = htole32(n);
	for (j = 0; j < n; j++) {
		kp[j].key.objectid = htole64(256 + j);
		kp[j].blockptr = htole64(BASE + ptrs[j] * 4096);
		kp[j].generation = htole64(5);
	}
}

/* Block @i: a leaf of @n items of 10 bytes, keys 256, 257, ... */
static void make_leaf(uint8_t *dev, int i, int n)
{
	uint8_t *b = dev + i * 4096;
	struct btrfs_ondisk_header *h = (void *)b;
	struct btrfs_ondisk_item *it = (void *)(h + 1);
	int j;

	memset(b, 0, 4096);
	memset(h->fsid, 7, sizeof(h->fsid));
	h->bytenr = htole64(BASE + i * 4096);
	h->generation = htole64(5);
	h->nritems = htole32(n);
	for (j = 0; j < n; j++) {
		it[j].key.objectid = htole64(256 + j);
		it[j].offset = htole32(4096 - 101 - 10 * (j + 1));
		it[j].size = htole32(10);
	}
}

/* Checksum the @n blocks, search them all: items found or -errno. */
static int search_blocks(uint8_t *dev, int n, char *err, size_t len)
{
	struct mem_fs m;
	int i, ret = -1;

	for (i = 0; i < n; i++)
		image_csum_compute(BTRFS_CSUM_TYPE_CRC32, dev + i * 4096 + 32,
				   4096 - 32, dev + i * 4096);
	if (!mem_fs_init(&m, dev, n * 4096, 4096, BTRFS_CSUM_TYPE_CRC32))
		ret = mem_fs_search(&m, 0, UINT64_MAX);
	snprintf(err, len, "%s", image_fs_error(&m.fs));
	mem_fs_release(&m);
	return ret;
}

static void test_hostile_trees(void)
{
	static uint8_t dev[4 * 4096];
	const int self[] = { 0 }, up[] = { 0 }, down[] = { 1 }, twice[] = { 1, 1 };
	const int two[] = { 1, 2 };
	char err[200];

	if (!image_csum_supported(BTRFS_CSUM_TYPE_CRC32))
		return;
	/* A sound tree first: a node over two leaves. */
	make_node(dev, 0, 1, two, 2);
	make_leaf(dev, 1, 1);
	make_leaf(dev, 2, 1);
	((struct btrfs_ondisk_item *)(dev + 2 * 4096 + 101))->key.objectid =
		htole64(257);
	CHECK_INT(search_blocks(dev, 3, err, sizeof(err)), 2);
	/* A node pointing at itself. */
	make_node(dev, 0, 1, self, 1);
	CHECK_INT(search_blocks(dev, 1, err, sizeof(err)), -EUCLEAN);
	CHECK_STR(err, "tree block 1048576 of the root tree: level not one below its parent's");
	/* A child pointing back up at its parent. */
	make_node(dev, 0, 2, down, 1);
	make_node(dev, 1, 1, up, 1);
	CHECK_INT(search_blocks(dev, 2, err, sizeof(err)), -EUCLEAN);
	CHECK_STR(err, "tree block 1048576 of the root tree: level not one below its parent's");
	/* Two pointers at one leaf: its first key fits only one of them. */
	make_node(dev, 0, 1, twice, 2);
	make_leaf(dev, 1, 1);
	CHECK_INT(search_blocks(dev, 2, err, sizeof(err)), -EUCLEAN);
	CHECK_STR(err, "tree block 1052672 of the root tree: first key not the one its parent has for it");
	/* A leaf whose item runs past its end. */
	make_leaf(dev, 0, 2);
	((struct btrfs_ondisk_item *)(dev + 101))[1].size = htole32(4000);
	CHECK_INT(search_blocks(dev, 1, err, sizeof(err)), -EUCLEAN);
	CHECK_STR(err, "tree block 1048576 of the root tree: item data not where the previous item's ends");
	/* A pointer outside every chunk. */
	make_node(dev, 0, 1, (const int[]){ 9 }, 1);
	CHECK_INT(search_blocks(dev, 1, err, sizeof(err)), -EUCLEAN);
	CHECK_STR(err, "tree block 1085440 of the root tree is outside every chunk");
}

int main(void)
{
	RUN_TEST(test_hostile_trees);
	RUN_TEST(test_map_profiles);
	RUN_TEST(test_chunk_checks);
	RUN_TEST(test_sys_array_cut_short);
	RUN_TEST(test_fixture_trees);
	RUN_TEST(test_super_errors);
	RUN_TEST(test_block_checks);
	if (fixture[0])
		unlink(fixture);
	return UNIT_DONE("test-image");
}
