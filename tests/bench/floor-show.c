// SPDX-License-Identifier: MIT
/*
 * The floor for 'btrfs-heatmap show': read what the picture needs, with the
 * ioctl it is read with, and draw nothing.  That is the device items and
 * chunk items of the chunk tree, the device extents of the device tree, and
 * one exact block group lookup per chunk (or one pass over the block group
 * tree when the filesystem has one).
 *
 *   floor-show PATH	print the counts
 *   floor-show -l PATH	also list the block groups: vaddr length flags used
 */
#include <endian.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>

#define BUF_SIZE	(1024 * 1024)

struct search {
	struct btrfs_ioctl_search_args_v2 args;
	char buf[BUF_SIZE];
};

static struct search s;

/*
 * Call @fn for every item of @tree in [min, max], a buffer at a time.
 * Return the number of items or -1.
 */
static long walk(int fd, uint64_t tree, uint64_t min_objectid, uint8_t min_type,
		 uint64_t min_offset, uint64_t max_objectid, uint8_t max_type,
		 uint64_t max_offset,
		 void (*fn)(const struct btrfs_ioctl_search_header *, void *),
		 void *ctx)
{
	struct btrfs_ioctl_search_key *sk = &s.args.key;
	const struct btrfs_ioctl_search_header *sh;
	long nr = 0;
	size_t pos;
	uint32_t i;

	for (;;) {
		memset(sk, 0, sizeof(*sk));
		sk->tree_id = tree;
		sk->min_objectid = min_objectid;
		sk->min_type = min_type;
		sk->min_offset = min_offset;
		sk->max_objectid = max_objectid;
		sk->max_type = max_type;
		sk->max_offset = max_offset;
		sk->max_transid = UINT64_MAX;
		sk->nr_items = UINT32_MAX;
		s.args.buf_size = BUF_SIZE;
		if (ioctl(fd, BTRFS_IOC_TREE_SEARCH_V2, &s.args)) {
			perror("floor-show: TREE_SEARCH_V2");
			return -1;
		}
		if (sk->nr_items == 0)
			return nr;
		for (i = 0, pos = 0; i < sk->nr_items; i++) {
			sh = (const void *)(s.buf + pos);
			fn(sh, ctx);
			pos += sizeof(*sh) + sh->len;
		}
		nr += sk->nr_items;
		/* Go on after the last key. */
		min_objectid = sh->objectid;
		min_type = (uint8_t)sh->type;
		min_offset = sh->offset;
		if (++min_offset == 0 && ++min_type == 0 && ++min_objectid == 0)
			return nr;
	}
}

struct chunks {
	uint64_t *vaddr;
	uint64_t *length;
	long nr;
	long alloc;
};

static void count_item(const struct btrfs_ioctl_search_header *sh, void *ctx)
{
	(void)sh;
	(void)ctx;
}

static void add_chunk(const struct btrfs_ioctl_search_header *sh, void *ctx)
{
	const struct btrfs_chunk *chunk = (const void *)(sh + 1);
	struct chunks *c = ctx;

	if (c->nr == c->alloc) {
		c->alloc = c->alloc ? c->alloc * 2 : 1024;
		c->vaddr = realloc(c->vaddr, c->alloc * sizeof(*c->vaddr));
		c->length = realloc(c->length, c->alloc * sizeof(*c->length));
		if (!c->vaddr || !c->length) {
			perror("floor-show");
			exit(1);
		}
	}
	c->vaddr[c->nr] = sh->offset;
	c->length[c->nr] = le64toh(chunk->length);
	c->nr++;
}

static void print_block_group(const struct btrfs_ioctl_search_header *sh,
			      void *ctx)
{
	const struct btrfs_block_group_item *bgi = (const void *)(sh + 1);

	if (ctx && sh->type == BTRFS_BLOCK_GROUP_ITEM_KEY)
		printf("%llu %llu %llu %llu\n", (unsigned long long)sh->objectid,
		       (unsigned long long)sh->offset,
		       (unsigned long long)le64toh(bgi->flags),
		       (unsigned long long)le64toh(bgi->used));
}

/* One exact lookup, as small as the ioctl allows. */
static int lookup_block_group(int fd, uint64_t vaddr, uint64_t length,
			      int list)
{
	struct {
		struct btrfs_ioctl_search_args_v2 args;
		char buf[4096];
	} one;
	struct btrfs_ioctl_search_key *sk = &one.args.key;

	memset(sk, 0, sizeof(*sk));
	sk->tree_id = BTRFS_EXTENT_TREE_OBJECTID;
	sk->min_objectid = sk->max_objectid = vaddr;
	sk->min_type = sk->max_type = BTRFS_BLOCK_GROUP_ITEM_KEY;
	sk->min_offset = sk->max_offset = length;
	sk->max_transid = UINT64_MAX;
	sk->nr_items = 1;
	one.args.buf_size = sizeof(one.buf);
	if (ioctl(fd, BTRFS_IOC_TREE_SEARCH_V2, &one.args)) {
		perror("floor-show: TREE_SEARCH_V2");
		return -1;
	}
	if (sk->nr_items == 0)
		return 0;
	print_block_group((const void *)one.args.buf, list ? &list : NULL);
	return 1;
}

int main(int argc, char **argv)
{
	struct btrfs_ioctl_feature_flags features;
	struct chunks chunks = { 0 };
	long nr_devs, nr_dev_extents, nr_bgs = 0, i;
	int list = 0, fd, ret;

	if (argc == 3 && !strcmp(argv[1], "-l"))
		list = 1;
	else if (argc != 2) {
		fprintf(stderr, "usage: floor-show [-l] PATH\n");
		return 1;
	}
	fd = open(argv[argc - 1], O_RDONLY);
	if (fd < 0 || ioctl(fd, BTRFS_IOC_GET_FEATURES, &features)) {
		perror(argv[argc - 1]);
		return 1;
	}
	nr_devs = walk(fd, BTRFS_CHUNK_TREE_OBJECTID, BTRFS_DEV_ITEMS_OBJECTID,
		       BTRFS_DEV_ITEM_KEY, 1, BTRFS_DEV_ITEMS_OBJECTID,
		       BTRFS_DEV_ITEM_KEY, UINT64_MAX, count_item, NULL);
	if (nr_devs < 0)
		return 1;
	if (walk(fd, BTRFS_CHUNK_TREE_OBJECTID, BTRFS_FIRST_CHUNK_TREE_OBJECTID,
		 BTRFS_CHUNK_ITEM_KEY, 0, BTRFS_FIRST_CHUNK_TREE_OBJECTID,
		 BTRFS_CHUNK_ITEM_KEY, UINT64_MAX, add_chunk, &chunks) < 0)
		return 1;
	nr_dev_extents = walk(fd, BTRFS_DEV_TREE_OBJECTID, 1,
			      BTRFS_DEV_EXTENT_KEY, 0, UINT64_MAX,
			      BTRFS_DEV_EXTENT_KEY, UINT64_MAX, count_item,
			      NULL);
	if (nr_dev_extents < 0)
		return 1;
	if (features.compat_ro_flags &
	    BTRFS_FEATURE_COMPAT_RO_BLOCK_GROUP_TREE) {
		nr_bgs = walk(fd, BTRFS_BLOCK_GROUP_TREE_OBJECTID, 0,
			      BTRFS_BLOCK_GROUP_ITEM_KEY, 0, UINT64_MAX,
			      BTRFS_BLOCK_GROUP_ITEM_KEY, UINT64_MAX,
			      print_block_group, list ? &list : NULL);
		if (nr_bgs < 0)
			return 1;
	} else {
		for (i = 0; i < chunks.nr; i++) {
			ret = lookup_block_group(fd, chunks.vaddr[i],
						 chunks.length[i], list);
			if (ret < 0)
				return 1;
			nr_bgs += ret;
		}
	}
	if (!list)
		printf("devices %ld chunks %ld dev_extents %ld block_groups %ld\n",
		       nr_devs, chunks.nr, nr_dev_extents, nr_bgs);
	free(chunks.vaddr);
	free(chunks.length);
	close(fd);
	return 0;
}
