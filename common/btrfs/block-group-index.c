// SPDX-License-Identifier: MIT
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/block-group-index.h"
#include "kernel-lib/kernel.h"

/* Below this many chunks one thread is as fast: no threads to start. */
#define PARALLEL_MIN_CHUNKS	256
#define MAX_LOOKUP_THREADS	4

/* Entries [from, to) of an index, looked up by one thread. */
struct lookup_part {
	struct block_group_index *idx;
	int from;
	int to;
	int err;
};

static void *lookup_part(void *arg)
{
	struct lookup_part *part = arg;
	struct block_group_index *idx = part->idx;
	int i, ret;

	for (i = part->from; i < part->to; i++) {
		ret = block_group_lookup(idx->fs, idx->bgs[i].vaddr,
					 idx->bgs[i].length, &idx->bgs[i]);
		if (ret < 0) {
			part->err = ret;
			break;
		}
		idx->state[i] = ret ? 1 : -1;
	}
	return NULL;
}

/*
 * Look up every block group now, on a few threads.  Each lookup is one
 * exact search of the extent tree, most of a picture's time on a large
 * filesystem; the kernel serves them in parallel.  Where a thread cannot
 * start, its part is left unread for block_group_index_get() to fetch.
 */
static int lookup_all(struct block_group_index *idx)
{
	struct lookup_part parts[MAX_LOOKUP_THREADS];
	pthread_t threads[MAX_LOOKUP_THREADS];
	bool started[MAX_LOOKUP_THREADS] = { false };
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int nr_threads, t, err = 0;

	nr_threads = (int)clamp(cpus, 1L, (long)MAX_LOOKUP_THREADS);
	if (idx->nr < PARALLEL_MIN_CHUNKS || nr_threads == 1)
		return 0;
	for (t = 0; t < nr_threads; t++) {
		parts[t].idx = idx;
		parts[t].from = (int)((long)idx->nr * t / nr_threads);
		parts[t].to = (int)((long)idx->nr * (t + 1) / nr_threads);
		parts[t].err = 0;
	}
	for (t = 1; t < nr_threads; t++)
		started[t] = !pthread_create(&threads[t], NULL, lookup_part,
					     &parts[t]);
	lookup_part(&parts[0]);
	for (t = 0; t < nr_threads; t++) {
		if (t && started[t])
			pthread_join(threads[t], NULL);
		if (parts[t].err && !err)
			err = parts[t].err;
	}
	return err;
}

static int parse_block_group_item(const struct tree_item *item, void *elem)
{
	if (item->key.type != BTRFS_BLOCK_GROUP_ITEM_KEY ||
	    item->len < sizeof(struct btrfs_block_group_item))
		return 0;
	block_group_parse(item, item->data, elem);
	return 1;
}

/* Every block group item of the block group tree, in one pass. */
static int read_block_group_tree(const struct btrfs_fs *fs,
				 struct block_group_info **ret)
{
	struct tree_key min = { 0, BTRFS_BLOCK_GROUP_ITEM_KEY, 0 };
	struct tree_key max = { UINT64_MAX, BTRFS_BLOCK_GROUP_ITEM_KEY,
				UINT64_MAX };

	return tree_search_collect(fs, BTRFS_BLOCK_GROUP_TREE_OBJECTID,
				   &min, &max, sizeof(**ret),
				   parse_block_group_item, NULL, (void **)ret);
}

int block_group_index_init(struct block_group_index *idx,
			   const struct btrfs_fs *fs)
{
	struct chunk_info *chunks;
	int i, nr, err;

	memset(idx, 0, sizeof(*idx));
	idx->fs = fs;
	if (btrfs_fs_has_block_group_tree(fs)) {
		nr = read_block_group_tree(fs, &idx->bgs);
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
	err = lookup_all(idx);
	if (err)
		block_group_index_release(idx);
	return err;
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

/*
 * The block group of entry @i, read now if it is not yet.  Return 1
 * found, 0 if the chunk there has none, or -errno.
 */
static int block_group_index_at(struct block_group_index *idx, int i,
				struct block_group_info *bg)
{
	int ret;

	if (idx->state[i] == 0) {
		ret = block_group_lookup(idx->fs, idx->bgs[i].vaddr,
					 idx->bgs[i].length,
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

int block_group_index_get(struct block_group_index *idx, uint64_t vaddr,
			  struct block_group_info *bg)
{
	int i = find(idx, vaddr);

	if (i < 0) {
		/* Allocated after we looked, or no block group: ask directly. */
		if (btrfs_fs_has_block_group_tree(idx->fs))
			return 0;
		return block_group_lookup(idx->fs, vaddr, 0, bg);
	}
	return block_group_index_at(idx, i, bg);
}

int block_group_index_collect(struct block_group_index *idx,
			      struct block_group_info **ret)
{
	struct block_group_info *bgs;
	int nr = 0, i, err;

	bgs = calloc(idx->nr ? idx->nr : 1, sizeof(*bgs));
	if (!bgs)
		return -ENOMEM;
	for (i = 0; i < idx->nr; i++) {
		err = block_group_index_at(idx, i, &bgs[nr]);
		if (err < 0) {
			free(bgs);
			return err;
		}
		nr += err;
	}
	*ret = bgs;
	return nr;
}

void block_group_index_release(struct block_group_index *idx)
{
	free(idx->bgs);
	free(idx->state);
	idx->bgs = NULL;
	idx->state = NULL;
	idx->nr = 0;
}
