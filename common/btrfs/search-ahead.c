// SPDX-License-Identifier: MIT
/*
 * A long search read ahead by threads, in parts: the rest of the key range
 * is cut by objectid into parts read each from its start by whichever
 * thread is free, and the caller is handed their buffers in key order.
 * The kernel serves searches of different parts of a tree in parallel (the
 * extent items of a block group: 23.4 ms on one thread, 12.3 on two), while
 * one search after another cannot be: each starts after the last key of
 * the one before.  Where the objectids do not spread (the device tree of
 * one device), the first part has all the items and the others are one
 * empty answer each: a read ahead as before.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "common/btrfs/search-ahead.h"
#include "common/processors.h"

/* Parts of a search cut by objectid, when its objectids allow as many. */
#define MAX_PARTS	16
#define MAX_READERS	4
/*
 * Buffers of a part: smaller than the caller's first ones, since the
 * kernel touches all of a buffer's pages on each search (the parts of a
 * block group of 118,118 extents are about 600 KiB each).
 */
#define PART_BUF_SIZE	(256 * 1024)
/* Buffers one part may hold read before the caller takes them. */
#define MAX_QUEUED	8

struct ahead_buf {
	struct ahead_buf *next;
	struct btrfs_ioctl_search_args_v2 *args;
	size_t buf_size;
};

struct search_part {
	struct tree_key min;	/* where its next search starts */
	struct tree_key max;
	struct ahead_buf *head;	/* buffers read, oldest first */
	struct ahead_buf *tail;
	int nr_queued;
	bool done;		/* read to its end, or failed: err */
	int err;
};

struct search_ahead {
	int fd;
	uint64_t tree;
	struct search_part parts[MAX_PARTS];
	int nr_parts;
	int next_part;		/* the next part a reader takes */
	int cur;		/* the part the caller is in */
	pthread_t readers[MAX_READERS];
	int nr_readers;		/* started */
	int ahead;		/* parts read past the caller's: one a reader */
	struct ahead_buf *spare;	/* buffers given back, to read into */
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* any change: a buffer read or taken */
	bool stop;		/* the caller wants the threads gone */
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

/* A buffer to read into, under the lock: a spare one or a new one. */
static struct ahead_buf *get_buf(struct search_ahead *sa)
{
	struct ahead_buf *b = sa->spare;

	if (b) {
		sa->spare = b->next;
		b->next = NULL;
		return b;
	}
	b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->args = malloc(sizeof(*b->args) + PART_BUF_SIZE);
	if (!b->args) {
		free(b);
		return NULL;
	}
	b->buf_size = PART_BUF_SIZE;
	return b;
}

/* Read part @p to its end, a buffer at a time; called with the lock held. */
static void read_part(struct search_ahead *sa, struct search_part *p)
{
	struct ahead_buf *b;
	bool more = true;
	int err;

	while (more && !sa->stop) {
		if (p->nr_queued >= MAX_QUEUED) {
			pthread_cond_wait(&sa->cond, &sa->lock);
			continue;
		}
		b = get_buf(sa);
		if (!b) {
			p->err = -ENOMEM;
			break;
		}
		pthread_mutex_unlock(&sa->lock);
		err = tree_search_fetch(sa->fd, sa->tree, &p->min, &p->max,
					UINT64_MAX, &b->args, &b->buf_size);
		more = !err && next_min(b->args, b->buf_size, &p->min, &p->max);
		pthread_mutex_lock(&sa->lock);
		/* An empty answer ends the part; the caller never sees it. */
		if (err || !b->args->key.nr_items) {
			b->next = sa->spare;
			sa->spare = b;
			p->err = err;
			break;
		}
		if (p->tail)
			p->tail->next = b;
		else
			p->head = b;
		p->tail = b;
		p->nr_queued++;
		pthread_cond_broadcast(&sa->cond);
	}
	p->done = true;
	pthread_cond_broadcast(&sa->cond);
}

/* Take the parts in order, at most one per reader past the caller's. */
static void *reader(void *arg)
{
	struct search_ahead *sa = arg;

	pthread_mutex_lock(&sa->lock);
	while (!sa->stop && sa->next_part < sa->nr_parts) {
		if (sa->next_part > sa->cur + sa->ahead) {
			pthread_cond_wait(&sa->cond, &sa->lock);
			continue;
		}
		read_part(sa, &sa->parts[sa->next_part++]);
	}
	pthread_mutex_unlock(&sa->lock);
	return NULL;
}

/*
 * Cut [@from, @max] by objectid into parts of about the same span, or
 * leave it whole when its objectids are too few.
 */
static void cut_parts(struct search_ahead *sa, const struct tree_key *from,
		      const struct tree_key *max)
{
	uint64_t span = 0, bound;
	int n, i;

	if (max->objectid > from->objectid)
		span = max->objectid - from->objectid;
	n = span >= MAX_PARTS ? MAX_PARTS : 1;

	for (i = 0; i < n; i++) {
		struct search_part *p = &sa->parts[i];

		p->min = *from;
		p->max = *max;
		if (i > 0) {
			bound = from->objectid + span / n * i;
			p->min = (struct tree_key){ bound, 0, 0 };
		}
		if (i < n - 1) {
			bound = from->objectid + span / n * (i + 1);
			p->max = (struct tree_key){ bound - 1, UINT8_MAX,
						    UINT64_MAX };
		}
	}
	sa->nr_parts = n;
}

int search_ahead_start(struct search_ahead **out, int fd, uint64_t tree,
		       const struct tree_key *from, const struct tree_key *max)
{
	struct search_ahead *sa = calloc(1, sizeof(*sa));
	int i, err = 0, n;

	*out = NULL;
	if (!sa)
		return -ENOMEM;
	sa->fd = fd;
	sa->tree = tree;
	cut_parts(sa, from, max);
	pthread_mutex_init(&sa->lock, NULL);
	pthread_cond_init(&sa->cond, NULL);
	n = sa->nr_parts > 1 ? processors_usable(MAX_READERS) : 1;
	sa->ahead = n;
	for (i = 0; i < n; i++) {
		err = pthread_create(&sa->readers[i], NULL, reader, sa);
		if (err)
			break;
		sa->nr_readers++;
	}
	if (!sa->nr_readers) {
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
	struct btrfs_ioctl_search_args_v2 *give;
	struct search_part *p;
	struct ahead_buf *b;
	size_t give_size;
	int err = 0;

	pthread_mutex_lock(&sa->lock);
	for (;;) {
		if (sa->cur == sa->nr_parts) {
			/* Asked past the end: nothing more. */
			(*args)->key.nr_items = 0;
			break;
		}
		p = &sa->parts[sa->cur];
		if (p->head) {
			b = p->head;
			p->head = b->next;
			if (!p->head)
				p->tail = NULL;
			p->nr_queued--;
			/* The caller's buffer goes to the spares. */
			give = *args;
			give_size = *buf_size;
			*args = b->args;
			*buf_size = b->buf_size;
			b->args = give;
			b->buf_size = give_size;
			b->next = sa->spare;
			sa->spare = b;
			break;
		}
		if (p->done && p->err) {
			err = p->err;
			break;
		}
		if (p->done) {
			sa->cur++;
			pthread_cond_broadcast(&sa->cond);
			continue;
		}
		pthread_cond_wait(&sa->cond, &sa->lock);
	}
	pthread_cond_broadcast(&sa->cond);
	pthread_mutex_unlock(&sa->lock);
	return err;
}

static void free_bufs(struct ahead_buf *b)
{
	struct ahead_buf *next;

	for (; b; b = next) {
		next = b->next;
		free(b->args);
		free(b);
	}
}

void search_ahead_stop(struct search_ahead *sa)
{
	int i;

	if (!sa)
		return;
	pthread_mutex_lock(&sa->lock);
	sa->stop = true;
	pthread_cond_broadcast(&sa->cond);
	pthread_mutex_unlock(&sa->lock);
	for (i = 0; i < sa->nr_readers; i++)
		pthread_join(sa->readers[i], NULL);
	pthread_cond_destroy(&sa->cond);
	pthread_mutex_destroy(&sa->lock);
	for (i = 0; i < sa->nr_parts; i++)
		free_bufs(sa->parts[i].head);
	free_bufs(sa->spare);
	free(sa);
}
