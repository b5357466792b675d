// SPDX-License-Identifier: MIT
/*
 * The scan's bytes: a magic, a format number, the inflated length, then a
 * deflated body of varints.  The body is laid out in columns (all address
 * deltas, then all lengths, ...) and each value is coded against the one
 * before it, so that the regular parts of a filesystem (block groups one
 * after another, of one length and type) shrink to a byte or nothing and
 * what remains is the used bytes, the real information.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include <zlib.h>
#include "common/scan.h"

static const char scan_magic[] = "btrfs-heatmap-scan";
#define MAGIC_LEN	sizeof(scan_magic)	/* with its NUL */
#define SCAN_FORMAT	1
#define NR_CURVES	3

#define KNOWN_FLAGS	(BTRFS_BLOCK_GROUP_TYPE_MASK | \
			 BTRFS_BLOCK_GROUP_PROFILE_MASK)

struct out_buf {
	uint8_t *data;
	size_t len;
	size_t alloc;
	int err;
};

static void put_bytes(struct out_buf *o, const void *p, size_t n)
{
	uint8_t *d;
	size_t alloc;

	if (o->err)
		return;
	if (o->len + n > o->alloc) {
		alloc = o->alloc ? o->alloc : 4096;
		while (alloc < o->len + n)
			alloc *= 2;
		d = realloc(o->data, alloc);
		if (!d) {
			o->err = -ENOMEM;
			return;
		}
		o->data = d;
		o->alloc = alloc;
	}
	if (n)
		memcpy(o->data + o->len, p, n);
	o->len += n;
}

static void put_varint(struct out_buf *o, uint64_t v)
{
	uint8_t b[10];
	int n = 0;

	while (v >= 0x80) {
		b[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	b[n++] = (uint8_t)v;
	put_bytes(o, b, n);
}

static uint64_t zigzag(int64_t v)
{
	/* All ones for a negative value, without shifting a signed one. */
	return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static void put_string(struct out_buf *o, const char *s)
{
	size_t n = strlen(s);

	put_varint(o, n);
	put_bytes(o, s, n);
}

/* The largest power of two that divides every address and length. */
static unsigned int common_shift(const struct scan *scan)
{
	uint64_t all = 0;
	unsigned int shift;
	uint32_t i;

	for (i = 0; i < scan->nr_bgs; i++)
		all |= scan->bgs[i].vaddr | scan->bgs[i].length |
		       scan->bgs[i].used;
	for (i = 0; i < scan->nr_ranges; i++)
		all |= scan->ranges[i].start | scan->ranges[i].length;
	if (!all)
		return 0;
	shift = __builtin_ctzll(all);
	return shift > 30 ? 30 : shift;
}

static void put_body(struct out_buf *o, const struct scan *scan)
{
	unsigned int shift = common_shift(scan);
	uint64_t prev_end = 0, prev_len = 0, prev_flags = 0, prev_devid = 0;
	int64_t prev_bg = -1;
	uint32_t i;

	put_string(o, scan->version);
	put_bytes(o, scan->fsid, 36);
	put_varint(o, scan->time);
	put_varint(o, scan->kind);
	put_string(o, scan->scope);
	put_varint(o, scan->curve);
	put_varint(o, scan->order);
	put_varint(o, scan->size);
	put_varint(o, scan->total_bytes);
	put_varint(o, shift);

	put_varint(o, scan->nr_scope_devids);
	for (i = 0; i < scan->nr_scope_devids; i++)
		put_varint(o, scan->scope_devids[i]);
	put_varint(o, scan->nr_devices);
	for (i = 0; i < scan->nr_devices; i++) {
		put_varint(o, scan->devices[i].devid - prev_devid);
		put_varint(o, scan->devices[i].total_bytes);
		put_varint(o, scan->devices[i].bytes_used);
		prev_devid = scan->devices[i].devid;
	}

	put_varint(o, scan->nr_bgs);
	for (i = 0; i < scan->nr_bgs; i++) {
		put_varint(o, zigzag((int64_t)((scan->bgs[i].vaddr >> shift) -
					       prev_end)));
		prev_end = (scan->bgs[i].vaddr + scan->bgs[i].length) >> shift;
	}
	for (i = 0; i < scan->nr_bgs; i++) {
		put_varint(o, zigzag((int64_t)((scan->bgs[i].length >> shift) -
					       prev_len)));
		prev_len = scan->bgs[i].length >> shift;
	}
	for (i = 0; i < scan->nr_bgs; i++) {
		put_varint(o, scan->bgs[i].flags ^ prev_flags);
		prev_flags = scan->bgs[i].flags;
	}
	for (i = 0; i < scan->nr_bgs; i++)
		put_varint(o, scan->bgs[i].used >> shift);

	put_varint(o, scan->nr_ranges);
	for (i = 0; i < scan->nr_ranges; i++) {
		put_varint(o, zigzag((int64_t)scan->ranges[i].bg -
				     (prev_bg + 1)));
		prev_bg = scan->ranges[i].bg;
	}
	prev_end = 0;
	for (i = 0; i < scan->nr_ranges; i++) {
		put_varint(o, (scan->ranges[i].start >> shift) - prev_end);
		prev_end = (scan->ranges[i].start + scan->ranges[i].length) >>
			   shift;
	}
	prev_len = 0;
	for (i = 0; i < scan->nr_ranges; i++) {
		put_varint(o, zigzag((int64_t)((scan->ranges[i].length >>
						shift) - prev_len)));
		prev_len = scan->ranges[i].length >> shift;
	}
}

long scan_encode(const struct scan *scan, uint8_t **buf)
{
	struct out_buf body = { 0 }, out = { 0 };
	uLongf zlen;
	int err;

	put_body(&body, scan);
	if (body.err) {
		err = body.err;
		goto fail;
	}
	put_bytes(&out, scan_magic, MAGIC_LEN);
	put_varint(&out, SCAN_FORMAT);
	put_varint(&out, body.len);
	zlen = compressBound(body.len);
	if (!out.err && out.len + zlen > out.alloc) {
		uint8_t *d = realloc(out.data, out.len + zlen);

		if (!d)
			out.err = -ENOMEM;
		else
			out.data = d;
	}
	if (out.err) {
		err = out.err;
		goto fail;
	}
	/*
	 * Level 1: on the 15 TiB filesystem's 82 KiB of body 0.9 ms against
	 * 2.0 at the default level, for 791 bytes more (0.4% of the picture);
	 * on two processors this thread takes its time from the pixels'.
	 */
	if (compress2(out.data + out.len, &zlen, body.data, body.len,
		      Z_BEST_SPEED) != Z_OK) {
		err = -ENOMEM;
		goto fail;
	}
	out.len += zlen;
	if (out.len > SCAN_ENCODED_MAX) {
		err = -EFBIG;
		goto fail;
	}
	free(body.data);
	*buf = out.data;
	return (long)out.len;
fail:
	free(body.data);
	free(out.data);
	return err;
}

/* Reading: every get fails once the input is short; check ->err at ends. */
struct in_buf {
	const uint8_t *p;
	size_t left;
	int err;
};

static uint64_t get_varint(struct in_buf *in)
{
	uint64_t v = 0;
	int shift;

	for (shift = 0; shift < 64; shift += 7) {
		if (!in->left) {
			in->err = -EINVAL;
			return 0;
		}
		in->left--;
		/* A tenth byte may hold only the top bit. */
		if (shift == 63 && *in->p > 1) {
			in->err = -EINVAL;
			return 0;
		}
		v |= (uint64_t)(*in->p & 0x7f) << shift;
		if (!(*in->p++ & 0x80))
			return v;
	}
	in->err = -EINVAL;
	return 0;
}

static bool printable(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return true;
}

static void get_string(struct in_buf *in, char *dst, size_t max)
{
	uint64_t n = get_varint(in);

	if (in->err || n > max || n > in->left || !printable(in->p, n)) {
		in->err = -EINVAL;
		return;
	}
	memcpy(dst, in->p, n);
	dst[n] = 0;
	in->p += n;
	in->left -= n;
}

static bool valid_fsid(const uint8_t *s)
{
	int i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
			     (s[i] >= 'a' && s[i] <= 'f'))) {
			return false;
		}
	}
	return true;
}

/*
 * A count of entries that take at least @min_bytes each: no more than the
 * input left can hold, so that no allocation outgrows the input.
 */
static uint32_t get_count(struct in_buf *in, size_t min_bytes)
{
	uint64_t n = get_varint(in);

	if (in->err || n > in->left / min_bytes || n > UINT32_MAX / 2) {
		in->err = -EINVAL;
		return 0;
	}
	return (uint32_t)n;
}

static void *alloc_array(struct in_buf *in, uint32_t n, size_t size)
{
	void *p;

	if (in->err)
		return NULL;
	p = calloc(n ? n : 1, size);
	if (!p)
		in->err = -ENOMEM;
	return p;
}

/* @v in units of 1 << @shift as bytes, failing on overflow. */
static uint64_t unscale(struct in_buf *in, uint64_t v, unsigned int shift)
{
	if (v > (UINT64_MAX >> shift)) {
		in->err = -EINVAL;
		return 0;
	}
	return v << shift;
}

static void get_header(struct in_buf *in, struct scan *scan,
		       unsigned int *shift)
{
	uint64_t kind, curve, order, size, sh;

	get_string(in, scan->version, SCAN_VERSION_MAX);
	if (in->err || in->left < 36 || !valid_fsid(in->p)) {
		in->err = -EINVAL;
		return;
	}
	memcpy(scan->fsid, in->p, 36);
	scan->fsid[36] = 0;
	in->p += 36;
	in->left -= 36;
	scan->time = get_varint(in);
	kind = get_varint(in);
	get_string(in, scan->scope, SCAN_SCOPE_MAX);
	curve = get_varint(in);
	order = get_varint(in);
	size = get_varint(in);
	scan->total_bytes = get_varint(in);
	sh = get_varint(in);
	if (in->err || kind >= SCAN_NR_KINDS || curve >= NR_CURVES ||
	    size > 15 || order > size || !scan->total_bytes || sh > 30) {
		in->err = -EINVAL;
		return;
	}
	scan->kind = kind;
	scan->curve = curve;
	scan->order = order;
	scan->size = size;
	*shift = sh;
}

static void get_devices(struct in_buf *in, struct scan *scan)
{
	uint64_t devid = 0, delta;
	uint32_t i;

	scan->nr_scope_devids = get_count(in, 1);
	if (scan->nr_scope_devids > SCAN_DEVICES_MAX)
		in->err = -EINVAL;
	scan->scope_devids = alloc_array(in, scan->nr_scope_devids,
					 sizeof(uint64_t));
	for (i = 0; !in->err && i < scan->nr_scope_devids; i++)
		scan->scope_devids[i] = get_varint(in);
	scan->nr_devices = get_count(in, 3);
	if (scan->nr_devices > SCAN_DEVICES_MAX)
		in->err = -EINVAL;
	scan->devices = alloc_array(in, scan->nr_devices,
				    sizeof(*scan->devices));
	for (i = 0; !in->err && i < scan->nr_devices; i++) {
		delta = get_varint(in);
		if (!delta || delta > UINT64_MAX - devid)
			in->err = -EINVAL;
		devid += delta;
		scan->devices[i].devid = devid;
		scan->devices[i].total_bytes = get_varint(in);
		scan->devices[i].bytes_used = get_varint(in);
		if (scan->devices[i].bytes_used > scan->devices[i].total_bytes)
			in->err = -EINVAL;
	}
}

static int cmp_u64_pair(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* bg draws block groups in any order, but each once and none overlapping. */
static int check_disjoint(const struct scan *scan)
{
	uint64_t *pairs, total = 0;
	uint32_t i;
	int err = 0;

	pairs = malloc((scan->nr_bgs ? scan->nr_bgs : 1) * 2 * sizeof(*pairs));
	if (!pairs)
		return -ENOMEM;
	for (i = 0; i < scan->nr_bgs; i++) {
		pairs[2 * i] = scan->bgs[i].vaddr;
		pairs[2 * i + 1] = scan->bgs[i].length;
		if (__builtin_add_overflow(total, scan->bgs[i].length, &total))
			err = -EINVAL;
	}
	qsort(pairs, scan->nr_bgs, 2 * sizeof(*pairs), cmp_u64_pair);
	for (i = 1; i < scan->nr_bgs; i++)
		if (pairs[2 * i - 2] + pairs[2 * i - 1] > pairs[2 * i])
			err = -EINVAL;
	free(pairs);
	if (!err && total != scan->total_bytes)
		err = -EINVAL;
	return err;
}

static void get_block_groups(struct in_buf *in, struct scan *scan,
			     unsigned int shift)
{
	uint64_t prev_end = 0, prev_len = 0, prev_flags = 0, end = 0;
	struct scan_block_group *bg;
	uint32_t i;

	scan->nr_bgs = get_count(in, 4);
	scan->bgs = alloc_array(in, scan->nr_bgs, sizeof(*scan->bgs));
	/* Four columns; deltas wrap as unsigned, the checks below catch it. */
	for (i = 0; !in->err && i < scan->nr_bgs; i++)
		scan->bgs[i].vaddr = get_varint(in);
	for (i = 0; !in->err && i < scan->nr_bgs; i++) {
		prev_len += (uint64_t)unzigzag(get_varint(in));
		scan->bgs[i].length = prev_len;
	}
	for (i = 0; !in->err && i < scan->nr_bgs; i++) {
		prev_flags ^= get_varint(in);
		scan->bgs[i].flags = prev_flags;
	}
	for (i = 0; !in->err && i < scan->nr_bgs; i++)
		scan->bgs[i].used = get_varint(in);
	for (i = 0; !in->err && i < scan->nr_bgs; i++) {
		bg = &scan->bgs[i];
		bg->vaddr = prev_end + (uint64_t)unzigzag(bg->vaddr);
		if (bg->vaddr < prev_end && scan->kind != SCAN_BG)
			in->err = -EINVAL;	/* show: in address order */
		if (!bg->length || bg->used > bg->length ||
		    __builtin_add_overflow(bg->vaddr, bg->length, &end) ||
		    (bg->flags & ~KNOWN_FLAGS) ||
		    !(bg->flags & BTRFS_BLOCK_GROUP_TYPE_MASK))
			in->err = -EINVAL;
		prev_end = end;
		bg->vaddr = unscale(in, bg->vaddr, shift);
		bg->length = unscale(in, bg->length, shift);
		bg->used = unscale(in, bg->used, shift);
		if (!in->err && bg->vaddr > UINT64_MAX - bg->length)
			in->err = -EINVAL;
	}
	if (!in->err && scan->kind == SCAN_BG)
		in->err = check_disjoint(scan);
}

static void get_ranges(struct in_buf *in, struct scan *scan,
		       unsigned int shift)
{
	uint64_t prev_end = 0, prev_len = 0, end = 0;
	struct scan_range *r;
	int64_t bg = -1;
	uint32_t i;

	scan->nr_ranges = get_count(in, 3);
	if (scan->kind == SCAN_BG && scan->nr_ranges)
		in->err = -EINVAL;
	scan->ranges = alloc_array(in, scan->nr_ranges, sizeof(*scan->ranges));
	for (i = 0; !in->err && i < scan->nr_ranges; i++) {
		bg += 1 + unzigzag(get_varint(in));
		if (bg < 0 || bg >= scan->nr_bgs)
			in->err = -EINVAL;
		scan->ranges[i].bg = (uint32_t)bg;
	}
	for (i = 0; !in->err && i < scan->nr_ranges; i++)
		scan->ranges[i].start = get_varint(in);
	for (i = 0; !in->err && i < scan->nr_ranges; i++) {
		prev_len += (uint64_t)unzigzag(get_varint(in));
		scan->ranges[i].length = prev_len;
	}
	for (i = 0; !in->err && i < scan->nr_ranges; i++) {
		r = &scan->ranges[i];
		/* In grid order, none overlapping, all on the curve. */
		if (__builtin_add_overflow(prev_end, r->start, &r->start) ||
		    __builtin_add_overflow(r->start, r->length, &end) ||
		    !r->length)
			in->err = -EINVAL;
		prev_end = end;
		r->start = unscale(in, r->start, shift);
		r->length = unscale(in, r->length, shift);
		if (!in->err && (r->start > scan->total_bytes ||
				 r->length > scan->total_bytes - r->start))
			in->err = -EINVAL;
	}
}

/* What holds between the parts: scope devices exist, the curve adds up. */
static int check_scope(const struct scan *scan)
{
	uint64_t total = 0;
	uint32_t i, j;

	for (i = 0; i < scan->nr_scope_devids; i++) {
		for (j = 0; j < scan->nr_devices; j++)
			if (scan->devices[j].devid == scan->scope_devids[i])
				break;
		if (j == scan->nr_devices)
			return -EINVAL;
		for (j = 0; j < i; j++)
			if (scan->scope_devids[j] == scan->scope_devids[i])
				return -EINVAL;
		if (__builtin_add_overflow(total,
					   scan->devices[j].total_bytes,
					   &total))
			return -EINVAL;
	}
	if (scan->kind != SCAN_BG && total != scan->total_bytes)
		return -EINVAL;
	return 0;
}

/* Inflate exactly @raw_len bytes, never more, from @len bytes at @src. */
static int inflate_body(const uint8_t *src, size_t len, uint8_t *dst,
			size_t raw_len)
{
	z_stream zs;
	int ret;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit(&zs) != Z_OK)
		return -ENOMEM;
	zs.next_in = (Bytef *)src;
	zs.avail_in = (uInt)len;
	zs.next_out = dst;
	zs.avail_out = (uInt)raw_len;
	ret = inflate(&zs, Z_FINISH);
	inflateEnd(&zs);
	if (ret != Z_STREAM_END || zs.avail_out || zs.avail_in)
		return -EINVAL;
	return 0;
}

int scan_decode(const uint8_t *buf, size_t len, struct scan *scan)
{
	struct in_buf in = { buf, len, 0 };
	uint64_t format, raw_len;
	unsigned int shift = 0;
	uint8_t *raw;

	memset(scan, 0, sizeof(*scan));
	if (len > SCAN_ENCODED_MAX || len < MAGIC_LEN ||
	    memcmp(buf, scan_magic, MAGIC_LEN))
		return -EINVAL;
	in.p += MAGIC_LEN;
	in.left -= MAGIC_LEN;
	format = get_varint(&in);
	raw_len = get_varint(&in);
	if (in.err)
		return in.err;
	if (format != SCAN_FORMAT)
		return -ENOTSUP;
	/*
	 * A bomb is bounded twice: by a fixed cap, and by deflate's best
	 * ratio (1032:1), so the allocation follows the input's size.
	 */
	if (!raw_len || raw_len > SCAN_RAW_MAX || raw_len / 1032 > in.left)
		return -EINVAL;
	raw = malloc(raw_len);
	if (!raw)
		return -ENOMEM;
	in.err = inflate_body(in.p, in.left, raw, raw_len);
	in.p = raw;
	in.left = raw_len;
	if (!in.err)
		get_header(&in, scan, &shift);
	if (!in.err)
		get_devices(&in, scan);
	if (!in.err)
		get_block_groups(&in, scan, shift);
	if (!in.err)
		get_ranges(&in, scan, shift);
	if (!in.err && in.left)
		in.err = -EINVAL;
	if (!in.err)
		in.err = check_scope(scan);
	free(raw);
	if (in.err)
		scan_release(scan);
	return in.err;
}
