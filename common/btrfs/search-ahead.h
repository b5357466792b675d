/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SEARCH_AHEAD_H
#define HEATMAP_SEARCH_AHEAD_H

#include <stddef.h>
#include <stdint.h>
#include <linux/btrfs.h>
#include "common/btrfs/tree-search.h"

/*
 * One BTRFS_IOC_TREE_SEARCH_V2 of @tree for at most @limit items of
 * [@min, @max] into *@args of *@buf_size bytes of buffer, grown (moved)
 * when one item does not fit.  Return 0 (the count in (*args)->key) or
 * -errno (-EINTR after SIGINT/SIGTERM).
 */
int tree_search_fetch(int fd, uint64_t tree, const struct tree_key *min,
		      const struct tree_key *max, uint64_t limit,
		      struct btrfs_ioctl_search_args_v2 **args,
		      size_t *buf_size);

/*
 * Threads that read a long search ahead: the range from @from to @max cut
 * by objectid into parts, each read by one of a thread per processor
 * from its start to an empty answer or one reaching its end, while the
 * caller goes through the buffers read, in key order.
 */
struct search_ahead;

/* Start reading ahead; return 0, or -errno when no thread could start. */
int search_ahead_start(struct search_ahead **sa, int fd, uint64_t tree,
		       const struct tree_key *from, const struct tree_key *max);

/*
 * Give back the buffer *@args (of *@buf_size) gone through, and take the
 * next one read (no items past the end).  Return 0 or the -errno that
 * search failed with.
 */
int search_ahead_take(struct search_ahead *sa,
		      struct btrfs_ioctl_search_args_v2 **args,
		      size_t *buf_size);

/* Stop the thread (waiting for a search in flight) and free it all. */
void search_ahead_stop(struct search_ahead *sa);

#endif
