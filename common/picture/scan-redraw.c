// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "common/draw/colors.h"
#include "common/picture/scan-redraw.h"

static uint64_t device_bytes(const struct scan *scan, uint64_t devid)
{
	uint32_t i;

	for (i = 0; i < scan->nr_devices; i++)
		if (scan->devices[i].devid == devid)
			return scan->devices[i].total_bytes;
	return 0;
}

static long layout_find(const struct scan_layout *l, uint64_t devid)
{
	uint32_t i;

	for (i = 0; i < l->nr; i++)
		if (l->devids[i] == devid)
			return i;
	return -1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int scan_layout_union(const struct scan *old, const struct scan *new,
		      struct scan_layout *l)
{
	size_t max = (size_t)old->nr_scope_devids + new->nr_scope_devids + 1;
	uint64_t a, b;
	uint32_t i;

	memset(l, 0, sizeof(*l));
	if (old->kind != new->kind || new->kind == SCAN_BG ||
	    strcmp(old->scope, new->scope))
		return -EINVAL;
	l->kind = new->kind;
	l->curve = new->curve;
	l->order = new->order;
	l->size = new->size;
	l->devids = calloc(max, sizeof(*l->devids));
	l->bytes = calloc(max, sizeof(*l->bytes));
	l->offset = calloc(max, sizeof(*l->offset));
	if (!l->devids || !l->bytes || !l->offset) {
		scan_layout_release(l);
		return -ENOMEM;
	}
	/* The newer one's devices in its order, then those only the old had. */
	for (i = 0; i < new->nr_scope_devids; i++)
		l->devids[l->nr++] = new->scope_devids[i];
	for (i = 0; i < old->nr_scope_devids; i++)
		if (layout_find(l, old->scope_devids[i]) < 0)
			l->devids[l->nr++] = old->scope_devids[i];
	/* Without --device, show draws all devices in devid order. */
	if (!strstr(new->scope, "--device"))
		qsort(l->devids, l->nr, sizeof(*l->devids), cmp_u64);
	for (i = 0; i < l->nr; i++) {
		a = device_bytes(old, l->devids[i]);
		b = device_bytes(new, l->devids[i]);
		l->bytes[i] = a > b ? a : b;
		l->offset[i] = l->total_bytes;
		if (__builtin_add_overflow(l->total_bytes, l->bytes[i],
					   &l->total_bytes)) {
			scan_layout_release(l);
			return -EINVAL;
		}
	}
	return 0;
}

void scan_layout_release(struct scan_layout *l)
{
	free(l->devids);
	free(l->bytes);
	free(l->offset);
	memset(l, 0, sizeof(*l));
}

/*
 * Each device @scan draws, in its drawing order: its size, and where @l
 * puts it.  A device @l does not have room for is a scan that does not
 * agree with itself.
 */
struct scan_span {
	uint64_t bytes;
	uint64_t to;
};

static int scan_spans(const struct scan *scan, const struct scan_layout *l,
		      struct scan_span **ret)
{
	struct scan_span *spans;
	uint32_t i;
	long k;

	spans = calloc(scan->nr_scope_devids + 1, sizeof(*spans));
	if (!spans)
		return -ENOMEM;
	for (i = 0; i < scan->nr_scope_devids; i++) {
		k = layout_find(l, scan->scope_devids[i]);
		spans[i].bytes = device_bytes(scan, scan->scope_devids[i]);
		if (k < 0 || spans[i].bytes > l->bytes[k]) {
			free(spans);
			return -EBADMSG;
		}
		spans[i].to = l->offset[k];
	}
	*ret = spans;
	return 0;
}

/*
 * Where byte @start of @scan's curve, @length long, goes on @l's: a
 * physical range moves with its device, a virtual one stays.  *@dev is
 * the scan's device at or before @start (ranges come in order), from
 * byte *@dev_start.  Return 0, or -EBADMSG when the range is not inside
 * one device of the scan.
 */
static int place(const struct scan *scan, const struct scan_layout *l,
		 const struct scan_span *spans, uint64_t start,
		 uint64_t length, uint32_t *dev, uint64_t *dev_start,
		 uint64_t *out)
{
	if (scan->kind == SCAN_SHOW_VIRTUAL) {
		if (start > l->total_bytes || length > l->total_bytes - start)
			return -EBADMSG;
		*out = start;
		return 0;
	}
	for (; *dev < scan->nr_scope_devids; (*dev)++) {
		if (start - *dev_start < spans[*dev].bytes)
			break;
		*dev_start += spans[*dev].bytes;
	}
	if (*dev == scan->nr_scope_devids || start < *dev_start ||
	    length > spans[*dev].bytes - (start - *dev_start))
		return -EBADMSG;
	*out = spans[*dev].to + (start - *dev_start);
	return 0;
}

/* The raw space @scan had, in grid order on @l's curve. */
static int draw_extent(const struct scan *scan, const struct scan_layout *l,
		       const struct scan_span *spans, struct grid *grid)
{
	const struct rgb white = { 0xff, 0xff, 0xff };
	uint64_t end = 0;
	uint32_t i;
	int err;

	if (scan->kind == SCAN_SHOW_VIRTUAL)
		return grid_fill(grid, 0, scan->total_bytes < l->total_bytes ?
				 scan->total_bytes : l->total_bytes, 1, white);
	for (i = 0; i < scan->nr_scope_devids; i++) {
		if (spans[i].to < end)
			return -EBADMSG;
		err = grid_fill(grid, spans[i].to, spans[i].bytes, 1, white);
		if (err)
			return err;
		end = spans[i].to + spans[i].bytes;
	}
	return 0;
}

int scan_redraw(const struct scan *scan, const struct scan_layout *l,
		bool extent, struct grid *grid)
{
	const struct scan_block_group *bg;
	struct scan_span *spans = NULL;
	const struct scan_range *r;
	uint64_t dev_start = 0, start, end = 0;
	uint32_t dev = 0, i;
	int err;

	if (scan->kind != l->kind)
		return -EINVAL;
	err = scan_spans(scan, l, &spans);
	if (err)
		return err;
	err = grid_init(grid, l->order, l->size, l->curve, l->total_bytes);
	if (err) {
		free(spans);
		return err;
	}
	if (extent) {
		err = draw_extent(scan, l, spans, grid);
		goto out;
	}
	for (i = 0; i < scan->nr_ranges; i++) {
		r = &scan->ranges[i];
		err = place(scan, l, spans, r->start, r->length, &dev,
			    &dev_start, &start);
		/* Fills go in curve order: a layout that reorders is no good. */
		if (!err && start < end)
			err = -EBADMSG;
		if (err)
			break;
		bg = &scan->bgs[r->bg];
		err = grid_fill(grid, start, r->length,
				(double)bg->used / (double)bg->length,
				block_group_color(bg->flags));
		if (err)
			break;
		end = start + r->length;
	}
out:
	free(spans);
	if (err)
		grid_release(grid);
	return err;
}
