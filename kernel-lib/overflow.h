/* SPDX-License-Identifier: MIT */
/*
 * Models the kernel's include/linux/overflow.h on the compiler builtins:
 * check_add_overflow() and check_mul_overflow() store the result in *@d
 * and are true when it did not fit.  Written for this project.
 */
#ifndef HEATMAP_KERNEL_LIB_OVERFLOW_H
#define HEATMAP_KERNEL_LIB_OVERFLOW_H

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

#endif
