/* SPDX-License-Identifier: MIT */
/*
 * Models a few helpers of the kernel's include/linux/array_size.h and
 * include/linux/minmax.h: ARRAY_SIZE() that refuses a pointer, and min()
 * and max() that evaluate their arguments once and refuse to compare
 * values of different types (use min_t()/max_t() to say the type).
 * Written for this project.
 */
#ifndef HEATMAP_KERNEL_LIB_KERNEL_H
#define HEATMAP_KERNEL_LIB_KERNEL_H

/* 0, or a compile error when @a is a pointer rather than an array. */
#define __must_be_array(a)						\
	(0 * (int)sizeof(char[1 - 2 * __builtin_types_compatible_p(	\
		__typeof__(a), __typeof__(&(a)[0]))]))

#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))

/*
 * Each use gets its own names (__COUNTER__), so that min() inside max()
 * shadows nothing; comparing the addresses makes -Werror stop at two
 * different types.
 */
#define ___PASTE(a, b)	a##b
#define __PASTE(a, b)	___PASTE(a, b)
#define ___cmp_once(x, y, op, ux, uy) ({				\
	__typeof__(x) ux = (x);						\
	__typeof__(y) uy = (y);						\
	(void)(&ux == &uy);						\
	ux op uy ? ux : uy; })
#define __cmp_once(x, y, op)						\
	___cmp_once(x, y, op, __PASTE(__x, __COUNTER__),		\
		    __PASTE(__y, __COUNTER__))

#define min(x, y)	__cmp_once(x, y, <)
#define max(x, y)	__cmp_once(x, y, >)
#define min_t(type, x, y)	__cmp_once((type)(x), (type)(y), <)
#define max_t(type, x, y)	__cmp_once((type)(x), (type)(y), >)

/* @val limited to [@lo, @hi], all of one type. */
#define clamp(val, lo, hi)	min(max(val, lo), hi)

#endif
