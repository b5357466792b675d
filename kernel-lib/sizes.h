/* SPDX-License-Identifier: MIT */
/*
 * Models the kernel's include/linux/sizes.h: names for powers of two of
 * bytes, so that 32 MiB reads SZ_32M and not 32 * 1024 * 1024.  Written
 * for this project; only the sizes the code uses.
 */
#ifndef HEATMAP_KERNEL_LIB_SIZES_H
#define HEATMAP_KERNEL_LIB_SIZES_H

#define SZ_1K		0x00000400ULL
#define SZ_4K		0x00001000ULL
#define SZ_1M		0x00100000ULL
#define SZ_16M		0x01000000ULL
#define SZ_32M		0x02000000ULL
#define SZ_1G		0x40000000ULL

#endif
