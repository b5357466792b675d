// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/json-output.h"
#include "common/picture/diff-report.h"
#include "common/btrfs/profiles.h"
#include "common/picture/picture-json.h"
#include "common/messages.h"

static int64_t change(const struct diff_amount *a)
{
	return (int64_t)(a->after - a->before);
}

/* How much a block group change moved: its length or its used bytes. */
static uint64_t magnitude(const struct diff_bg *c)
{
	int64_t d;

	switch (c->what) {
	case BG_ADDED:
		return c->length.after;
	case BG_REMOVED:
		return c->length.before;
	case BG_TYPE_CHANGED:
		return c->length.after > c->length.before ? c->length.after :
							    c->length.before;
	default:
		d = change(&c->used);
		return d < 0 ? -(uint64_t)d : (uint64_t)d;
	}
}

static int cmp_magnitude(const void *a, const void *b, void *arg)
{
	const struct diff_summary *sum = arg;
	const struct diff_bg *x = &sum->changes[*(const uint32_t *)a];
	const struct diff_bg *y = &sum->changes[*(const uint32_t *)b];
	uint64_t mx = magnitude(x), my = magnitude(y);

	if (mx != my)
		return mx > my ? -1 : 1;
	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static int cmp_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * The changes to list, by address: all of them, or the largest.  Return
 * their indexes (the caller frees them) and the count in *@nr.
 */
static uint32_t *pick_changes(const struct diff_summary *sum, bool all,
			      uint32_t *nr)
{
	uint32_t *idx, i;

	idx = malloc((sum->nr_changes + 1) * sizeof(*idx));
	if (!idx)
		return NULL;
	for (i = 0; i < sum->nr_changes; i++)
		idx[i] = i;
	*nr = sum->nr_changes;
	if (!all && *nr > DIFF_LARGEST) {
		qsort_r(idx, *nr, sizeof(*idx), cmp_magnitude, (void *)sum);
		*nr = DIFF_LARGEST;
		qsort(idx, *nr, sizeof(*idx), cmp_index);
	}
	return idx;
}

static double percent(const struct diff_summary *sum, uint64_t n)
{
	return sum->nr_pixels ? 100.0 * n / sum->nr_pixels : 0;
}

static void text_side(const char *which, const struct diff_report_side *s)
{
	if (s->live)
		pr_verbose(0, "%s %s live scan at %llu", which, s->name,
			   (unsigned long long)s->time);
	else if (s->has_scan)
		pr_verbose(0, "%s %s scan at %llu", which, s->name,
			   (unsigned long long)s->time);
	else
		pr_verbose(0, "%s %s pixels only", which, s->name);
}

static void text_amount(const char *what, const char *name1,
			const char *name2, const struct diff_amount *a)
{
	pr_verbose(0, "%s %s %s before %llu after %llu change %lld", what,
		   name1, name2, (unsigned long long)a->before,
		   (unsigned long long)a->after, (long long)change(a));
}

void diff_report_text(const struct diff_summary *sum,
		      const struct diff_report_side *old,
		      const struct diff_report_side *new, bool all)
{
	const struct diff_profile *p;
	const struct diff_bg *c;
	uint32_t *idx, nr = 0, i;
	char devid[32];
	int k;

	text_side("old", old);
	text_side("new", new);
	for (k = 0; k < sum->nr_profiles; k++) {
		p = &sum->profiles[k];
		text_amount("allocated", block_group_type_name(p->flags),
			    block_group_profile_name(p->flags), &p->allocated);
		text_amount("used", block_group_type_name(p->flags),
			    block_group_profile_name(p->flags), &p->used);
	}
	for (k = 0; k < sum->nr_devices; k++) {
		snprintf(devid, sizeof(devid), "%llu",
			 (unsigned long long)sum->devices[k].devid);
		text_amount("unallocated", "devid", devid,
			    &sum->devices[k].unallocated);
	}
	/* A device that grew or was added: its new space, as added. */
	for (k = 0; k < sum->nr_devices; k++) {
		snprintf(devid, sizeof(devid), "%llu",
			 (unsigned long long)sum->devices[k].devid);
		text_amount("size", "devid", devid, &sum->devices[k].size);
	}
	if (sum->have_scans)
		pr_verbose(0, "block_groups before %llu after %llu added %u removed %u changed %u",
			   (unsigned long long)sum->block_groups.before,
			   (unsigned long long)sum->block_groups.after,
			   sum->added, sum->removed, sum->changed);
	idx = pick_changes(sum, all, &nr);
	for (i = 0; idx && i < nr; i++) {
		c = &sum->changes[idx[i]];
		pr_verbose(0, "block_group %llu %s type %s profile %s length %llu used_before %llu used_after %llu change %lld",
			   (unsigned long long)c->vaddr,
			   diff_bg_change_names[c->what],
			   block_group_type_name(c->flags),
			   block_group_profile_name(c->flags),
			   (unsigned long long)(c->length.after ? c->length.after :
							c->length.before),
			   (unsigned long long)c->used.before,
			   (unsigned long long)c->used.after,
			   (long long)change(&c->used));
	}
	free(idx);
	for (k = 0; k < DIFF_NR_CLASSES; k++) {
		if (sum->bytes_per_pixel > 0)
			pr_verbose(0, "pixels %s %llu %.2f%% bytes %.0f",
				   diff_class_names[k],
				   (unsigned long long)sum->pixels[k],
				   percent(sum, sum->pixels[k]),
				   sum->pixels[k] * sum->bytes_per_pixel);
		else
			pr_verbose(0, "pixels %s %llu %.2f%%",
				   diff_class_names[k],
				   (unsigned long long)sum->pixels[k],
				   percent(sum, sum->pixels[k]));
	}
	pr_verbose(0, "%s", diff_summary_unchanged(sum) ? "no change"
							: "changed");
}

static json_object *json_amount(const struct diff_amount *a)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "before", json_object_new_uint64(a->before));
	json_object_object_add(o, "after", json_object_new_uint64(a->after));
	json_object_object_add(o, "change", json_object_new_int64(change(a)));
	return o;
}

static json_object *json_side(const struct diff_report_side *s)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string(s->name));
	json_object_object_add(o, "source", json_object_new_string(
		s->live ? "live" : s->has_scan ? "scan" : "pixels"));
	if (s->live || s->has_scan)
		json_object_object_add(o, "time",
				       json_object_new_uint64(s->time));
	return o;
}

static json_object *json_profiles(const struct diff_summary *sum, bool used)
{
	json_object *arr = json_object_new_array(), *o;
	const struct diff_profile *p;
	int k;

	for (k = 0; k < sum->nr_profiles; k++) {
		p = &sum->profiles[k];
		o = json_amount(used ? &p->used : &p->allocated);
		json_add_block_group_kind(o, p->flags);
		json_object_array_add(arr, o);
	}
	return arr;
}

/* Per device: its unallocated bytes, or its size. */
static json_object *json_devices(const struct diff_summary *sum, bool size)
{
	json_object *arr = json_object_new_array(), *o;
	const struct diff_device *d;
	int k;

	for (k = 0; k < sum->nr_devices; k++) {
		d = &sum->devices[k];
		o = json_amount(size ? &d->size : &d->unallocated);
		json_object_object_add(o, "devid",
				       json_object_new_uint64(d->devid));
		json_object_array_add(arr, o);
	}
	return arr;
}

static json_object *json_changes(const struct diff_summary *sum, bool all)
{
	json_object *arr = json_object_new_array(), *o;
	const struct diff_bg *c;
	uint32_t *idx, nr = 0, i;

	idx = pick_changes(sum, all, &nr);
	for (i = 0; idx && i < nr; i++) {
		c = &sum->changes[idx[i]];
		o = json_object_new_object();
		json_object_object_add(o, "vaddr",
				       json_object_new_uint64(c->vaddr));
		json_object_object_add(o, "change", json_object_new_string(
			diff_bg_change_names[c->what]));
		json_add_block_group_kind(o, c->flags);
		json_object_object_add(o, "length", json_amount(&c->length));
		json_object_object_add(o, "used", json_amount(&c->used));
		json_object_array_add(arr, o);
	}
	free(idx);
	return arr;
}

static json_object *json_pixels(const struct diff_summary *sum)
{
	json_object *o = json_object_new_object(), *c;
	int k;

	json_object_object_add(o, "total",
			       json_object_new_uint64(sum->nr_pixels));
	if (sum->bytes_per_pixel > 0)
		json_object_object_add(o, "bytes_per_pixel",
				       json_object_new_double(sum->bytes_per_pixel));
	for (k = 0; k < DIFF_NR_CLASSES; k++) {
		c = json_object_new_object();
		json_object_object_add(c, "count",
				       json_object_new_uint64(sum->pixels[k]));
		json_object_object_add(c, "percent", json_object_new_double(
			percent(sum, sum->pixels[k])));
		if (sum->bytes_per_pixel > 0)
			json_object_object_add(c, "bytes", json_object_new_uint64(
				(uint64_t)(sum->pixels[k] * sum->bytes_per_pixel + 0.5)));
		json_object_object_add(o, diff_class_names[k], c);
	}
	return o;
}

int diff_report_json(const struct diff_summary *sum,
		     const struct diff_report_side *old,
		     const struct diff_report_side *new, bool all, FILE *out)
{
	json_object *root = json_object_new_object(), *o;

	if (!root)
		return -ENOMEM;
	json_object_object_add(root, "old", json_side(old));
	json_object_object_add(root, "new", json_side(new));
	if (sum->have_scans) {
		json_object_object_add(root, "allocated",
				       json_profiles(sum, false));
		json_object_object_add(root, "used", json_profiles(sum, true));
		json_object_object_add(root, "unallocated",
				       json_devices(sum, false));
		json_object_object_add(root, "size", json_devices(sum, true));
		o = json_amount(&sum->block_groups);
		json_object_object_add(o, "added",
				       json_object_new_uint64(sum->added));
		json_object_object_add(o, "removed",
				       json_object_new_uint64(sum->removed));
		json_object_object_add(o, "changed",
				       json_object_new_uint64(sum->changed));
		json_object_object_add(root, "block_groups", o);
		json_object_object_add(root, "changes", json_changes(sum, all));
	}
	json_object_object_add(root, "pixels", json_pixels(sum));
	json_object_object_add(root, "unchanged", json_object_new_boolean(
		diff_summary_unchanged(sum)));
	return json_output_print(root, out, JSON_OUTPUT_DOCUMENT);
}
