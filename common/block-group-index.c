// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/block-group-index.h"

int block_group_index_init(struct block_group_index *idx,
			   const struct btrfs_fs *fs)
{
	struct chunk_info *chunks;
	int i, nr;

	memset(idx, 0, sizeof(*idx));
	idx->fs = fs;
	if (btrfs_fs_has_block_group_tree(fs)) {
		nr = read_block_groups(fs, &idx->bgs);
		if (nr < 0)
			return nr;
		idx->nr = nr;
		idx->state = malloc(nr ? nr : 1);
		if (!idx->state)
			return -ENOMEM;
		memset(idx->state, 1, nr);
		return 0;
	}

	nr = read_chunks(fs, &chunks);
	if (nr < 0)
		return nr;
	idx->bgs = calloc(nr ? nr : 1, sizeof(*idx->bgs));
	idx->state = calloc(nr ? nr : 1, 1);
	if (!idx->bgs || !idx->state) {
		free_chunks(chunks, nr);
		block_group_index_release(idx);
		return -ENOMEM;
	}
	for (i = 0; i < nr; i++) {
		idx->bgs[i].vaddr = chunks[i].vaddr;
		idx->bgs[i].length = chunks[i].length;
	}
	idx->nr = nr;
	free_chunks(chunks, nr);
	return 0;
}

static int find(const struct block_group_index *idx, uint64_t vaddr)
{
	int lo = 0, hi = idx->nr - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (idx->bgs[mid].vaddr == vaddr)
			return mid;
		if (idx->bgs[mid].vaddr < vaddr)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int block_group_index_get(struct block_group_index *idx, uint64_t vaddr,
			  struct block_group_info *bg)
{
	int i = find(idx, vaddr), ret;

	if (i < 0) {
		/* Allocated after we looked, or no block group: ask directly. */
		if (btrfs_fs_has_block_group_tree(idx->fs))
			return 0;
		return block_group_lookup(idx->fs, vaddr, 0, bg);
	}
	if (idx->state[i] == 0) {
		ret = block_group_lookup(idx->fs, vaddr, idx->bgs[i].length,
					 &idx->bgs[i]);
		if (ret < 0)
			return ret;
		idx->state[i] = ret ? 1 : -1;
	}
	if (idx->state[i] < 0)
		return 0;
	*bg = idx->bgs[i];
	return 1;
}

void block_group_index_release(struct block_group_index *idx)
{
	free(idx->bgs);
	free(idx->state);
	idx->bgs = NULL;
	idx->state = NULL;
	idx->nr = 0;
}
