// SPDX-License-Identifier: MIT
#include <linux/btrfs_tree.h>
#include "common/balance/balance-plan.h"
#include "common/btrfs/block-group-index.h"
#include "common/btrfs/chunk-items.h"
#include "common/btrfs/profiles.h"

/* The reference's heap order: (used_pct, vaddr), smallest first. */
static bool least_used_less(const struct plan_bg *a, const struct plan_bg *b)
{
	if (a->used_pct != b->used_pct)
		return a->used_pct < b->used_pct;
	return a->vaddr < b->vaddr;
}

/* Most stripes on the preferred devices first, then the reference's. */
static bool plan_less(const void *lhs, const void *rhs, void *args)
{
	const struct plan_bg *a = lhs, *b = rhs;

	(void)args;
	if (a->short_stripes != b->short_stripes)
		return a->short_stripes > b->short_stripes;
	return least_used_less(a, b);
}

static const struct min_heap_callbacks plan_order = { .less = plan_less };

void balance_plan_init(struct balance_plan *plan)
{
	min_heap_init(&plan->heap, sizeof(struct plan_bg));
	plan->prefer = NULL;
	plan->nr_prefer = 0;
}

int balance_plan_push(struct balance_plan *plan, const struct plan_bg *bg)
{
	return min_heap_push(&plan->heap, bg, &plan_order, NULL);
}

const struct plan_bg *balance_plan_peek(const struct balance_plan *plan)
{
	return min_heap_peek(&plan->heap);
}

void balance_plan_pop(struct balance_plan *plan, struct plan_bg *bg)
{
	min_heap_pop(&plan->heap, bg, &plan_order, NULL);
}

void balance_plan_pop_push(struct balance_plan *plan,
			   const struct plan_bg *bg)
{
	min_heap_pop_push(&plan->heap, bg, &plan_order, NULL);
}

const struct plan_bg *balance_plan_least_used(const struct balance_plan *plan)
{
	const struct plan_bg *bgs = plan->heap.data, *best = NULL;
	size_t i;

	for (i = 0; i < plan->heap.nr; i++)
		if (!best || least_used_less(&bgs[i], best))
			best = &bgs[i];
	return best;
}

int balance_plan_copy(struct balance_plan *dst,
		      const struct balance_plan *src)
{
	dst->prefer = src->prefer;
	dst->nr_prefer = src->nr_prefer;
	return min_heap_copy(&dst->heap, &src->heap);
}

void balance_plan_free(struct balance_plan *plan)
{
	min_heap_free(&plan->heap);
}

static bool wanted_type(uint64_t type, bool metadata)
{
	if (type & BTRFS_BLOCK_GROUP_SYSTEM)
		return false;
	if (type & BTRFS_BLOCK_GROUP_DATA)
		return true;
	return metadata && (type & BTRFS_BLOCK_GROUP_METADATA);
}

int balance_plan_load(const struct btrfs_fs *fs, struct balance_plan *plan,
		      int max_used_pct, bool metadata,
		      const struct devid_filter *filter, int *min_used_pct)
{
	struct block_group_index idx;
	struct block_group_info bg;
	struct chunk_info *chunks;
	struct plan_bg pb;
	int nr, i, found, ret;

	*min_used_pct = 101;
	ret = block_group_index_init(&idx, fs);
	if (ret)
		return ret;
	nr = read_chunks(fs, &chunks);
	if (nr < 0) {
		block_group_index_release(&idx);
		return nr;
	}
	for (i = 0; i < nr; i++) {
		/* Fully remapped: nothing left on the devices to move. */
		if (!wanted_type(chunks[i].type, metadata) ||
		    !chunks[i].num_stripes ||
		    !devid_filter_wants(filter, &chunks[i]))
			continue;
		found = block_group_index_get(&idx, chunks[i].vaddr, &bg);
		if (found < 0) {
			ret = found;
			break;
		}
		if (!found || bg.length != chunks[i].length)
			continue;
		pb.used_pct = block_group_used_pct(&bg);
		pb.vaddr = bg.vaddr;
		pb.length = bg.length;
		pb.used = bg.used;
		pb.flags = bg.flags;
		pb.raw_bytes = chunk_dev_extent_length(&chunks[i]) *
			       chunks[i].num_stripes;
		pb.short_stripes = devid_stripes_on(&chunks[i], plan->prefer,
						    plan->nr_prefer);
		if (pb.used_pct <= max_used_pct) {
			ret = balance_plan_push(plan, &pb);
			if (ret)
				break;
		}
		if (pb.used_pct < *min_used_pct)
			*min_used_pct = pb.used_pct;
	}
	free_chunks(chunks, nr);
	block_group_index_release(&idx);
	return ret;
}

uint64_t balance_plan_give_back(const struct plan_bg *bg)
{
	unsigned __int128 free_raw;

	if (!bg->length || bg->used >= bg->length)
		return 0;
	free_raw = (unsigned __int128)bg->raw_bytes * (bg->length - bg->used);
	return (uint64_t)(free_raw / bg->length);
}

int balance_plan_totals(const struct balance_plan *plan, uint64_t max,
			uint64_t *items, uint64_t *bytes)
{
	struct balance_plan copy;
	struct plan_bg bg;
	int err;

	*items = *bytes = 0;
	err = balance_plan_copy(&copy, plan);
	if (err)
		return err;
	while (balance_plan_nr(&copy) && (!max || *items < max)) {
		balance_plan_pop(&copy, &bg);
		(*items)++;
		*bytes += bg.used;
	}
	balance_plan_free(&copy);
	return 0;
}
