// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/min-heap.h"

static int bg_less(const struct heap_bg *a, const struct heap_bg *b)
{
	if (a->used_pct != b->used_pct)
		return a->used_pct < b->used_pct;
	return a->vaddr < b->vaddr;
}

static void swap(struct heap_bg *a, struct heap_bg *b)
{
	struct heap_bg t = *a;

	*a = *b;
	*b = t;
}

static void sift_up(struct min_heap *heap, int i)
{
	int parent;

	while (i > 0) {
		parent = (i - 1) / 2;
		if (!bg_less(&heap->items[i], &heap->items[parent]))
			break;
		swap(&heap->items[i], &heap->items[parent]);
		i = parent;
	}
}

static void sift_down(struct min_heap *heap, int i)
{
	int child, least;

	for (;;) {
		least = i;
		child = 2 * i + 1;
		if (child < heap->nr &&
		    bg_less(&heap->items[child], &heap->items[least]))
			least = child;
		child++;
		if (child < heap->nr &&
		    bg_less(&heap->items[child], &heap->items[least]))
			least = child;
		if (least == i)
			return;
		swap(&heap->items[i], &heap->items[least]);
		i = least;
	}
}

int min_heap_push(struct min_heap *heap, const struct heap_bg *bg)
{
	struct heap_bg *p;
	int n;

	if (heap->nr == heap->alloc) {
		n = heap->alloc ? heap->alloc * 2 : 32;
		p = realloc(heap->items, (size_t)n * sizeof(*p));
		if (!p)
			return -ENOMEM;
		heap->items = p;
		heap->alloc = n;
	}
	heap->items[heap->nr] = *bg;
	sift_up(heap, heap->nr++);
	return 0;
}

const struct heap_bg *min_heap_top(const struct min_heap *heap)
{
	return heap->nr ? &heap->items[0] : NULL;
}

void min_heap_pop(struct min_heap *heap, struct heap_bg *bg)
{
	if (!heap->nr)
		return;
	if (bg)
		*bg = heap->items[0];
	heap->items[0] = heap->items[--heap->nr];
	sift_down(heap, 0);
}

void min_heap_replace(struct min_heap *heap, const struct heap_bg *bg)
{
	if (!heap->nr)
		return;
	heap->items[0] = *bg;
	sift_down(heap, 0);
}

int min_heap_copy(struct min_heap *dst, const struct min_heap *src)
{
	memset(dst, 0, sizeof(*dst));
	if (!src->nr)
		return 0;
	dst->items = malloc((size_t)src->nr * sizeof(*dst->items));
	if (!dst->items)
		return -ENOMEM;
	memcpy(dst->items, src->items, (size_t)src->nr * sizeof(*dst->items));
	dst->nr = dst->alloc = src->nr;
	return 0;
}

void min_heap_release(struct min_heap *heap)
{
	free(heap->items);
	memset(heap, 0, sizeof(*heap));
}
