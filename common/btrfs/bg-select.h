/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BG_SELECT_H
#define HEATMAP_BG_SELECT_H

#include <stdint.h>
#include "common/btrfs/block-group-items.h"
#include "common/btrfs/open-utils.h"

/* How block groups are chosen. */
enum bg_selector {
	BG_SELECT_NONE,
	BG_SELECT_VADDR,	/* the given addresses, in the order given */
	BG_SELECT_NEWEST,	/* the highest addresses */
	BG_SELECT_OLDEST,	/* the lowest addresses */
	BG_SELECT_LEAST_USED,	/* the lowest used / length */
	BG_SELECT_ALL,
};

/* Which block groups count; mixed ones count as data and as metadata. */
enum bg_type {
	BG_TYPE_DATA,
	BG_TYPE_METADATA,
	BG_TYPE_SYSTEM,
	BG_TYPE_ANY,
};

/* Type names as the command line spells them, NULL-terminated. */
extern const char * const bg_type_names[];
/* The option that chooses each way: "--vaddr", "--newest", ... */
extern const char * const bg_selector_options[];

struct bg_selection {
	enum bg_selector how;
	enum bg_type type;		/* not for BG_SELECT_VADDR */
	uint64_t count;			/* for newest, oldest, least used */
	const uint64_t *vaddrs;		/* for BG_SELECT_VADDR */
	int nr_vaddrs;
};

/*
 * Choose block groups of @fs as @sel says, into *@ret (free() it), in
 * drawing order: the given order for addresses, address order for
 * newest, oldest and all, least used first (ties: lower address first)
 * for least used.  Fewer than the count when there are not that many.
 * Return the number chosen (0 when none is of the type) or -errno.
 * *@missing_vaddr points at the entry of @sel->vaddrs where no block group
 * starts when that made it fail (-ENOENT), else it is NULL: an -ENOENT
 * from reading the trees is no address's fault.
 */
int bg_select(const struct btrfs_fs *fs, const struct bg_selection *sel,
	      struct block_group_info **ret, const uint64_t **missing_vaddr);

/*
 * Find the block group that holds @vaddr, for telling the user which one
 * was meant.  Return 1 found, 0 not, or -errno.
 */
int bg_select_containing(const struct btrfs_fs *fs, uint64_t vaddr,
			 struct block_group_info *bg);

/*
 * Write into @buf the options that make @sel ("--newest 3 --type data",
 * "--vaddr A --vaddr B"), cut to @len.
 */
void bg_selection_text(const struct bg_selection *sel, char *buf, size_t len);

#endif
