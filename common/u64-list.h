/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_U64_LIST_H
#define HEATMAP_U64_LIST_H

#include <stdint.h>
#include "common/help.h"

/*
 * Append @val to the array *@list of *@nr values, which grows by one.
 * Return 0, -EEXIST when @val is in it already, or -ENOMEM.
 */
int u64_list_add(uint64_t **list, int *nr, uint64_t val);

/*
 * Append the value @arg of option @opt ("--device") of @cmd, a whole
 * number from @min, which @what describes in the error line ("a device id
 * (1, 2, ...)"), to the array *@list of *@nr values, which grows by one.
 * Return 0, or -1 after printing one error line: a bad value, a value
 * given twice, or no memory.
 */
int u64_list_add_arg(const struct cmd_struct *cmd, const char *opt,
		     const char *arg, uint64_t min, const char *what,
		     uint64_t **list, int *nr);

#endif
