// SPDX-License-Identifier: MIT
/*
 * The floor for 'btrfs-heatmap bg --vaddr': find the block group with
 * exact lookups and stream every extent tree item in it with the ioctl the
 * picture is read with, drawing nothing.
 *
 *   floor-bg PATH VADDR	print the counts of what is in it
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

static struct {
	struct btrfs_ioctl_search_args_v2 args;
	char buf[BUF_SIZE];
} s;

static int search(int fd, uint64_t tree, uint64_t min_objectid,
		  uint8_t min_type, uint64_t min_offset, uint64_t max_objectid,
		  uint8_t max_type, uint64_t max_offset, uint32_t nr_items)
{
	struct btrfs_ioctl_search_key *sk = &s.args.key;

	memset(sk, 0, sizeof(*sk));
	sk->tree_id = tree;
	sk->min_objectid = min_objectid;
	sk->min_type = min_type;
	sk->min_offset = min_offset;
	sk->max_objectid = max_objectid;
	sk->max_type = max_type;
	sk->max_offset = max_offset;
	sk->max_transid = UINT64_MAX;
	sk->nr_items = nr_items;
	s.args.buf_size = BUF_SIZE;
	if (ioctl(fd, BTRFS_IOC_TREE_SEARCH_V2, &s.args)) {
		perror("floor-bg: TREE_SEARCH_V2");
		return -1;
	}
	return (int)sk->nr_items;
}

int main(int argc, char **argv)
{
	struct btrfs_ioctl_feature_flags features;
	const struct btrfs_ioctl_search_header *sh;
	const struct btrfs_chunk *chunk;
	long items = 0, extents = 0, tree_blocks = 0;
	uint64_t vaddr, length, flags, min_objectid, min_offset;
	uint8_t min_type;
	int fd, nr, i;
	size_t pos;

	if (argc != 3) {
		fprintf(stderr, "usage: floor-bg PATH VADDR\n");
		return 1;
	}
	vaddr = strtoull(argv[2], NULL, 10);
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || ioctl(fd, BTRFS_IOC_GET_FEATURES, &features)) {
		perror(argv[1]);
		return 1;
	}
	nr = search(fd, BTRFS_CHUNK_TREE_OBJECTID,
		    BTRFS_FIRST_CHUNK_TREE_OBJECTID, BTRFS_CHUNK_ITEM_KEY, vaddr,
		    BTRFS_FIRST_CHUNK_TREE_OBJECTID, BTRFS_CHUNK_ITEM_KEY, vaddr,
		    1);
	if (nr <= 0) {
		fprintf(stderr, "floor-bg: no chunk at %s\n", argv[2]);
		return 1;
	}
	chunk = (const void *)(s.buf + sizeof(*sh));
	length = le64toh(chunk->length);
	nr = search(fd, (features.compat_ro_flags &
			 BTRFS_FEATURE_COMPAT_RO_BLOCK_GROUP_TREE) ?
			BTRFS_BLOCK_GROUP_TREE_OBJECTID :
			BTRFS_EXTENT_TREE_OBJECTID,
		    vaddr, BTRFS_BLOCK_GROUP_ITEM_KEY, length,
		    vaddr, BTRFS_BLOCK_GROUP_ITEM_KEY, length, 1);
	if (nr <= 0) {
		fprintf(stderr, "floor-bg: no block group at %s\n", argv[2]);
		return 1;
	}
	flags = le64toh(((const struct btrfs_block_group_item *)
			 (s.buf + sizeof(*sh)))->flags);

	min_objectid = vaddr;
	min_type = 0;
	min_offset = 0;
	for (;;) {
		nr = search(fd, BTRFS_EXTENT_TREE_OBJECTID, min_objectid,
			    min_type, min_offset, vaddr + length - 1, 255,
			    UINT64_MAX, UINT32_MAX);
		if (nr < 0)
			return 1;
		if (nr == 0)
			break;
		for (i = 0, pos = 0; i < nr; i++) {
			sh = (const void *)(s.buf + pos);
			if (sh->type == BTRFS_EXTENT_ITEM_KEY)
				extents++;
			else if (sh->type == BTRFS_METADATA_ITEM_KEY)
				tree_blocks++;
			pos += sizeof(*sh) + sh->len;
		}
		items += nr;
		min_objectid = sh->objectid;
		min_type = (uint8_t)sh->type;
		min_offset = sh->offset;
		if (++min_offset == 0 && ++min_type == 0 && ++min_objectid == 0)
			break;
	}
	printf("vaddr %llu length %llu flags %llu items %ld extents %ld tree_blocks %ld\n",
	       (unsigned long long)vaddr, (unsigned long long)length,
	       (unsigned long long)flags, items, extents, tree_blocks);
	close(fd);
	return 0;
}
