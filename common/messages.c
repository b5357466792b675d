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
