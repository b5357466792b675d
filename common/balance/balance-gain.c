// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/balance/balance-gain.h"
#include "common/btrfs/extent-items.h"
#include "common/btrfs/free-space-tree.h"
#include "common/btrfs/block-group-items.h"
#include "common/btrfs/chunk-items.h"
#include "common/btrfs/profiles.h"
#include "common/btrfs/tree-search.h"
#include "common/units.h"

#define SAME_KIND_MASK	(BTRFS_BLOCK_GROUP_TYPE_MASK | \
			 BTRFS_BLOCK_GROUP_PROFILE_MASK)

/* Grow *@p of *@alloc elements of @size to hold one more than @nr. */
static int grow(void *p, int nr, int *alloc, size_t size)
{
	void **arr = p, *q;
	int n;

	if (nr < *alloc)
		return 0;
	n = *alloc ? *alloc * 2 : 32;
	q = realloc(*arr, (size_t)n * size);
	if (!q)
		return -ENOMEM;
	*arr = q;
	*alloc = n;
	return 0;
}

int gain_pool_add_bg(struct gain_pool *pool, uint64_t vaddr, uint64_t length,
		     uint64_t flags, uint64_t raw)
{
	if (grow(&pool->bgs, pool->nr_bgs, &pool->alloc_bgs,
		 sizeof(*pool->bgs)))
		return -ENOMEM;
	pool->bgs[pool->nr_bgs] = (struct gain_bg){ vaddr, length, flags, raw,
						    false, GAIN_SZ_NONE };
	return pool->nr_bgs++;
}

int gain_pool_add_free(struct gain_pool *pool, int bg, uint64_t length)
{
	if (grow(&pool->free, pool->nr_free, &pool->alloc_free,
		 sizeof(*pool->free)))
		return -ENOMEM;
	pool->free[pool->nr_free++] = (struct gain_free){ length, bg };
	return 0;
}

static int add_placed(struct gain_pool *pool, int bg, uint64_t length)
{
	if (grow(&pool->placed, pool->nr_placed, &pool->alloc_placed,
		 sizeof(*pool->placed)))
		return -ENOMEM;
	pool->placed[pool->nr_placed++] = (struct gain_placed){ length, bg };
	return 0;
}

void gain_pool_release(struct gain_pool *pool)
{
	free(pool->bgs);
	free(pool->free);
	free(pool->placed);
	memset(pool, 0, sizeof(*pool));
}

/* Give each free extent (address order) to its block group (the same). */
static int add_free_extents(struct gain_pool *pool,
			    const struct block_group_info *bgs, int nr_bgs,
			    const struct free_extent *fe, int nr_fe)
{
	uint64_t run_end = 0, end;
	int b = 0, i, err, last_bg = -1;

	for (i = 0; i < nr_fe; i++) {
		while (b < nr_bgs && bgs[b].vaddr + bgs[b].length <= fe[i].start)
			b++;
		if (b == nr_bgs)
			break;
		if (fe[i].start < bgs[b].vaddr)
			continue;
		end = fe[i].start + fe[i].length;
		if (end > bgs[b].vaddr + bgs[b].length)
			end = bgs[b].vaddr + bgs[b].length;
		/* Runs that touch inside one block group are one extent. */
		if (last_bg == b && run_end == fe[i].start) {
			pool->free[pool->nr_free - 1].length += end - fe[i].start;
		} else {
			err = gain_pool_add_free(pool, b, end - fe[i].start);
			if (err)
				return err;
		}
		last_bg = b;
		run_end = end;
	}
	return 0;
}

enum gain_size_class gain_size_class(uint64_t size)
{
	if (size <= 128 * 1024)
		return GAIN_SZ_SMALL;
	if (size <= 8 * 1024 * 1024)
		return GAIN_SZ_MEDIUM;
	return GAIN_SZ_LARGE;
}

#define SAMPLE_ITEMS	32	/* items per search while sampling */

/* The size of the first extent item at or after @from within @g; or 0. */
static uint64_t first_extent(const struct btrfs_fs *fs, const struct gain_bg *g,
			     uint64_t from, int *err)
{
	struct tree_key min = { from, BTRFS_EXTENT_ITEM_KEY, 0 };
	struct tree_key max = { g->vaddr + g->length - 1, UINT8_MAX,
				UINT64_MAX };
	struct tree_search ts;
	struct tree_item item;
	int ret, nr;

	/* Backrefs between extent items: a few items at a time, not 1 MiB. */
	for (;;) {
		*err = tree_search_init(&ts, fs, BTRFS_EXTENT_TREE_OBJECTID,
					&min, &max, SAMPLE_ITEMS);
		if (*err)
			return 0;
		nr = 0;
		while ((ret = tree_search_next(&ts, &item)) > 0) {
			nr++;
			if (item.key.type != BTRFS_EXTENT_ITEM_KEY)
				continue;
			tree_search_release(&ts);
			return item.key.objectid + item.key.offset <=
			       g->vaddr + g->length ? item.key.offset : 0;
		}
		tree_search_release(&ts);
		if (ret < 0) {
			*err = ret;
			return 0;
		}
		if (nr < SAMPLE_ITEMS || item.key.objectid >= max.objectid)
			return 0;
		/* Go on after the last item's extent: backrefs follow it. */
		min = (struct tree_key){ item.key.objectid + 1,
					 BTRFS_EXTENT_ITEM_KEY, 0 };
	}
}

static bool has_size_class(const struct gain_bg *g)
{
	return (g->flags & BTRFS_BLOCK_GROUP_DATA) &&
	       !(g->flags & BTRFS_BLOCK_GROUP_METADATA);
}

enum gain_size_class gain_size_class_carry(bool known,
					   enum gain_size_class prev,
					   uint64_t used, uint64_t first)
{
	if (!used)
		return GAIN_SZ_NONE;
	if (known && prev != GAIN_SZ_NONE)
		return prev;
	return first ? gain_size_class(first) : GAIN_SZ_NONE;
}

/* The block group of @prev at @g's address, -1 if it has none. */
static int find_prev(const struct gain_pool *prev, const struct gain_bg *g)
{
	int i;

	for (i = 0; i < prev->nr_bgs; i++)
		if (!prev->bgs[i].gone && prev->bgs[i].vaddr == g->vaddr &&
		    prev->bgs[i].length == g->length)
			return i;
	return -1;
}

/* The class the kernel holds for @g, seen in @prev before (see the .h). */
static int carry_size_class(const struct btrfs_fs *fs,
			    const struct gain_pool *prev, struct gain_bg *g,
			    uint64_t used)
{
	enum gain_size_class was = GAIN_SZ_NONE;
	uint64_t first = 0;
	int p, err = 0;

	if (!has_size_class(g))
		return 0;
	p = find_prev(prev, g);
	if (p >= 0)
		was = prev->bgs[p].size_class;
	if (used && (p < 0 || was == GAIN_SZ_NONE))
		first = first_extent(fs, g, g->vaddr, &err);
	g->size_class = gain_size_class_carry(p >= 0, was, used, first);
	return err;
}

/*
 * The size class the kernel gives a data block group when it caches it:
 * the smallest of five extents sampled at even steps through it.
 */
static int sample_size_class(const struct btrfs_fs *fs, struct gain_bg *g)
{
	uint64_t min = g->length, size;
	int i, err;

	if (!has_size_class(g))
		return 0;
	for (i = 0; i < 5; i++) {
		size = first_extent(fs, g, g->vaddr + i * (g->length / 5), &err);
		if (err)
			return err;
		if (!size)
			continue;
		if (size < min)
			min = size;
		g->size_class = gain_size_class(min);
	}
	return 0;
}

int gain_pool_load(const struct btrfs_fs *fs, const struct gain_pool *prev,
		   struct gain_pool *pool)
{
	struct block_group_info *bgs = NULL;
	struct free_extent *fe = NULL;
	struct chunk_info *chunks;
	int nr_chunks, nr = 0, nr_fe, i, ret;

	memset(pool, 0, sizeof(*pool));
	nr_chunks = read_chunks(fs, &chunks);
	if (nr_chunks < 0)
		return nr_chunks;
	bgs = calloc(nr_chunks ? nr_chunks : 1, sizeof(*bgs));
	ret = -ENOMEM;
	if (!bgs)
		goto out;
	for (i = 0; i < nr_chunks; i++) {
		ret = block_group_lookup(fs, chunks[i].vaddr, chunks[i].length,
					 &bgs[nr]);
		if (ret < 0)
			goto out;
		if (!ret)
			continue;
		ret = gain_pool_add_bg(pool, bgs[nr].vaddr, bgs[nr].length,
				       bgs[nr].flags,
				       chunk_dev_extent_length(&chunks[i]) *
				       chunks[i].num_stripes);
		if (ret < 0)
			goto out;
		if (prev)
			ret = carry_size_class(fs, prev, &pool->bgs[ret],
					       bgs[nr].used);
		else
			ret = sample_size_class(fs, &pool->bgs[ret]);
		if (ret < 0)
			goto out;
		nr++;
	}
	pool->contiguous = free_space_tree_present(fs);
	if (pool->contiguous) {
		nr_fe = free_space_tree_read(fs, &fe);
		ret = nr_fe;
		if (nr_fe < 0)
			goto out;
		ret = add_free_extents(pool, bgs, nr, fe, nr_fe);
	} else {
		for (i = 0, ret = 0; i < nr && !ret; i++)
			if (bgs[i].used < bgs[i].length)
				ret = gain_pool_add_free(pool, i, bgs[i].length -
							 bgs[i].used);
	}
out:
	free(fe);
	free(bgs);
	free_chunks(chunks, nr_chunks);
	if (ret < 0)
		gain_pool_release(pool);
	return ret < 0 ? ret : 0;
}

struct slot {
	uint64_t length;
	int idx;		/* into pool->free; -1 in a new chunk */
	int bg;			/* into the classes of place(): pool->bgs,
				   then the new chunks */
};

static int cmp_slot(const void *a, const void *b)
{
	const struct slot *x = a, *y = b;

	if (x->length != y->length)
		return x->length < y->length ? -1 : 1;
	if (x->bg != y->bg)
		return x->bg - y->bg;
	return x->idx - y->idx;
}

static int cmp_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

/* The first slot of at least @size, in @slots sorted by length; or @nr. */
static int first_fit(const struct slot *slots, int nr, uint64_t size)
{
	int lo = 0, hi = nr;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (slots[mid].length < size)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether a block group of class @bg takes an allocation of class @c. */
static bool takes(enum gain_size_class bg, enum gain_size_class c)
{
	return bg == GAIN_SZ_NONE || bg == c;
}

/* The smallest slot of at least @size whose block group takes @c; or -1. */
static int best_fit(const struct slot *slots, int nr, uint64_t size,
		    const enum gain_size_class *cls, enum gain_size_class c)
{
	int i;

	for (i = first_fit(slots, nr, size); i < nr; i++)
		if (takes(cls[slots[i].bg], c))
			return i;
	return -1;
}

/* Keep @slots sorted after slot @i got shorter. */
static void sift_left(struct slot *slots, int i)
{
	struct slot s = slots[i];

	while (i > 0 && cmp_slot(&slots[i - 1], &s) > 0) {
		slots[i] = slots[i - 1];
		i--;
	}
	slots[i] = s;
}

static int find_bg(const struct gain_pool *pool, uint64_t vaddr)
{
	int i;

	for (i = 0; i < pool->nr_bgs; i++)
		if (!pool->bgs[i].gone && pool->bgs[i].vaddr == vaddr &&
		    pool->bgs[i].length)
			return i;
	return -1;
}

/*
 * Collect the free extents of the block groups that can take @b's data,
 * with room for @extra slots more (the new chunks).
 */
static struct slot *other_slots(const struct gain_pool *pool, int b, int extra,
				struct gain_estimate *est, int *nr)
{
	uint64_t kind = pool->bgs[b].flags & SAME_KIND_MASK;
	struct slot *slots;
	char *seen;
	int i, n = 0;

	slots = malloc((pool->nr_free + extra + 1) * sizeof(*slots));
	seen = calloc(pool->nr_bgs ? pool->nr_bgs : 1, 1);
	if (!slots || !seen) {
		free(slots);
		free(seen);
		return NULL;
	}
	for (i = 0; i < pool->nr_bgs; i++) {
		const struct gain_bg *g = &pool->bgs[i];

		if (i != b && !g->gone && (g->flags & SAME_KIND_MASK) == kind) {
			seen[i] = 1;
			est->others++;
		}
	}
	for (i = 0; i < pool->nr_free; i++) {
		const struct gain_free *f = &pool->free[i];

		if (!f->length || !seen[f->bg])
			continue;
		slots[n++] = (struct slot){ f->length, i, f->bg };
		est->others_free += f->length;
		if (f->length > est->largest_free)
			est->largest_free = f->length;
	}
	free(seen);
	qsort(slots, n, sizeof(*slots), cmp_slot);
	*nr = n;
	return slots;
}

/* Move @b's simulated extents in with @sizes, into a new array. */
static uint64_t *all_sizes(const struct gain_pool *pool, int b,
			   const uint64_t *sizes, int nr, int *total)
{
	uint64_t *all;
	int i, n = nr;

	for (i = 0; i < pool->nr_placed; i++)
		n += pool->placed[i].bg == b;
	all = malloc((n ? n : 1) * sizeof(*all));
	if (!all)
		return NULL;
	if (nr)
		memcpy(all, sizes, nr * sizeof(*all));
	for (i = 0, n = nr; i < pool->nr_placed; i++)
		if (pool->placed[i].bg == b)
			all[n++] = pool->placed[i].length;
	qsort(all, n, sizeof(*all), cmp_desc);
	*total = n;
	return all;
}

/* A simulation of one relocation over the slots of the others. */
struct placing {
	struct gain_pool *pool;
	struct slot *slots;
	int nr_slots;
	enum gain_size_class *cls;	/* of pool->bgs, then new chunks */
	uint64_t chunk;			/* length of a new chunk */
	bool apply;
};

/* Take @take bytes of slot @j for an extent of class @c. */
static int take_slot(struct placing *pl, int j, uint64_t take,
		     enum gain_size_class c)
{
	struct slot *s = &pl->slots[j];

	s->length -= take;
	/* By bytes alone a piece of an extent is no allocation of its own. */
	if (pl->cls[s->bg] == GAIN_SZ_NONE && pl->pool->contiguous)
		pl->cls[s->bg] = c;
	if (pl->apply && s->idx >= 0)
		return add_placed(pl->pool, s->bg, take);
	return 0;
}

/* A new chunk, of class @c, that takes @left bytes: a slot with the rest. */
static void new_chunk(struct placing *pl, struct gain_estimate *est,
		      uint64_t left, enum gain_size_class c)
{
	int bg = pl->pool->nr_bgs + est->new_chunks++;

	pl->cls[bg] = c;
	pl->slots[pl->nr_slots] = (struct slot){
		pl->chunk > left ? pl->chunk - left : 0, -1, bg };
	sift_left(pl->slots, pl->nr_slots++);
}

/* Place the extents (largest first) into the slots; count what is left. */
static int place(struct placing *pl, const uint64_t *all, int n,
		 struct gain_estimate *est)
{
	uint64_t left, take;
	enum gain_size_class c;
	int i, j, err;

	for (i = 0; i < n; i++) {
		est->extents++;
		est->bytes += all[i];
		left = all[i];
		c = gain_size_class(left);
		if (pl->pool->contiguous) {
			j = best_fit(pl->slots, pl->nr_slots, left, pl->cls, c);
			if (j >= 0) {
				err = take_slot(pl, j, left, c);
				if (err)
					return err;
				sift_left(pl->slots, j);
				left = 0;
			}
		} else {
			/* Bytes alone: fill the largest free spaces first. */
			for (j = pl->nr_slots - 1; j >= 0 && left; j--) {
				if (!takes(pl->cls[pl->slots[j].bg], c))
					continue;
				take = pl->slots[j].length < left ?
				       pl->slots[j].length : left;
				err = take ? take_slot(pl, j, take, c) : 0;
				if (err)
					return err;
				left -= take;
			}
			qsort(pl->slots, pl->nr_slots, sizeof(*pl->slots),
			      cmp_slot);
		}
		if (!left)
			continue;
		est->unplaced += left;
		/* The allocator tries other size classes after a new chunk. */
		if (pl->nr_slots &&
		    first_fit(pl->slots, pl->nr_slots, left) < pl->nr_slots)
			est->wrong_class++;
		new_chunk(pl, est, left, c);
	}
	return 0;
}

/* Make @pool what the step left: @b gone, the slots as placed, new chunks. */
static int apply_step(struct placing *pl, int b)
{
	struct gain_pool *pool = pl->pool;
	struct gain_bg bg = pool->bgs[b];
	int nr_bgs = pool->nr_bgs, i, k, err;

	for (i = 0; i < nr_bgs; i++)
		pool->bgs[i].size_class = pl->cls[i];
	for (i = 0; i < pl->nr_slots; i++)
		if (pl->slots[i].idx >= 0)
			pool->free[pl->slots[i].idx].length = pl->slots[i].length;
	for (i = 0; i < pool->nr_placed; i++)
		if (pool->placed[i].bg == b)
			pool->placed[i].length = 0;
	pool->bgs[b].gone = true;
	for (i = 0; i < pl->nr_slots; i++) {
		if (pl->slots[i].idx >= 0)
			continue;
		k = gain_pool_add_bg(pool, 0, bg.length, bg.flags, bg.raw);
		if (k < 0)
			return k;
		pool->bgs[k].size_class = pl->cls[pl->slots[i].bg];
		err = gain_pool_add_free(pool, k, pl->slots[i].length);
		if (err)
			return err;
	}
	return 0;
}

int gain_estimate_sizes(struct gain_pool *pool, uint64_t vaddr,
			const uint64_t *sizes, int nr, bool apply,
			struct gain_estimate *est)
{
	struct placing pl = { .pool = pool, .apply = apply };
	uint64_t *all;
	int b, n, i, err = -ENOMEM;

	memset(est, 0, sizeof(*est));
	b = find_bg(pool, vaddr);
	if (b < 0)
		return -ENOENT;
	pl.chunk = pool->bgs[b].length;
	all = all_sizes(pool, b, sizes, nr, &n);
	if (!all)
		return -ENOMEM;
	pl.slots = other_slots(pool, b, n, est, &pl.nr_slots);
	pl.cls = calloc(pool->nr_bgs + n + 1, sizeof(*pl.cls));
	if (!pl.slots || !pl.cls)
		goto out;
	for (i = 0; i < pool->nr_bgs; i++)
		pl.cls[i] = pool->bgs[i].size_class;
	err = place(&pl, all, n, est);
	est->gain = (int64_t)pool->bgs[b].raw -
		    (int64_t)pool->bgs[b].raw * est->new_chunks;
	if (!err && apply)
		err = apply_step(&pl, b);
out:
	free(pl.cls);
	free(pl.slots);
	free(all);
	return err;
}

int gain_estimate(struct gain_pool *pool, const struct btrfs_fs *fs,
		  uint64_t vaddr, bool apply, struct gain_estimate *est)
{
	struct extent_reader er;
	struct extent_info ext;
	uint64_t *sizes = NULL, *p;
	int b, nr = 0, alloc = 0, ret;
	bool data_only;

	b = find_bg(pool, vaddr);
	if (b < 0)
		return -ENOENT;
	data_only = !(pool->bgs[b].flags & BTRFS_BLOCK_GROUP_METADATA);
	ret = extent_reader_init(&er, fs, vaddr,
				 vaddr + pool->bgs[b].length - 1, data_only);
	if (ret)
		return ret;
	while ((ret = extent_reader_next(&er, &ext)) > 0) {
		if (nr == alloc) {
			alloc = alloc ? alloc * 2 : 256;
			p = realloc(sizes, alloc * sizeof(*sizes));
			if (!p) {
				ret = -ENOMEM;
				break;
			}
			sizes = p;
		}
		sizes[nr++] = ext.length;
	}
	extent_reader_release(&er);
	if (!ret)
		ret = gain_estimate_sizes(pool, vaddr, sizes, nr, apply, est);
	free(sizes);
	return ret;
}

void gain_estimate_reason(const struct gain_estimate *est, uint64_t flags,
			  char *buf, size_t len)
{
	char type[64], bytes[32], more[32], largest[32];

	block_group_flags_str(flags & SAME_KIND_MASK, type, sizeof(type));
	pretty_size(est->bytes, bytes, sizeof(bytes));
	pretty_size(est->unplaced, more, sizeof(more));
	pretty_size(est->largest_free, largest, sizeof(largest));
	if (!est->extents)
		snprintf(buf, len, "it holds no data");
	else if (!est->new_chunks)
		snprintf(buf, len, "its %llu extents (%s) fit into free space of %d other %s block groups",
			 (unsigned long long)est->extents, bytes, est->others,
			 type);
	else if (!est->others)
		snprintf(buf, len, "no other %s block group takes its %s: a new chunk would",
			 type, bytes);
	else if (!est->wrong_class)
		snprintf(buf, len, "%s of its %s find no room in %d other %s block groups (largest free extent %s): a new chunk would take them",
			 more, bytes, est->others, type, largest);
	else
		snprintf(buf, len, "%s of its %s find no room in %d other %s block groups (largest free extent %s; %d extents fit only into block groups of another size class, which the kernel tries after a new chunk): a new chunk would take them",
			 more, bytes, est->others, type, largest,
			 est->wrong_class);
}
