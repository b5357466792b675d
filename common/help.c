// SPDX-License-Identifier: MIT
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "common/help.h"

/* Option descriptions start at this column and wrap before HELP_WIDTH. */
#define HELP_OPT_WIDTH	26
#define HELP_TEXT_COL	(4 + HELP_OPT_WIDTH + 2)
#define HELP_WIDTH	80

/*
 * Print @text from column HELP_TEXT_COL, the cursor being there already,
 * wrapped at spaces so that no line passes HELP_WIDTH; continuation lines
 * are indented to the same column.  A word longer than the room stays
 * whole.
 */
static void print_wrapped(const char *text)
{
	const size_t room = HELP_WIDTH - HELP_TEXT_COL;
	size_t len, cut;

	for (;;) {
		len = strlen(text);
		if (len <= room) {
			printf("%s\n", text);
			return;
		}
		for (cut = room; cut > 0 && text[cut] != ' '; cut--)
			;
		if (!cut)
			cut = strcspn(text, " ");
		printf("%.*s\n", (int)cut, text);
		text += cut;
		text += strspn(text, " ");
		if (!*text)
			return;
		printf("%*s", HELP_TEXT_COL, "");
	}
}

void usage_print(const char * const *usage)
{
	const char *opt;
	int i;

	printf("usage: %s\n\n", usage[0]);
	for (i = 1; usage[i]; i++) {
		if (usage[i][0] != '\t') {
			printf("%s%s\n", usage[i][0] ? "    " : "", usage[i]);
			continue;
		}
		opt = usage[i] + 1;
		if (strlen(opt) < HELP_OPT_WIDTH)
			printf("    %-*s  ", HELP_OPT_WIDTH, opt);
		else
			printf("    %s\n%*s", opt, HELP_TEXT_COL, "");
		print_wrapped(opt + strlen(opt) + 1);
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

void usage_error(const struct cmd_struct *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("ERROR: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'btrfs-heatmap%s%s --help')\n",
		cmd->name ? " " : "", cmd->name ? cmd->name : "");
}

int check_argc_min(const struct cmd_struct *cmd, int argc, int min,
		   const char *what)
{
	if (argc - optind >= min)
		return 0;
	usage_error(cmd, "%s is missing", what);
	return -1;
}

int check_argc_max(const struct cmd_struct *cmd, int argc, char **argv,
		   int max)
{
	if (argc - optind <= max)
		return 0;
	usage_error(cmd, "too many arguments: '%s'", argv[optind + max]);
	return -1;
}
