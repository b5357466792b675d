/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_RUN_H
#define HEATMAP_BALANCE_RUN_H

#include <stdbool.h>
#include <stdint.h>
#include "common/balance/balance-gain.h"
#include "common/balance/balance-plan.h"
#include "common/balance/frames.h"
#include "common/btrfs/devid-filter.h"
#include "common/btrfs/open-utils.h"
#include "common/picture/picture-options.h"
#include "common/progress.h"
#include "common/picture/space-map.h"

/* Exit status when every step ran but some block group failed to move. */
#define EXIT_SOME_FAILED	2

/* The options of balance-least-used. */
struct balance_options {
	int max_used_pct;
	bool metadata;
	bool dry_run;
	uint64_t limit;			/* 0: no limit */
	uint64_t target;		/* 0: no target */
	const char *frames_dir;
	enum space_map_sort sort;
	struct picture_options po;
	bool picture_opts_given;
	bool only_gain;			/* skip steps predicted to gain nothing */
	uint64_t pause_ms;		/* between relocations */
	uint64_t max_time_ms;		/* 0: no budget */
	struct devid_filter filter;
};

/* How long a run waits for a short exclusive operation without --max-time. */
#define BALANCE_DEFAULT_WAIT_MS	(10 * 60 * 1000ULL)

/* One run of the command on one filesystem. */
struct balance_run {
	const struct balance_options *opts;
	const char *path;
	struct btrfs_fs fs;
	struct balance_plan plan;
	struct progress progress;
	struct frames frames;
	bool have_frames;
	bool whole_lines;	/* status line on the terminal stdout is on */
	uint64_t unallocated_start;
	uint64_t attempts;
	int relocated, skipped, failed;
	uint64_t moved;
	bool interrupted;
	bool canceled;		/* a relocation was cancelled half way */
	uint64_t canceled_vaddr;
	int fatal;		/* an error stopped the run */
	bool refused;		/* another balance won the race: no summary */
	uint64_t t0_ms;		/* start, for --max-time */
	bool predict;		/* estimate each step's gain */
	bool stopped_by_time;	/* --max-time spent */
	bool stepped;		/* a relocation ran: pause before the next */
	uint64_t data_profile;	/* BTRFS_BLOCK_GROUP_* profile bits */
	uint64_t usable_start;	/* unallocated usable by data_profile */
	int64_t predicted_sum;	/* of the steps that ran */
	struct gain_pool pool;	/* of the last estimate: its size classes */
	bool have_pool;
	uint64_t *prefer;	/* devids short of usable space */
	int nr_prefer;
};

/* A normal output line (or the start of one, without @newline). */
void balance_run_say(struct balance_run *run, bool newline, const char *fmt,
		     ...)
	__attribute__((format(printf, 3, 4)));

/* The one error line when another balance is running on the filesystem. */
void balance_run_refuse_running(const struct balance_run *run);

/*
 * The dry run: the plan in order, as the run would go if nothing else
 * changed the filesystem meanwhile.  Return 0 or -errno.
 */
int balance_run_dry_run(struct balance_run *run);

/*
 * The balance loop, after loading the plan into @run->plan: the first
 * frame, the steps, least used block group first, each re-read before it
 * is relocated, until the plan, --limit or --target-unallocated ends it,
 * then the summary.  Return the exit status: 0, 1 when an error stopped
 * the run, EXIT_SOME_FAILED, or 128 + signal.
 */
int balance_run_all(struct balance_run *run);

#endif
