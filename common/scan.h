/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SCAN_H
#define HEATMAP_SCAN_H

#include <stddef.h>
#include <stdint.h>

/*
 * What a picture was drawn from, carried inside the PNG so that diff can
 * tell what changed between two pictures to the byte: the command and its
 * scope, the geometry, the devices, the block groups and every range drawn.
 */
enum scan_kind {
	SCAN_SHOW_PHYSICAL,	/* show --sort physical: device extents */
	SCAN_SHOW_VIRTUAL,	/* show --sort virtual: chunks */
	SCAN_BG,		/* bg: block groups one after another */
	SCAN_NR_KINDS,
};

extern const char * const scan_kind_names[];

struct scan_device {
	uint64_t devid;
	uint64_t total_bytes;
	uint64_t bytes_used;	/* allocated to device extents */
};

struct scan_block_group {
	uint64_t vaddr;
	uint64_t length;
	uint64_t flags;		/* BTRFS_BLOCK_GROUP_* type and profile */
	uint64_t used;
};

/*
 * One fill of the picture: @length bytes from byte @start of the grid, of
 * block group @bg.  show draws a device extent or a chunk as a range; bg
 * draws its block groups whole, one after another, and keeps no ranges.
 */
struct scan_range {
	uint64_t start;
	uint64_t length;
	uint32_t bg;		/* index into scan.bgs */
};

#define SCAN_VERSION_MAX	32
#define SCAN_SCOPE_MAX		1024

struct scan {
	char version[SCAN_VERSION_MAX + 1];	/* of the tool that drew it */
	char fsid[37];
	uint64_t time;				/* of the scan, Unix seconds */
	enum scan_kind kind;
	char scope[SCAN_SCOPE_MAX + 1];		/* options that chose it */
	uint8_t curve;
	uint8_t order;
	uint8_t size;
	uint64_t total_bytes;			/* bytes along the curve */

	/* Devices drawn (show physical), in drawing order. */
	uint64_t *scope_devids;
	uint32_t nr_scope_devids;

	/* Every device of the filesystem, in devid order. */
	struct scan_device *devices;
	uint32_t nr_devices;

	/* show: in address order; bg: in drawing order. */
	struct scan_block_group *bgs;
	uint32_t nr_bgs;

	/* show only: in grid order. */
	struct scan_range *ranges;
	uint32_t nr_ranges;

	/* While recording: the bgs allocated, and each range's vaddr. */
	uint32_t alloc_bgs;
	uint32_t alloc_ranges;
	uint64_t *range_vaddrs;
};

/* Start an empty scan of @kind of the filesystem @fsid, now. */
void scan_init(struct scan *scan, enum scan_kind kind, const char *fsid);

/* Record a device, a block group, a drawn range.  Return 0 or -ENOMEM. */
int scan_add_device(struct scan *scan, uint64_t devid, uint64_t total_bytes,
		    uint64_t bytes_used);
int scan_add_scope_devid(struct scan *scan, uint64_t devid);
int scan_add_block_group(struct scan *scan, uint64_t vaddr, uint64_t length,
			 uint64_t flags, uint64_t used);
int scan_add_range(struct scan *scan, uint64_t start, uint64_t length,
		   uint64_t vaddr);

/*
 * After recording: for show, sort the block groups by address, drop the
 * ones seen twice (a block group has a range per stripe) and point each
 * range at its block group.  Return 0 or -ENOMEM.
 */
int scan_finish(struct scan *scan);

/* Index of the block group at @vaddr in a show scan, or -1. */
long scan_find_block_group(const struct scan *scan, uint64_t vaddr);

void scan_release(struct scan *scan);

/*
 * Encode @scan compactly for a PNG chunk: delta-coded varints in columns,
 * then deflated.  Return the length with the buffer in *@buf (the caller
 * frees it), or -errno.
 */
long scan_encode(const struct scan *scan, uint8_t **buf);

/*
 * Most devices a scan may list (btrfs has no limit; no filesystem comes
 * near): what comes from outside is then checked device against device
 * without a hang.
 */
#define SCAN_DEVICES_MAX	4096

/* Largest encoded scan accepted, and largest inflated body. */
#define SCAN_ENCODED_MAX	(32U << 20)
#define SCAN_RAW_MAX		(256U << 20)

/*
 * Decode @len bytes at @buf, which come from outside, into @scan: every
 * count, size and range checked, nothing allocated beyond what the input
 * can hold.  Return 0 or -EINVAL (malformed), -ENOTSUP (a later format),
 * -ENOMEM.
 */
int scan_decode(const uint8_t *buf, size_t len, struct scan *scan);

/* The PNG chunk that carries the scan: ancillary, private, not to copy. */
#define SCAN_CHUNK_NAME		"scAN"

#endif
