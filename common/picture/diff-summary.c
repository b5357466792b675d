// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/picture/diff-summary.h"
#include "common/picture/scan-totals.h"

const char * const diff_bg_change_names[] = {
	[BG_ADDED] = "added",
	[BG_REMOVED] = "removed",
	[BG_FILLED] = "filled",
	[BG_EMPTIED] = "emptied",
	[BG_TYPE_CHANGED] = "type_changed",
	NULL
};

/*
 * The allocated and used bytes per type and profile of @old (before) and
 * @new (after), each type and profile once, in order of their flags.
 */
static int add_profiles(struct diff_summary *sum, const struct scan *old,
			const struct scan *new)
{
	struct scan_profile_total *a = NULL, *b = NULL;
	const struct scan_profile_total *o, *n;
	uint32_t nr_a, nr_b, i = 0, j = 0;
	struct diff_profile *p;
	int err;

	err = scan_profile_totals(old, &a, &nr_a);
	if (!err)
		err = scan_profile_totals(new, &b, &nr_b);
	if (err)
		goto out;
	sum->profiles = calloc((size_t)nr_a + nr_b + 1, sizeof(*sum->profiles));
	if (!sum->profiles) {
		err = -ENOMEM;
		goto out;
	}
	/* Both are in flags order: merge them. */
	while (i < nr_a || j < nr_b) {
		o = i < nr_a && (j == nr_b || a[i].flags <= b[j].flags) ?
		    &a[i++] : NULL;
		n = j < nr_b && (!o || b[j].flags == o->flags) ? &b[j++] : NULL;
		p = &sum->profiles[sum->nr_profiles++];
		if (o) {
			p->flags = o->flags;
			p->allocated.before = o->allocated;
			p->used.before = o->used;
		}
		if (n) {
			p->flags = n->flags;
			p->allocated.after = n->allocated;
			p->used.after = n->used;
		}
	}
out:
	free(a);
	free(b);
	return err;
}

static struct diff_device *get_device(struct diff_summary *sum,
				      uint64_t devid)
{
	struct diff_device *d;
	int i;

	for (i = 0; i < sum->nr_devices; i++)
		if (sum->devices[i].devid == devid)
			return &sum->devices[i];
	d = realloc(sum->devices, (sum->nr_devices + 1) * sizeof(*d));
	if (!d)
		return NULL;
	sum->devices = d;
	d = &d[sum->nr_devices++];
	memset(d, 0, sizeof(*d));
	d->devid = devid;
	return d;
}

static int add_side(struct diff_summary *sum, const struct scan *scan,
		    bool after)
{
	struct diff_device *d;
	uint32_t i;

	for (i = 0; i < scan->nr_devices; i++) {
		d = get_device(sum, scan->devices[i].devid);
		if (!d)
			return -ENOMEM;
		*(after ? &d->size.after : &d->size.before) =
			scan->devices[i].total_bytes;
		*(after ? &d->unallocated.after : &d->unallocated.before) =
			scan->devices[i].total_bytes -
			scan->devices[i].bytes_used;
	}
	*(after ? &sum->block_groups.after : &sum->block_groups.before) =
		scan->nr_bgs;
	return 0;
}

static int cmp_bg(const void *a, const void *b)
{
	const struct scan_block_group *x = a, *y = b;

	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static int cmp_device(const void *a, const void *b)
{
	const struct diff_device *x = a, *y = b;

	return x->devid < y->devid ? -1 : x->devid > y->devid;
}

/* The block groups of @scan in address order (bg keeps drawing order). */
static struct scan_block_group *sorted_bgs(const struct scan *scan)
{
	struct scan_block_group *bgs;

	bgs = malloc((scan->nr_bgs ? scan->nr_bgs : 1) * sizeof(*bgs));
	if (!bgs)
		return NULL;
	if (scan->nr_bgs)
		memcpy(bgs, scan->bgs, scan->nr_bgs * sizeof(*bgs));
	qsort(bgs, scan->nr_bgs, sizeof(*bgs), cmp_bg);
	return bgs;
}

static void add_change(struct diff_summary *sum,
		       const struct scan_block_group *o,
		       const struct scan_block_group *n)
{
	struct diff_bg *c = &sum->changes[sum->nr_changes];

	memset(c, 0, sizeof(*c));
	/* One of the two at least: an added, a removed or a changed one. */
	// cppcheck-suppress nullPointerRedundantCheck
	c->vaddr = (o ? o : n)->vaddr;
	// cppcheck-suppress nullPointerRedundantCheck
	c->flags = (n ? n : o)->flags;
	if (o) {
		c->length.before = o->length;
		c->used.before = o->used;
	}
	if (n) {
		c->length.after = n->length;
		c->used.after = n->used;
	}
	if (!o) {
		c->what = BG_ADDED;
		sum->added++;
	} else if (!n) {
		c->what = BG_REMOVED;
		sum->removed++;
	} else if (o->flags != n->flags || o->length != n->length) {
		c->what = BG_TYPE_CHANGED;
		sum->changed++;
	} else if (o->used != n->used) {
		c->what = n->used > o->used ? BG_FILLED : BG_EMPTIED;
		sum->changed++;
	} else {
		return;
	}
	sum->nr_changes++;
}

int diff_summary_scans(struct diff_summary *sum, const struct scan *old,
		       const struct scan *new)
{
	struct scan_block_group *a, *b;
	uint32_t i = 0, j = 0;
	int err;

	sum->have_scans = true;
	err = add_profiles(sum, old, new);
	if (!err)
		err = add_side(sum, old, false);
	if (!err)
		err = add_side(sum, new, true);
	if (err)
		return err;
	if (sum->nr_devices)
		qsort(sum->devices, sum->nr_devices, sizeof(*sum->devices),
		      cmp_device);
	a = sorted_bgs(old);
	b = sorted_bgs(new);
	sum->changes = malloc(((size_t)old->nr_bgs + new->nr_bgs + 1) *
			      sizeof(*sum->changes));
	if (!a || !b || !sum->changes) {
		err = -ENOMEM;
		goto out;
	}
	while (i < old->nr_bgs || j < new->nr_bgs) {
		if (j == new->nr_bgs ||
		    (i < old->nr_bgs && a[i].vaddr < b[j].vaddr))
			add_change(sum, &a[i++], NULL);
		else if (i == old->nr_bgs || b[j].vaddr < a[i].vaddr)
			add_change(sum, NULL, &b[j++]);
		else
			add_change(sum, &a[i++], &b[j++]);
	}
out:
	free(a);
	free(b);
	return err;
}

bool diff_summary_unchanged(const struct diff_summary *sum)
{
	int i;

	if (sum->pixels[DIFF_EQUAL] != sum->nr_pixels || sum->nr_changes)
		return false;
	for (i = 0; i < sum->nr_devices; i++)
		if (sum->devices[i].size.before != sum->devices[i].size.after ||
		    sum->devices[i].unallocated.before !=
		    sum->devices[i].unallocated.after)
			return false;
	return true;
}

void diff_summary_release(struct diff_summary *sum)
{
	free(sum->profiles);
	free(sum->devices);
	free(sum->changes);
	memset(sum, 0, sizeof(*sum));
}
