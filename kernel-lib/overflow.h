/* SPDX-License-Identifier: MIT */
/*
 * Models the kernel's include/linux/overflow.h on the compiler builtins:
 * check_add_overflow() and check_mul_overflow() store the result in *@d
 * and are true when it did not fit; array_size() saturates at SIZE_MAX
 * so that an allocation of it fails rather than comes out too small.
 * Written for this project.
 */
#ifndef HEATMAP_KERNEL_LIB_OVERFLOW_H
#define HEATMAP_KERNEL_LIB_OVERFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

static inline size_t array_size(size_t n, size_t size)
{
	size_t bytes;

	if (check_mul_overflow(n, size, &bytes))
		return SIZE_MAX;
	return bytes;
}

#endif
