// SPDX-License-Identifier: MIT
#include <linux/btrfs_tree.h>
#include "common/balance-plan.h"
#include "common/items.h"

static bool wanted_type(uint64_t type, bool metadata)
{
	if (type & BTRFS_BLOCK_GROUP_SYSTEM)
		return false;
	if (type & BTRFS_BLOCK_GROUP_DATA)
		return true;
	return metadata && (type & BTRFS_BLOCK_GROUP_METADATA);
}

int balance_plan_load(const struct btrfs_fs *fs, struct min_heap *heap,
		      int max_used_pct, bool metadata,
		      const struct devid_filter *filter, int *min_used_pct)
{
	struct block_group_info bg;
	struct chunk_info *chunks;
	struct heap_bg hb;
	int nr, i, ret = 0;

	*min_used_pct = 101;
	nr = read_chunks(fs, &chunks);
	if (nr < 0)
		return nr;
	for (i = 0; i < nr; i++) {
		/* Fully remapped: nothing left on the devices to move. */
		if (!wanted_type(chunks[i].type, metadata) ||
		    !chunks[i].num_stripes ||
		    !devid_filter_wants(filter, &chunks[i]))
			continue;
		ret = block_group_lookup(fs, chunks[i].vaddr, chunks[i].length,
					 &bg);
		if (ret < 0)
			break;
		if (!ret)
			continue;
		ret = 0;
		hb.used_pct = block_group_used_pct(&bg);
		hb.vaddr = bg.vaddr;
		hb.length = bg.length;
		hb.used = bg.used;
		hb.flags = bg.flags;
		hb.raw_bytes = chunk_dev_extent_length(&chunks[i]) *
			       chunks[i].num_stripes;
		if (hb.used_pct <= max_used_pct) {
			ret = min_heap_push(heap, &hb);
			if (ret)
				break;
		}
		if (hb.used_pct < *min_used_pct)
			*min_used_pct = hb.used_pct;
	}
	free_chunks(chunks, nr);
	return ret;
}

uint64_t balance_plan_give_back(const struct heap_bg *bg)
{
	unsigned __int128 free_raw;

	if (!bg->length || bg->used >= bg->length)
		return 0;
	free_raw = (unsigned __int128)bg->raw_bytes * (bg->length - bg->used);
	return (uint64_t)(free_raw / bg->length);
}

int balance_plan_totals(const struct min_heap *heap, uint64_t max,
			uint64_t *items, uint64_t *bytes)
{
	struct min_heap copy;
	struct heap_bg bg;
	int err;

	*items = *bytes = 0;
	err = min_heap_copy(&copy, heap);
	if (err)
		return err;
	while (copy.nr && (!max || *items < max)) {
		min_heap_pop(&copy, &bg);
		(*items)++;
		*bytes += bg.used;
	}
	min_heap_release(&copy);
	return 0;
}
