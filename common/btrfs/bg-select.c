// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/bg-select.h"
#include "common/btrfs/block-group-index.h"

const char * const bg_type_names[] = {
	"data", "metadata", "system", "any", NULL
};

const char * const bg_selector_options[] = {
	[BG_SELECT_VADDR] = "--vaddr",
	[BG_SELECT_NEWEST] = "--newest",
	[BG_SELECT_OLDEST] = "--oldest",
	[BG_SELECT_LEAST_USED] = "--least-used",
	[BG_SELECT_ALL] = "--all",
};

void bg_selection_text(const struct bg_selection *sel, char *buf, size_t len)
{
	size_t pos = 0;
	int i;

	buf[0] = 0;
	if (sel->how == BG_SELECT_VADDR) {
		for (i = 0; i < sel->nr_vaddrs && pos < len; i++)
			pos += snprintf(buf + pos, len - pos, "%s--vaddr %llu",
					i ? " " : "",
					(unsigned long long)sel->vaddrs[i]);
		return;
	}
	if (sel->how == BG_SELECT_ALL)
		pos = snprintf(buf, len, "--all");
	else
		pos = snprintf(buf, len, "%s %llu",
			       bg_selector_options[sel->how],
			       (unsigned long long)sel->count);
	if (pos < len)
		snprintf(buf + pos, len - pos, " --type %s",
			 bg_type_names[sel->type]);
}

static bool type_matches(enum bg_type type, uint64_t flags)
{
	switch (type) {
	case BG_TYPE_DATA:
		return flags & BTRFS_BLOCK_GROUP_DATA;
	case BG_TYPE_METADATA:
		return flags & BTRFS_BLOCK_GROUP_METADATA;
	case BG_TYPE_SYSTEM:
		return flags & BTRFS_BLOCK_GROUP_SYSTEM;
	default:
		return true;
	}
}

/* used / length ascending, compared exactly; ties by address. */
static int cmp_least_used(const void *pa, const void *pb)
{
	const struct block_group_info *a = pa, *b = pb;
	unsigned __int128 ua = (unsigned __int128)a->used * b->length;
	unsigned __int128 ub = (unsigned __int128)b->used * a->length;

	if (ua != ub)
		return ua < ub ? -1 : 1;
	if (a->vaddr != b->vaddr)
		return a->vaddr < b->vaddr ? -1 : 1;
	return 0;
}

static int select_given(const struct btrfs_fs *fs,
			const struct bg_selection *sel,
			struct block_group_info **ret,
			const uint64_t **missing_vaddr)
{
	struct block_group_info *bgs;
	int i, err;

	bgs = calloc(sel->nr_vaddrs ? sel->nr_vaddrs : 1, sizeof(*bgs));
	if (!bgs)
		return -ENOMEM;
	for (i = 0; i < sel->nr_vaddrs; i++) {
		err = block_group_lookup(fs, sel->vaddrs[i], 0, &bgs[i]);
		if (err <= 0) {
			if (!err) {
				*missing_vaddr = &sel->vaddrs[i];
				err = -ENOENT;
			}
			free(bgs);
			return err;
		}
	}
	*ret = bgs;
	return sel->nr_vaddrs;
}

/* Every block group of @fs, in address order.  Return the count or -errno. */
static int read_block_groups(const struct btrfs_fs *fs,
			     struct block_group_info **ret)
{
	struct block_group_index idx;
	int nr;

	nr = block_group_index_init(&idx, fs);
	if (nr)
		return nr;
	nr = block_group_index_collect(&idx, ret);
	block_group_index_release(&idx);
	return nr;
}

int bg_select(const struct btrfs_fs *fs, const struct bg_selection *sel,
	      struct block_group_info **ret, const uint64_t **missing_vaddr)
{
	struct block_group_info *bgs;
	uint64_t count = sel->count;
	int nr, kept = 0, i;

	*missing_vaddr = NULL;
	if (sel->how == BG_SELECT_VADDR)
		return select_given(fs, sel, ret, missing_vaddr);

	nr = read_block_groups(fs, &bgs);
	if (nr < 0)
		return nr;
	for (i = 0; i < nr; i++)
		if (type_matches(sel->type, bgs[i].flags))
			bgs[kept++] = bgs[i];
	if (sel->how == BG_SELECT_ALL || count > (uint64_t)kept)
		count = kept;

	switch (count ? sel->how : BG_SELECT_NONE) {
	case BG_SELECT_NEWEST:
		/* The last ones, still drawn in address order. */
		memmove(bgs, bgs + kept - count, count * sizeof(*bgs));
		break;
	case BG_SELECT_LEAST_USED:
		qsort(bgs, kept, sizeof(*bgs), cmp_least_used);
		break;
	default:
		break;
	}
	*ret = bgs;
	return (int)count;
}

int bg_select_containing(const struct btrfs_fs *fs, uint64_t vaddr,
			 struct block_group_info *bg)
{
	struct block_group_info *bgs;
	int nr, i, found = 0;

	nr = read_block_groups(fs, &bgs);
	if (nr < 0)
		return nr;
	for (i = 0; i < nr; i++) {
		if (vaddr >= bgs[i].vaddr && vaddr - bgs[i].vaddr < bgs[i].length) {
			*bg = bgs[i];
			found = 1;
			break;
		}
	}
	free(bgs);
	return found;
}
