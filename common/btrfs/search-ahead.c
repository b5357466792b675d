// SPDX-License-Identifier: MIT
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "common/btrfs/search-ahead.h"

struct search_ahead {
	int fd;
	uint64_t tree;
	struct tree_key min;	/* where the next search starts */
	struct tree_key max;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* The buffer the thread fills; full: the caller may take it. */
	struct btrfs_ioctl_search_args_v2 *args;
	size_t buf_size;
	bool full;
	bool finished;		/* the thread read the last buffer */
	bool stop;		/* the caller wants the thread gone */
	int err;
};

/*
 * Where the search goes on after the answer in @args (of @buf_size bytes
 * after its header): after its last key.  Return 0 when there is nothing
 * more to search, or when the answer runs past its buffer: then reading
 * ahead stops, and the reader of the items finds the fault and says so.
 */
static int next_min(const struct btrfs_ioctl_search_args_v2 *args,
		    size_t buf_size, struct tree_key *min,
		    const struct tree_key *max)
{
	struct btrfs_ioctl_search_header sh;
	const char *p = (const char *)args->buf;
	uint32_t i, n = args->key.nr_items;
	size_t pos = 0;

	if (!n)
		return 0;
	for (i = 0; i < n; i++) {
		if (buf_size - pos < sizeof(sh))
			return 0;
		memcpy(&sh, p + pos, sizeof(sh));
		if (sh.len > buf_size - pos - sizeof(sh))
			return 0;
		pos += sizeof(sh) + sh.len;
	}
	min->objectid = sh.objectid;
	min->type = (uint8_t)sh.type;
	min->offset = sh.offset;
	return tree_key_increment(min) && tree_key_cmp(min, max) <= 0;
}

static void *read_ahead(void *arg)
{
	struct search_ahead *sa = arg;
	bool more = true;
	int err;

	pthread_mutex_lock(&sa->lock);
	while (!sa->stop && more) {
		if (sa->full) {
			pthread_cond_wait(&sa->cond, &sa->lock);
			continue;
		}
		pthread_mutex_unlock(&sa->lock);
		err = tree_search_fetch(sa->fd, sa->tree, &sa->min, &sa->max,
					UINT64_MAX, &sa->args, &sa->buf_size);
		more = !err && next_min(sa->args, sa->buf_size, &sa->min,
					       &sa->max);
		pthread_mutex_lock(&sa->lock);
		sa->err = err;
		sa->full = true;
		pthread_cond_signal(&sa->cond);
	}
	sa->finished = true;
	pthread_cond_signal(&sa->cond);
	pthread_mutex_unlock(&sa->lock);
	return NULL;
}

int search_ahead_start(struct search_ahead **out, int fd, uint64_t tree,
		       const struct tree_key *from, const struct tree_key *max)
{
	struct search_ahead *sa = calloc(1, sizeof(*sa));
	int err;

	*out = NULL;
	if (!sa)
		return -ENOMEM;
	sa->fd = fd;
	sa->tree = tree;
	sa->min = *from;
	sa->max = *max;
	pthread_mutex_init(&sa->lock, NULL);
	pthread_cond_init(&sa->cond, NULL);
	err = pthread_create(&sa->thread, NULL, read_ahead, sa);
	if (err) {
		pthread_cond_destroy(&sa->cond);
		pthread_mutex_destroy(&sa->lock);
		free(sa);
		return -err;
	}
	*out = sa;
	return 0;
}

int search_ahead_take(struct search_ahead *sa,
		      struct btrfs_ioctl_search_args_v2 **args,
		      size_t *buf_size)
{
	struct btrfs_ioctl_search_args_v2 *swap_args;
	size_t swap_size;
	int err;

	pthread_mutex_lock(&sa->lock);
	while (!sa->full && !sa->finished)
		pthread_cond_wait(&sa->cond, &sa->lock);
	if (!sa->full) {
		/* Asked past the end: nothing more. */
		pthread_mutex_unlock(&sa->lock);
		(*args)->key.nr_items = 0;
		return 0;
	}
	err = sa->err;
	swap_args = sa->args;
	swap_size = sa->buf_size;
	sa->args = *args;
	sa->buf_size = *buf_size;
	*args = swap_args;
	*buf_size = swap_size;
	sa->full = false;
	pthread_cond_signal(&sa->cond);
	pthread_mutex_unlock(&sa->lock);
	return err;
}

void search_ahead_stop(struct search_ahead *sa)
{
	if (!sa)
		return;
	pthread_mutex_lock(&sa->lock);
	sa->stop = true;
	pthread_cond_signal(&sa->cond);
	pthread_mutex_unlock(&sa->lock);
	pthread_join(sa->thread, NULL);
	pthread_cond_destroy(&sa->cond);
	pthread_mutex_destroy(&sa->lock);
	free(sa->args);
	free(sa);
}
