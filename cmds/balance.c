// SPDX-License-Identifier: MIT
/*
 * balance-least-used: relocate data block groups one at a time, least used
 * first, as python-btrfs's btrfs-balance-least-used does, with its output
 * lines; then frames, progress, limits, a dry run and safe cancelling.
 * Here the options, the checks before the first step and the loading of
 * the plan; the steps are in common/balance/balance-run.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <getopt.h>
#include <stdbool.h>
#include <string.h>
#include <sys/statvfs.h>
#include <linux/btrfs.h>
#include "cmds/commands.h"
#include "common/btrfs/balance-ioctl.h"
#include "common/balance/balance-order.h"
#include "common/balance/balance-pace.h"
#include "common/balance/balance-json.h"
#include "common/balance/balance-plan.h"
#include "common/balance/balance-predict.h"
#include "common/balance/balance-run.h"
#include "common/btrfs/dev-space.h"
#include "common/btrfs/profile-space.h"
#include "common/duration.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/parse-utils.h"
#include "common/signals.h"
#include "common/u64-list.h"

static const char * const cmd_balance_least_used_usage[] = {
	"btrfs-heatmap balance-least-used [options] <path>",
	"Relocate data block groups one at a time, least used first.",
	"",
	"Free space inside half-empty block groups turns back into unallocated",
	"space with the least data moved.  Each step re-reads the block group and",
	"relocates exactly it (balance with the vrange filter).  <path> is any file",
	"or directory in the mounted filesystem; it has no default.  Also installed",
	"as btrfs-balance-least-used, whose output lines it keeps.",
	"",
	OPTLINE("-u|--usage PCT", "consider block groups with used percent <= PCT, 0..100 (default 100)"),
	OPTLINE("--limit N", "relocate at most N block groups"),
	OPTLINE("--target-unallocated SIZE", "stop once the filesystem has SIZE unallocated that new data chunks of its profile can use (k, m, g, t suffixes); block groups on the devices short of such space first"),
	OPTLINE("--dry-run", "print the plan in order, with bytes to move, to give back at best and the predicted gain; change nothing"),
	OPTLINE("--only-gain", "skip block groups whose data would not fit into free space of the others of their kind (the step would gain nothing)"),
	OPTLINE("--devid N", "only block groups with a stripe on device N (repeatable)"),
	OPTLINE("--exclude-devid N", "no block group with a stripe on device N (repeatable)"),
	OPTLINE("--pause DURATION", "wait DURATION between relocations (30s, 5m, 1h30m, 500ms; a bare number is seconds)"),
	OPTLINE("--max-time DURATION", "start no step once DURATION has passed; also the longest wait for a short exclusive operation (default 10m)"),
	OPTLINE("--metadata", "compact metadata block groups too (never system)"),
	OPTLINE("--frames DIR", "write a show picture into DIR before the first relocation and after each, plus DIR/index.html to play them"),
	OPTLINE("--sort physical|virtual", "frame layout, as show has it (default physical)"),
	OPTLINE("--curve hilbert|linear|snake", "frame curve (default hilbert)"),
	OPTLINE("--order N", "frame curve order (default: from the filesystem size, at most 10)"),
	OPTLINE("--size N", "frames of 2^N by 2^N pixels (default 10, or the order if larger)"),
	OUTPUT_FORMAT_OPTLINE("text: the lines of btrfs-balance-least-used (default); json: JSON Lines instead, an object per step and the summary, as they happen"),
	OPTLINE("-v|--verbose", "print more: the kernel's reclaim settings, usable unallocated space, each step's predicted and actual gain, the frames' show lines, block groups that are gone"),
	OPTLINE("-q|--quiet", "print no normal output lines, errors only"),
	OPTLINE("-h|--help", "print this help and exit"),
	"",
	"While the kernel's own block group reclaim, a resize, a device add or a",
	"swapfile activation holds the filesystem, the run waits (a status line)",
	"and goes on; a balance a person started, running or paused, is refused.",
	"",
	"On a terminal (standard error) a status line shows block groups and bytes",
	"done, elapsed time and an estimate of the time left.  Ctrl-C, SIGTERM,",
	"SIGHUP or a broken pipe cancels the kernel's balance and exits 128 +",
	"signal (130, 143, 129, 141).  Exit status: 0 done, 1 error (nothing",
	"changed when it comes before the first relocation),",
	"2 some block group failed to relocate.",
	NULL
};

/* Refuse to start while a balance or another exclusive operation runs. */
static int check_idle(struct balance_run *run)
{
	struct balance_stat stat;
	char op[64];
	int ret;

	ret = balance_query(run->fs.fd, &stat);
	if (ret < 0) {
		btrfs_fs_report_error(run->path, ret);
		return -1;
	}
	if (ret && (stat.state & BTRFS_BALANCE_STATE_RUNNING)) {
		balance_run_refuse_running(run);
		return -1;
	}
	if (ret) {
		error("a paused balance is on %s: resume it ('btrfs balance resume %s') or cancel it ('btrfs balance cancel %s') first",
		      run->path, run->path, run->path);
		return -1;
	}
	ret = balance_pace_wait_idle(run);
	if (ret < 0)
		return -1;
	if (ret && balance_exclusive_op(&run->fs, op, sizeof(op))) {
		error("another operation holds %s (%s): try again when it is done",
		      run->path, op);
		return -1;
	}
	return 0;
}

static int start_frames(struct balance_run *run)
{
	const struct balance_options *opts = run->opts;
	int err;

	if (!opts->frames_dir)
		return 0;
	err = frames_init(&run->frames, opts->frames_dir, &run->fs, opts->sort,
			  opts->po.curve, opts->po.order, opts->po.size);
	if (err == -EDOM) {
		usage_error(&cmd_struct_balance_least_used,
			    "--size (%d) cannot be smaller than --order (%d)",
			    opts->po.size, opts->po.order);
		return -1;
	}
	if (err)
		return -1;
	run->have_frames = true;
	return 0;
}

/* Every device of --devid and --exclude-devid is one of the filesystem's. */
static int check_devids(struct balance_run *run)
{
	const struct devid_filter *filter = &run->opts->filter;
	struct dev_unallocated *devs;
	uint64_t *have, missing;
	int nr, i;

	if (!filter->nr_only && !filter->nr_exclude)
		return 0;
	nr = profile_space_devices(run->fs.fd, &devs);
	if (nr < 0) {
		btrfs_fs_report_error(run->path, nr);
		return -1;
	}
	have = malloc((nr + 1) * sizeof(*have));
	if (!have) {
		free(devs);
		error("out of memory");
		return -1;
	}
	for (i = 0; i < nr; i++)
		have[i] = devs[i].devid;
	missing = devid_filter_missing(filter, have, nr);
	free(have);
	free(devs);
	if (!missing)
		return 0;
	error("%s has no device %llu", run->path, (unsigned long long)missing);
	return -1;
}

static int balance_least_used(const char *path,
			      const struct balance_options *opts)
{
	struct balance_run run;
	struct statvfs vfs;
	int min_used_pct, ret, err;

	memset(&run, 0, sizeof(run));
	run.t0_ms = balance_pace_now_ms();
	run.opts = opts;
	run.path = path;
	balance_plan_init(&run.plan);
	/* JSON Lines instead of any line: balance-json.c writes them. */
	msg_verbosity = opts->po.format == OUTPUT_JSON ? LOG_QUIET :
							 opts->po.verbose;
	err = btrfs_fs_open(path, &run.fs);
	if (err) {
		btrfs_fs_report(&run.fs, path, err);
		return 1;
	}
	ret = 1;
	if (btrfs_fs_is_image(&run.fs)) {
		error("balancing needs a mounted filesystem, %s is read as an image",
		      path);
		goto out;
	}
	if (!opts->dry_run && fstatvfs(run.fs.fd, &vfs) == 0 &&
	    (vfs.f_flag & ST_RDONLY)) {
		error("%s is mounted read-only: no block group can be relocated",
		      path);
		goto out;
	}
	if (check_devids(&run))
		goto out;
	signals_install();
	if (check_idle(&run)) {
		if (signal_received)
			ret = signals_exit_status();
		goto out;
	}
	if (start_frames(&run))
		goto out;
	err = dev_space_unallocated(run.fs.fd, &run.unallocated_start);
	if (!err)
		err = balance_predict_init(&run);
	if (!err)
		err = balance_order_init(&run);
	if (err) {
		btrfs_fs_report_error(path, err);
		goto out;
	}

	balance_run_say(&run, false, "Loading block group objects with used_pct <= %d ...",
			opts->max_used_pct);
	err = balance_plan_load(&run.fs, &run.plan, opts->max_used_pct,
				opts->metadata, &opts->filter, &min_used_pct);
	if (err) {
		balance_run_say(&run, true, "%s", "");
		if (signal_received) {
			balance_run_say(&run, true, "Exiting...");
			ret = signals_exit_status();
		} else {
			btrfs_fs_report_error(path, err);
		}
		goto out;
	}
	balance_run_say(&run, true, " found %d", balance_plan_nr(&run.plan));
	balance_predict_print_start(&run);
	balance_order_print_start(&run);
	if (!balance_plan_nr(&run.plan)) {
		balance_run_say(&run, true, "Nothing to do, least used block group has used_pct %d",
				min_used_pct);
		if (balance_json(&run))
			balance_json_summary(&run, run.unallocated_start);
		ret = 0;
		goto out;
	}
	if (opts->dry_run) {
		ret = balance_run_dry_run(&run) ? 1 : 0;
		goto out;
	}
	ret = balance_run_all(&run);
out:
	progress_clear(&run.progress);
	if (run.have_frames)
		frames_release(&run.frames);
	balance_plan_free(&run.plan);
	balance_order_release(&run);
	balance_predict_release(&run);
	btrfs_fs_close(&run.fs);
	return ret;
}

static int cmd_balance_least_used(const struct cmd_struct *cmd, int argc,
				  char **argv)
{
	enum {
		OPT_LIMIT = OPT_COMMAND_FIRST,
		OPT_TARGET,
		OPT_DRY_RUN,
		OPT_METADATA,
		OPT_FRAMES,
		OPT_SORT,
		OPT_ONLY_GAIN,
		OPT_DEVID,
		OPT_EXCLUDE_DEVID,
		OPT_PAUSE,
		OPT_MAX_TIME,
	};
	static const struct option long_options[] = {
		{ "usage", required_argument, NULL, 'u' },
		{ "limit", required_argument, NULL, OPT_LIMIT },
		{ "target-unallocated", required_argument, NULL, OPT_TARGET },
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "metadata", no_argument, NULL, OPT_METADATA },
		{ "frames", required_argument, NULL, OPT_FRAMES },
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "only-gain", no_argument, NULL, OPT_ONLY_GAIN },
		{ "devid", required_argument, NULL, OPT_DEVID },
		{ "exclude-devid", required_argument, NULL, OPT_EXCLUDE_DEVID },
		{ "pause", required_argument, NULL, OPT_PAUSE },
		{ "max-time", required_argument, NULL, OPT_MAX_TIME },
		{ "curve", required_argument, NULL, OPT_CURVE },
		{ "order", required_argument, NULL, OPT_ORDER },
		{ "size", required_argument, NULL, OPT_SIZE },
		PICTURE_FORMAT_OPTION,
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct balance_options opts;
	int opt, ret;

	memset(&opts, 0, sizeof(opts));
	opts.max_used_pct = 100;
	picture_options_init(&opts.po);
	while ((opt = getopt_long(argc, argv, ":u:vq", long_options,
				  NULL)) != -1) {
		switch (opt) {
		case 'u':
			if (parse_int_range(optarg, 0, 100, &opts.max_used_pct)) {
				usage_error(cmd, "invalid --usage '%s': a whole percentage from 0 to 100",
					    optarg);
				goto fail;
			}
			continue;
		case OPT_LIMIT:
			if (parse_u64(optarg, &opts.limit) || !opts.limit) {
				usage_error(cmd, "invalid --limit '%s': a number of block groups, 1 or more",
					    optarg);
				goto fail;
			}
			continue;
		case OPT_TARGET:
			if (parse_size(optarg, &opts.target) || !opts.target) {
				usage_error(cmd, "invalid --target-unallocated '%s': a size such as 10g or 500m",
					    optarg);
				goto fail;
			}
			continue;
		case OPT_DRY_RUN:
			opts.dry_run = true;
			continue;
		case OPT_METADATA:
			opts.metadata = true;
			continue;
		case OPT_FRAMES:
			if (!optarg[0]) {
				usage_error(cmd, "empty --frames");
				goto fail;
			}
			opts.frames_dir = optarg;
			continue;
		case OPT_SORT:
			if (parse_sort_option(cmd, optarg, &opts.sort))
				goto fail;
			opts.picture_opts_given = true;
			continue;
		case OPT_ONLY_GAIN:
			opts.only_gain = true;
			continue;
		case OPT_DEVID:
			if (u64_list_add_arg(cmd, "--devid", optarg, 1,
					     "a device id (1, 2, ...)",
					     &opts.filter.only,
					     &opts.filter.nr_only))
				goto fail;
			continue;
		case OPT_EXCLUDE_DEVID:
			if (u64_list_add_arg(cmd, "--exclude-devid", optarg, 1,
					     "a device id (1, 2, ...)",
					     &opts.filter.exclude,
					     &opts.filter.nr_exclude))
				goto fail;
			continue;
		case OPT_PAUSE:
		case OPT_MAX_TIME:
			if (parse_duration(optarg, opt == OPT_PAUSE ?
					   &opts.pause_ms : &opts.max_time_ms) ||
			    (opt == OPT_MAX_TIME && !opts.max_time_ms)) {
				usage_error(cmd, "invalid %s '%s': a duration such as 30s, 5m or 1h30m",
					    opt == OPT_PAUSE ? "--pause" : "--max-time",
					    optarg);
				goto fail;
			}
			continue;
		}
		ret = picture_options_parse(&opts.po, cmd, opt, optarg);
		if (ret < 0)
			goto fail;
		if (ret) {
			if (opt != 'v' && opt != 'q' && opt != OPT_FORMAT)
				opts.picture_opts_given = true;
			continue;
		}
		report_bad_option(cmd, argv, opt);
		goto fail;
	}
	/*
	 * Unlike show and bg, no default path: relocating / because a script
	 * lost its argument would be a bad surprise.  The reference, too,
	 * requires the mountpoint.
	 */
	if (check_argc_min(cmd, argc, 1, "the mountpoint") ||
	    check_argc_max(cmd, argc, argv, 1))
		goto fail;
	if (opts.po.format == OUTPUT_JSON && opts.dry_run) {
		usage_error(cmd, "--format json describes what a run did: not with --dry-run");
		goto fail;
	}
	if (opts.picture_opts_given && !opts.frames_dir) {
		usage_error(cmd, "--sort, --curve, --order and --size shape the --frames pictures: give --frames DIR too");
		goto fail;
	}
	if (opts.po.order >= 0 && opts.po.size >= 0 &&
	    opts.po.size < opts.po.order) {
		usage_error(cmd, "--size (%d) cannot be smaller than --order (%d)",
			    opts.po.size, opts.po.order);
		goto fail;
	}
	for (opt = 0; opt < opts.filter.nr_only; opt++) {
		if (u64_list_add(&opts.filter.exclude, &opts.filter.nr_exclude,
				 opts.filter.only[opt]) == -EEXIST) {
			usage_error(cmd, "device %llu is both in --devid and in --exclude-devid",
				    (unsigned long long)opts.filter.only[opt]);
			goto fail;
		}
		opts.filter.nr_exclude--;
	}
	if (opts.frames_dir && opts.dry_run) {
		usage_error(cmd, "--frames and --dry-run do not go together: a dry run writes nothing");
		goto fail;
	}
	ret = balance_least_used(argv[optind], &opts);
	goto out;
fail:
	ret = 1;
out:
	free(opts.filter.only);
	free(opts.filter.exclude);
	return ret;
}

DEFINE_SIMPLE_COMMAND(balance_least_used, "balance-least-used");
