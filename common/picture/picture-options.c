// SPDX-License-Identifier: MIT
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "common/draw/grid.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/parse-utils.h"
#include "common/picture/picture-options.h"

void picture_options_init(struct picture_options *po)
{
	memset(po, 0, sizeof(*po));
	po->curve = CURVE_HILBERT;
	po->order = -1;
	po->size = -1;
}

static int parse_order(const struct cmd_struct *cmd, const char *name, const char *arg,
		       int *ret)
{
	if (parse_int_range(arg, 0, GRID_MAX_ORDER, ret)) {
		usage_error(cmd, "invalid %s '%s': a whole number from 0 to %d",
			    name, arg, GRID_MAX_ORDER);
		return -1;
	}
	return 1;
}

int picture_options_parse(struct picture_options *po,
			  const struct cmd_struct *cmd, int opt, const char *arg)
{
	int curve;

	switch (opt) {
	case OPT_CURVE:
		curve = parse_choice(arg, curve_names);
		if (curve < 0) {
			usage_error(cmd, "invalid --curve '%s': choose hilbert, linear or snake",
				    arg);
			return -1;
		}
		po->curve = curve;
		return 1;
	case OPT_ORDER:
		return parse_order(cmd, "--order", arg, &po->order);
	case OPT_SIZE:
		return parse_order(cmd, "--size", arg, &po->size);
	case 'o':
		if (!arg[0]) {
			usage_error(cmd, "empty --output");
			return -1;
		}
		po->output = arg;
		return 1;
	case 'v':
		po->verbose++;
		return 1;
	case 'q':
		po->verbose--;
		return 1;
	case OPT_SYNC:
		po->sync = true;
		return 1;
	case OPT_SUPER:
		if (parse_int_range(arg, 0, 2, &po->super)) {
			usage_error(cmd, "invalid --super '%s': 0, 1 or 2", arg);
			return -1;
		}
		return 1;
	case OPT_FORMAT:
		return output_format_parse(cmd, arg, &po->format) ? -1 : 1;
	}
	return 0;
}

int picture_getopt(const struct cmd_struct *cmd, int argc, char **argv,
		   const struct option *long_options,
		   struct picture_options *po)
{
	int opt, taken;

	while ((opt = getopt_long(argc, argv, ":" PICTURE_SHORT_OPTIONS,
				  long_options, NULL)) != -1) {
		if (opt == '?' || opt == ':') {
			report_bad_option(cmd, argv, opt);
			return PICTURE_OPT_BAD;
		}
		taken = picture_options_parse(po, cmd, opt, optarg);
		if (taken < 0)
			return PICTURE_OPT_BAD;
		if (!taken)
			return opt;
	}
	if (po->format == OUTPUT_JSON && po->output && !strcmp(po->output, "-")) {
		usage_error(cmd, "--format json and --output - both want standard output");
		return PICTURE_OPT_BAD;
	}
	return -1;
}

int picture_options_paths(struct picture_options *po,
			  const struct cmd_struct *cmd,
			  int argc, char **argv, int first)
{
	struct stat st;
	int i;

	if (argc - first < 2)
		return 0;
	for (i = first; i < argc; i++) {
		if (!stat(argv[i], &st) && S_ISDIR(st.st_mode)) {
			usage_error(cmd, "too many arguments: '%s'",
				    argv[i == first ? i + 1 : i]);
			return -1;
		}
	}
	po->paths = (const char * const *)argv + first;
	po->nr_paths = argc - first;
	return 0;
}

void picture_options_apply_verbosity(const struct picture_options *po)
{
	msg_verbosity = (po->output && !strcmp(po->output, "-")) ||
			po->format == OUTPUT_JSON ? LOG_QUIET : po->verbose;
}

int parse_sort_option(const struct cmd_struct *cmd, const char *arg,
		      enum space_map_sort *sort)
{
	int val = parse_choice(arg, space_map_sort_names);

	if (val < 0) {
		usage_error(cmd, "invalid --sort '%s': choose physical or virtual",
			    arg);
		return -1;
	}
	*sort = val;
	return 0;
}

/* True when @word is a cluster of short options holding @c. */
static bool short_cluster_has(const char *word, int c)
{
	return word && word[0] == '-' && word[1] && word[1] != '-' &&
	       strchr(word + 1, c);
}

void report_bad_option(const struct cmd_struct *cmd, char **argv, int opt)
{
	const char *prev = argv[optind - 1], *eq;

	/*
	 * In a cluster like -xv getopt may still be inside the word at optind,
	 * so the offending word is that one or the one before.
	 */
	if (optopt && (short_cluster_has(prev, optopt) ||
		       short_cluster_has(argv[optind], optopt))) {
		if (opt == ':')
			usage_error(cmd, "option '-%c' needs a value", optopt);
		else
			usage_error(cmd, "unknown option '-%c'", optopt);
		return;
	}
	eq = strchr(prev, '=');
	if (opt == ':')
		usage_error(cmd, "option '%s' needs a value", prev);
	else if (optopt && eq)
		usage_error(cmd, "option '%.*s' takes no value", (int)(eq - prev),
			    prev);
	else
		usage_error(cmd, "unknown option '%s'", prev);
}
