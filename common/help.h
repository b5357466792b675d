/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_HELP_H
#define HEATMAP_HELP_H

#include <stdbool.h>

/*
 * Usage arrays, as btrfs-progs has them: the synopsis, a one-line
 * description, an empty line, then OPTLINE entries and plain lines, NULL
 * at the end.
 */
#define OPTLINE(opt, text)	"\t" opt "\0" text

/* Print @usage to stdout. */
void usage_print(const char * const *usage);

/* True when @argv holds "--help" or "-h" before any "--". */
bool args_want_help(int argc, char **argv);

/*
 * Report a bad command line for @cmd ("show") as one error line naming the
 * offending argument and where help is.
 */
void usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
