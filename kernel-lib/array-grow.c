// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include "kernel-lib/array-grow.h"
#include "kernel-lib/overflow.h"

int array_grow(void **arr, size_t *alloc, size_t need, size_t elem_size,
	       size_t first)
{
	size_t n = *alloc ? *alloc : first, bytes;
	void *p;

	if (need <= *alloc)
		return 0;
	if (!n)
		n = 1;
	while (n < need)
		if (check_mul_overflow(n, (size_t)2, &n))
			return -ENOMEM;
	if (check_mul_overflow(n, elem_size, &bytes))
		return -ENOMEM;
	p = realloc(*arr, bytes);
	if (!p)
		return -ENOMEM;
	*arr = p;
	*alloc = n;
	return 0;
}
