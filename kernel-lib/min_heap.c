// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "kernel-lib/array-grow.h"
#include "kernel-lib/min_heap.h"

static void *elem(const struct min_heap *heap, size_t i)
{
	return (char *)heap->data + i * heap->elem_size;
}

static void swap_elems(const struct min_heap *heap, size_t i, size_t j)
{
	char *a = elem(heap, i), *b = elem(heap, j), t;
	size_t n;

	for (n = 0; n < heap->elem_size; n++) {
		t = a[n];
		a[n] = b[n];
		b[n] = t;
	}
}

static void sift_up(struct min_heap *heap, size_t i,
		    const struct min_heap_callbacks *func, void *args)
{
	size_t parent;

	while (i > 0) {
		parent = (i - 1) / 2;
		if (!func->less(elem(heap, i), elem(heap, parent), args))
			break;
		swap_elems(heap, i, parent);
		i = parent;
	}
}

static void sift_down(struct min_heap *heap, size_t i,
		      const struct min_heap_callbacks *func, void *args)
{
	size_t child, least;

	for (;;) {
		least = i;
		child = 2 * i + 1;
		if (child < heap->nr &&
		    func->less(elem(heap, child), elem(heap, least), args))
			least = child;
		child++;
		if (child < heap->nr &&
		    func->less(elem(heap, child), elem(heap, least), args))
			least = child;
		if (least == i)
			return;
		swap_elems(heap, i, least);
		i = least;
	}
}

void min_heap_init(struct min_heap *heap, size_t elem_size)
{
	memset(heap, 0, sizeof(*heap));
	heap->elem_size = elem_size;
}

int min_heap_push(struct min_heap *heap, const void *element,
		  const struct min_heap_callbacks *func, void *args)
{
	int err;

	err = array_grow(&heap->data, &heap->size, heap->nr + 1,
			 heap->elem_size, 32);
	if (err)
		return err;
	memcpy(elem(heap, heap->nr), element, heap->elem_size);
	sift_up(heap, heap->nr++, func, args);
	return 0;
}

bool min_heap_pop(struct min_heap *heap, void *element,
		  const struct min_heap_callbacks *func, void *args)
{
	if (!heap->nr)
		return false;
	if (element)
		memcpy(element, elem(heap, 0), heap->elem_size);
	heap->nr--;
	if (heap->nr)
		memcpy(elem(heap, 0), elem(heap, heap->nr), heap->elem_size);
	sift_down(heap, 0, func, args);
	return true;
}

void min_heap_pop_push(struct min_heap *heap, const void *element,
		       const struct min_heap_callbacks *func, void *args)
{
	if (!heap->nr)
		return;
	memcpy(elem(heap, 0), element, heap->elem_size);
	sift_down(heap, 0, func, args);
}

int min_heap_copy(struct min_heap *dst, const struct min_heap *src)
{
	min_heap_init(dst, src->elem_size);
	if (!src->nr)
		return 0;
	dst->data = malloc(src->nr * src->elem_size);
	if (!dst->data)
		return -ENOMEM;
	memcpy(dst->data, src->data, src->nr * src->elem_size);
	dst->nr = dst->size = src->nr;
	return 0;
}

void min_heap_free(struct min_heap *heap)
{
	free(heap->data);
	heap->data = NULL;
	heap->nr = heap->size = 0;
}
