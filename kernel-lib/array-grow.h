/* SPDX-License-Identifier: MIT */
/*
 * Growing arrays, in the spirit of the kernel's krealloc_array(): the one
 * place where an array grows by doubling, with its size computed by
 * check_mul_overflow() (kernel-lib/overflow.h).  Written for this project.
 */
#ifndef HEATMAP_KERNEL_LIB_ARRAY_GROW_H
#define HEATMAP_KERNEL_LIB_ARRAY_GROW_H

#include <stddef.h>

/*
 * Make the array *@arr of *@alloc elements of @elem_size bytes hold at
 * least @need, doubling it (starting at @first) as often as that takes.
 * Return 0, or -ENOMEM with *@arr and *@alloc unchanged.
 */
int array_grow(void **arr, size_t *alloc, size_t need, size_t elem_size,
	       size_t first);

/* array_grow() for a typed pointer @arr: ARRAY_GROW(runs, alloc, nr + 1, 64). */
#define ARRAY_GROW(arr, alloc, need, first)				\
	array_grow((void **)&(arr), &(alloc), (need), sizeof(*(arr)), (first))

#endif
