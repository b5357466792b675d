// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "common/scan.h"

#ifndef HEATMAP_VERSION
#define HEATMAP_VERSION "unknown"
#endif

const char * const scan_kind_names[] = {
	[SCAN_SHOW_PHYSICAL] = "show-physical",
	[SCAN_SHOW_VIRTUAL] = "show-virtual",
	[SCAN_BG] = "bg",
	NULL
};

void scan_init(struct scan *scan, enum scan_kind kind, const char *fsid)
{
	memset(scan, 0, sizeof(*scan));
	snprintf(scan->version, sizeof(scan->version), "%s", HEATMAP_VERSION);
	snprintf(scan->fsid, sizeof(scan->fsid), "%s", fsid);
	scan->time = (uint64_t)time(NULL);
	scan->kind = kind;
}

/* Make room for one more of @size bytes in *@array of *@nr, *@alloc. */
static int grow(void **array, uint32_t nr, uint32_t *alloc, size_t size)
{
	uint32_t n;
	void *p;

	if (nr < *alloc)
		return 0;
	if (*alloc >= UINT32_MAX / 2)
		return -ENOMEM;
	n = *alloc ? *alloc * 2 : 64;
	p = realloc(*array, (size_t)n * size);
	if (!p)
		return -ENOMEM;
	*array = p;
	*alloc = n;
	return 0;
}

int scan_add_device(struct scan *scan, uint64_t devid, uint64_t total_bytes,
		    uint64_t bytes_used)
{
	struct scan_device *p;

	p = realloc(scan->devices, (scan->nr_devices + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	scan->devices = p;
	p[scan->nr_devices++] = (struct scan_device){ devid, total_bytes,
						      bytes_used };
	return 0;
}

int scan_add_scope_devid(struct scan *scan, uint64_t devid)
{
	uint64_t *p;

	p = realloc(scan->scope_devids,
		    (scan->nr_scope_devids + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	scan->scope_devids = p;
	p[scan->nr_scope_devids++] = devid;
	return 0;
}

int scan_add_block_group(struct scan *scan, uint64_t vaddr, uint64_t length,
			 uint64_t flags, uint64_t used)
{
	if (grow((void **)&scan->bgs, scan->nr_bgs, &scan->alloc_bgs,
		 sizeof(*scan->bgs)))
		return -ENOMEM;
	scan->bgs[scan->nr_bgs++] = (struct scan_block_group){ vaddr, length,
							       flags, used };
	return 0;
}

int scan_add_range(struct scan *scan, uint64_t start, uint64_t length,
		   uint64_t vaddr)
{
	uint32_t alloc = scan->alloc_ranges;

	if (grow((void **)&scan->ranges, scan->nr_ranges, &scan->alloc_ranges,
		 sizeof(*scan->ranges)) ||
	    grow((void **)&scan->range_vaddrs, scan->nr_ranges, &alloc,
		 sizeof(*scan->range_vaddrs)))
		return -ENOMEM;
	scan->range_vaddrs[scan->nr_ranges] = vaddr;
	scan->ranges[scan->nr_ranges++] = (struct scan_range){ start, length,
							       0 };
	return 0;
}

static int cmp_bg_vaddr(const void *a, const void *b)
{
	const struct scan_block_group *x = a, *y = b;

	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

long scan_find_block_group(const struct scan *scan, uint64_t vaddr)
{
	uint32_t lo = 0, hi = scan->nr_bgs, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (scan->bgs[mid].vaddr < vaddr)
			lo = mid + 1;
		else if (scan->bgs[mid].vaddr > vaddr)
			hi = mid;
		else
			return mid;
	}
	return -1;
}

int scan_finish(struct scan *scan)
{
	uint32_t i, n = 0;
	long idx;

	if (scan->kind == SCAN_BG)
		goto out;
	/* Drawn in physical order, which is often address order too. */
	for (i = 1; i < scan->nr_bgs; i++)
		if (scan->bgs[i - 1].vaddr > scan->bgs[i].vaddr)
			break;
	if (i < scan->nr_bgs)
		qsort(scan->bgs, scan->nr_bgs, sizeof(*scan->bgs),
		      cmp_bg_vaddr);
	for (i = 0; i < scan->nr_bgs; i++)
		if (!n || scan->bgs[n - 1].vaddr != scan->bgs[i].vaddr)
			scan->bgs[n++] = scan->bgs[i];
	scan->nr_bgs = n;
	for (i = 0; i < scan->nr_ranges; i++) {
		idx = scan_find_block_group(scan, scan->range_vaddrs[i]);
		if (idx < 0)
			return -EINVAL;
		scan->ranges[i].bg = (uint32_t)idx;
	}
out:
	free(scan->range_vaddrs);
	scan->range_vaddrs = NULL;
	return 0;
}

void scan_release(struct scan *scan)
{
	free(scan->scope_devids);
	free(scan->devices);
	free(scan->bgs);
	free(scan->ranges);
	free(scan->range_vaddrs);
	memset(scan, 0, sizeof(*scan));
}
