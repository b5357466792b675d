// SPDX-License-Identifier: MIT
/*
 * btrfs-heatmap: pictures of how a btrfs filesystem uses its space.
 * One binary for every subcommand, also called by other names.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cmds/commands.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/signals.h"
#include "kernel-lib/kernel.h"

/* Alphabetical; looked up by exact name. */
static const struct cmd_struct * const commands[] = {
	&cmd_struct_balance_least_used,
	&cmd_struct_bg,
	&cmd_struct_diff,
	&cmd_struct_film,
	&cmd_struct_show,
	&cmd_struct_version,
};

/* Program names that stand for one subcommand, like btrfsck for check. */
static const struct {
	const char *program;
	const char *command;
} aliases[] = {
	{ "btrfs-balance-least-used", "balance-least-used" },
};

static const struct cmd_struct *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i]->name, name))
			return commands[i];
	return NULL;
}

static void print_usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: btrfs-heatmap <command> [options] [<path>]\n"
		     "   or: btrfs-heatmap [options] <mountpoint>   (the btrfs-heatmap 9 command line)\n\n"
		     "Pictures of how a btrfs filesystem uses its space.\n\n"
		     "Commands:\n");
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(out, "    %-20s %s\n", commands[i]->name,
			commands[i]->usage[1]);
	fprintf(out, "\nRun 'btrfs-heatmap <command> --help' for the options of one.\n");
}

/*
 * Run @cmd: its usage for --help or -h anywhere before "--", without
 * looking at the rest; else the command itself.  getopt reports nothing:
 * each command says what is wrong in one line of its own.
 */
static int run_command(const struct cmd_struct *cmd, int argc, char **argv)
{
	if (args_want_help(argc, argv)) {
		usage_print(cmd->usage);
		return 0;
	}
	opterr = 0;
	optind = 1;
	return cmd->fn(cmd, argc, argv);
}

/*
 * A first word that is no command: a path or an option means the
 * reference's command line; a bare word that names nothing is a typo.
 */
static int looks_like_legacy(const char *arg)
{
	struct stat st;

	return arg[0] == '-' || strchr(arg, '/') || stat(arg, &st) == 0;
}

/*
 * Check that standard output took every line, as coreutils' close_stdout:
 * a script that parses "pngfile ..." must not see exit 0 when the line
 * went nowhere.  A closed standard output that nothing was written to is
 * no error; a SIGPIPE gets its own exit status; after a failure that
 * printed its error line (a picture to "-" that could not be written), no
 * second line.
 */
static int close_stdout(int ret)
{
	bool failed = ferror(stdout);
	int err = 0;

	if (fclose(stdout) == EOF && !(errno == EBADF && !failed)) {
		err = errno;
		failed = true;
	}
	if (signal_received)
		return signals_exit_status();
	if (!failed || ret == 1)
		return ret;
	if (err)
		error("write error on standard output: %s", strerror(err));
	else
		error("write error on standard output");
	return 1;
}

/*
 * btrfs-progs' global option --format, given before the command: move its
 * words after the command's name, where the command takes it as its own.
 */
static void move_global_format(int argc, char **argv)
{
	int n = 0, i;
	char *cmd;

	if (argc > 1 && !strncmp(argv[1], "--format=", 9))
		n = 1;
	else if (argc > 2 && !strcmp(argv[1], "--format"))
		n = 2;
	if (!n || argc <= n + 1 || !find_command(argv[n + 1]))
		return;
	cmd = argv[n + 1];
	for (i = n + 1; i > 1; i--)
		argv[i] = argv[i - 1];
	argv[1] = cmd;
}

/* Find what argv asks for and run it.  Return the exit status. */
static int dispatch(int argc, char **argv)
{
	const struct cmd_struct *cmd;
	const char *prog = strrchr(argv[0], '/');
	size_t i;

	prog = prog ? prog + 1 : argv[0];
	for (i = 0; i < ARRAY_SIZE(aliases); i++) {
		if (strcmp(prog, aliases[i].program))
			continue;
		cmd = find_command(aliases[i].command);
		if (cmd)
			return run_command(cmd, argc, argv);
	}

	if (argc < 2) {
		error("no command given");
		print_usage(stderr);
		return 1;
	}
	move_global_format(argc, argv);
	if (!strcmp(argv[1], "help") && argc > 2) {
		cmd = find_command(argv[2]);
		if (!cmd) {
			error("no command '%s' to help with", argv[2]);
			return 1;
		}
		usage_print(cmd->usage);
		return 0;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		print_usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version"))
		return run_command(&cmd_struct_version, argc - 1, argv + 1);
	cmd = find_command(argv[1]);
	if (cmd)
		return run_command(cmd, argc - 1, argv + 1);
	if (looks_like_legacy(argv[1]))
		return run_command(&cmd_struct_legacy, argc, argv);
	/* As git does: the one error, and where the list of commands is. */
	error("'%s' is neither a command nor an existing path", argv[1]);
	fprintf(stderr, "See 'btrfs-heatmap --help'.\n");
	return 1;
}

int main(int argc, char **argv)
{
	return close_stdout(dispatch(argc, argv));
}
