/* SPDX-License-Identifier: MIT */
/*
 * Models the kernel's include/linux/min_heap.h: a binary min-heap of
 * elements of any type, ordered by a less() callback that the user of the
 * heap supplies, with min_heap_peek(), min_heap_push(), min_heap_pop()
 * and min_heap_pop_push() (Python's heapq.heapreplace).  Unlike the
 * kernel's, this heap owns its array and grows it (kernel-lib/array-grow.h),
 * and pop hands the element out.  Written for this project.
 */
#ifndef HEATMAP_KERNEL_LIB_MIN_HEAP_H
#define HEATMAP_KERNEL_LIB_MIN_HEAP_H

#include <stdbool.h>
#include <stddef.h>

struct min_heap {
	void *data;
	size_t nr;		/* elements in the heap */
	size_t size;		/* elements allocated */
	size_t elem_size;
};

struct min_heap_callbacks {
	/* True when @lhs must come out before @rhs. */
	bool (*less)(const void *lhs, const void *rhs, void *args);
};

/* An empty heap of elements of @elem_size bytes. */
void min_heap_init(struct min_heap *heap, size_t elem_size);

/* The least element, NULL when the heap is empty. */
static inline void *min_heap_peek(const struct min_heap *heap)
{
	return heap->nr ? heap->data : NULL;
}

/* Add a copy of @element.  Return 0 or -ENOMEM. */
int min_heap_push(struct min_heap *heap, const void *element,
		  const struct min_heap_callbacks *func, void *args);

/*
 * Remove the least element, copying it to @element when that is not NULL.
 * Return false when the heap was empty.
 */
bool min_heap_pop(struct min_heap *heap, void *element,
		  const struct min_heap_callbacks *func, void *args);

/* Replace the least element by @element in one step; the heap has one. */
void min_heap_pop_push(struct min_heap *heap, const void *element,
		       const struct min_heap_callbacks *func, void *args);

/* Make @dst a copy of @src.  Return 0 or -ENOMEM. */
int min_heap_copy(struct min_heap *dst, const struct min_heap *src);

void min_heap_free(struct min_heap *heap);

#endif
