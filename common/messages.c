// SPDX-License-Identifier: MIT
#include <stdarg.h>
#include <stdio.h>
#include "common/messages.h"

int msg_verbosity;

void pr_verbose(int level, const char *fmt, ...)
{
	va_list ap;

	if (msg_verbosity < level)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void pr_verbose_ids(int level, const char *prefix, const uint64_t *ids,
		    int nr, size_t stride)
{
	const char *p = (const char *)ids;
	int i;

	if (msg_verbosity < level)
		return;
	fputs(prefix, stdout);
	for (i = 0; i < nr; i++, p += stride)
		printf(" %llu", (unsigned long long)*(const uint64_t *)p);
	putchar('\n');
}
