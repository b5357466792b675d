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

/*
 * One subcommand: its name ("show"; NULL for the reference's command
 * line), its function, which gets this struct, and its usage text.
 */
struct cmd_struct {
	const char *name;
	int (*fn)(const struct cmd_struct *cmd, int argc, char **argv);
	const char * const *usage;
};

/* Print @usage to stdout. */
void usage_print(const char * const *usage);

/* True when @argv holds "--help" or "-h" before any "--". */
bool args_want_help(int argc, char **argv);

/*
 * Report a bad command line for @cmd as one error line naming the
 * offending argument and where help is.
 */
void usage_error(const struct cmd_struct *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Check that at least @min arguments are left after the options.  Return
 * 0, or -1 after reporting that @what (the first one missing: "the
 * mountpoint") is missing.
 */
int check_argc_min(const struct cmd_struct *cmd, int argc, int min,
		   const char *what);

/*
 * Check that at most @max arguments are left after the options, at
 * @argv[@optind].  Return 0, or -1 after reporting the first one too many.
 */
int check_argc_max(const struct cmd_struct *cmd, int argc, char **argv,
		   int max);

#endif
