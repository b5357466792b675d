// SPDX-License-Identifier: MIT
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "common/help.h"

void usage_print(const char * const *usage)
{
	const char *opt, *text;
	int i;

	printf("usage: %s\n\n", usage[0]);
	for (i = 1; usage[i]; i++) {
		if (usage[i][0] != '\t') {
			printf("%s%s\n", usage[i][0] ? "    " : "", usage[i]);
			continue;
		}
		opt = usage[i] + 1;
		text = opt + strlen(opt) + 1;
		if (strlen(opt) < 26)
			printf("    %-26s  %s\n", opt, text);
		else
			printf("    %s\n    %-26s  %s\n", opt, "", text);
	}
}

bool args_want_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}

void usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("ERROR: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see '%s --help')\n", cmd);
}
