/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PARSE_UTILS_H
#define HEATMAP_PARSE_UTILS_H

#include <stdint.h>

/* Parse a whole decimal number into @ret; return 0 or -EINVAL/-ERANGE. */
int parse_u64(const char *str, uint64_t *ret);

/* Parse a whole decimal number within [@min, @max]; return 0 or -errno. */
int parse_int_range(const char *str, int min, int max, int *ret);

/*
 * Parse a size with an optional btrfs-progs suffix: k, m, g, t, p, e
 * (binary multiples, either case, optional trailing "iB" or "B").
 */
int parse_size(const char *str, uint64_t *ret);

/*
 * Return the index of @str in the NULL-terminated @choices, or -1.
 */
int parse_choice(const char *str, const char * const *choices);

#endif
