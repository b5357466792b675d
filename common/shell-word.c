// SPDX-License-Identifier: MIT
#include <string.h>
#include "common/shell-word.h"

void put_shell_word(FILE *f, const char *s)
{
	const char *c;

	for (c = s; *c; c++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789/._-+=:,@", *c))
			break;
	if (*s && !*c) {
		fputs(s, f);
		return;
	}
	fputc('\'', f);
	for (c = s; *c; c++) {
		if (*c == '\'')
			fputs("'\\''", f);
		else
			fputc(*c, f);
	}
	fputc('\'', f);
}
