/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_TREE_SEARCH_H
#define HEATMAP_TREE_SEARCH_H

#include <stddef.h>
#include <stdint.h>
#include <linux/btrfs.h>

struct btrfs_fs;
struct image_search;
struct search_ahead;

/* A btrfs key, compared as the 136-bit number (objectid, type, offset). */
struct tree_key {
	uint64_t objectid;
	uint8_t type;
	uint64_t offset;
};

/* Compare two keys: <0, 0, >0 as @a is before, equal to, after @b. */
int tree_key_cmp(const struct tree_key *a, const struct tree_key *b);

/* Step @key to the next possible key; return 0 when it wrapped around. */
int tree_key_increment(struct tree_key *key);

/*
 * Iterator over the items of one tree between two keys, over
 * BTRFS_IOC_TREE_SEARCH_V2 with a large buffer: each ioctl returns as many
 * items as fit, and the search goes on right after the last key returned;
 * from the third buffer on (from the first after
 * tree_search_read_ahead_now()), threads read the rest ahead in parts
 * while the caller goes through what they read (search-ahead.h).
 * On a filesystem read from image files, the image reader walks the tree
 * blocks for the same items instead.
 */
struct tree_search {
	int fd;
	struct image_search *image;	/* NULL when searching through @fd */
	uint64_t tree;
	struct tree_key min;
	struct tree_key max;
	uint64_t limit;		/* items still wanted, or UINT64_MAX */
	struct btrfs_ioctl_search_args_v2 *args;
	size_t buf_size;
	uint32_t nr_items;	/* items in the buffer */
	uint32_t next_item;	/* index of the next item to hand out */
	size_t pos;		/* offset of that item's header in the buffer */
	int done;
	int unlimited;		/* no limit given */
	uint32_t fetches;	/* buffers read */
	uint32_t ahead_after;	/* buffers read before reading ahead */
	struct search_ahead *ahead;	/* reading the next one, or NULL */
};

/* The item handed out by tree_search_next(). */
struct tree_item {
	struct tree_key key;
	uint64_t transid;
	uint32_t len;
	const void *data;
};

/*
 * Prepare a search of @tree for keys in [@min, @max]; @limit stops after
 * that many items (0 means no limit).  Return 0 or -ENOMEM.
 */
int tree_search_init(struct tree_search *ts, const struct btrfs_fs *fs,
		     uint64_t tree,
		     const struct tree_key *min, const struct tree_key *max,
		     uint64_t limit);

/*
 * Point @item at the next item, valid until the next call.  Return 1 for
 * an item, 0 at the end, -errno on failure (-EINTR after SIGINT/SIGTERM).
 */
int tree_search_next(struct tree_search *ts, struct tree_item *item);

/*
 * Read @ts ahead in parts from its first buffer on, not from its third:
 * for a search known to be long (the extent items of a block group).
 */
void tree_search_read_ahead_now(struct tree_search *ts);

void tree_search_release(struct tree_search *ts);

/*
 * Look up the first item in [@min, @max] of @tree into @item, copying at
 * most @len bytes of its data into @data.  Return 1 found, 0 not, -errno.
 */
int tree_search_one(const struct btrfs_fs *fs, uint64_t tree,
		    const struct tree_key *min,
		    const struct tree_key *max, struct tree_item *item,
		    void *data, size_t len);

/*
 * Fill the element at @elem from @item.  Return 1 to keep it, 0 to skip
 * the item, or -errno to stop the collection.
 */
typedef int (*tree_collect_fn)(const struct tree_item *item, void *elem);

/* Free an array of @nr collected elements. */
typedef void (*tree_release_fn)(void *arr, int nr);

/*
 * Collect the items of @tree in [@min, @max] into a new array *@ret of
 * @elem_size-byte elements (free() it, or @release it), each filled by
 * @parse.  On failure the elements so far go to @release (free() when it
 * is NULL).  Return the count or -errno.
 */
int tree_search_collect(const struct btrfs_fs *fs, uint64_t tree,
			const struct tree_key *min, const struct tree_key *max,
			size_t elem_size,
			tree_collect_fn parse, tree_release_fn release,
			void **ret);

#endif
