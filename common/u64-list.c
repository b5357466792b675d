// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include "common/help.h"
#include "common/messages.h"
#include "common/parse-utils.h"
#include "common/u64-list.h"

int u64_list_add(uint64_t **list, int *nr, uint64_t val)
{
	uint64_t *p;
	int i;

	for (i = 0; i < *nr; i++)
		if ((*list)[i] == val)
			return -EEXIST;
	p = realloc(*list, (*nr + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	p[(*nr)++] = val;
	*list = p;
	return 0;
}

int u64_list_add_arg(const struct cmd_struct *cmd, const char *opt,
		     const char *arg, uint64_t min, const char *what, uint64_t **list, int *nr)
{
	uint64_t val;
	int err;

	if (parse_u64(arg, &val) || val < min) {
		usage_error(cmd, "invalid %s '%s': %s", opt, arg, what);
		return -1;
	}
	err = u64_list_add(list, nr, val);
	if (err == -EEXIST)
		usage_error(cmd, "%s %llu given twice", opt,
			    (unsigned long long)val);
	else if (err)
		error("out of memory");
	return err ? -1 : 0;
}
