// SPDX-License-Identifier: MIT
/*
 * Pacing of balance-least-used: a pause between relocations, a time
 * budget checked between steps, and waiting for short exclusive
 * operations, the kernel's own block group reclaim first of all.
 */
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include "common/btrfs/balance-ioctl.h"
#include "common/balance/balance-pace.h"
#include "common/duration.h"
#include "common/btrfs/exclop.h"
#include "common/messages.h"
#include "common/signals.h"

uint64_t balance_pace_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t elapsed_ms(const struct balance_run *run)
{
	return balance_pace_now_ms() - run->t0_ms;
}

/* Sleep @ms, cut short by a signal; 0 or -EINTR. */
static int sleep_ms(uint64_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0) {
		if (errno != EINTR)
			return 0;
		if (signal_received)
			return -EINTR;
	}
	return signal_received ? -EINTR : 0;
}

static bool spent(struct balance_run *run)
{
	const struct balance_options *opts = run->opts;
	char budget[32];

	if (!opts->max_time_ms || elapsed_ms(run) < opts->max_time_ms)
		return false;
	format_duration(opts->max_time_ms, budget, sizeof(budget));
	balance_run_say(run, true, "Stopping: --max-time %s spent, %d block groups left",
			budget, balance_plan_nr(&run->plan));
	run->stopped_by_time = true;
	return true;
}

bool balance_pace_stop(struct balance_run *run)
{
	const struct balance_options *opts = run->opts;
	uint64_t pause = opts->pause_ms, left;

	if (spent(run))
		return true;
	if (!run->stepped || !pause)
		return false;
	run->stepped = false;
	/* Never sleep past the budget only to stop then. */
	if (opts->max_time_ms) {
		left = opts->max_time_ms - elapsed_ms(run);
		if (pause > left)
			pause = left;
	}
	progress_draw(&run->progress, "pausing");
	if (sleep_ms(pause)) {
		run->interrupted = true;
		return true;
	}
	return spent(run);
}

/* What holds the exclusive operation now, and its name. */
static enum exclop_kind holder(struct balance_run *run, const char **what)
{
	static char op[64];
	struct balance_stat stat;
	bool ctl;

	op[0] = '\0';
	ctl = balance_query(run->fs.fd, &stat) == 1;
	if (!balance_exclusive_op(&run->fs, op, sizeof(op)))
		op[0] = '\0';
	*what = exclop_describe(op, ctl);
	return exclop_classify(op, ctl);
}

int balance_pace_wait_idle(struct balance_run *run)
{
	const struct balance_options *opts = run->opts;
	uint64_t limit = opts->max_time_ms ? opts->max_time_ms :
			 BALANCE_DEFAULT_WAIT_MS;
	uint64_t start = elapsed_ms(run), waited = 0;
	char status[160], d[32], budget[32], held[64] = "";
	enum exclop_kind kind;
	const char *what;
	bool said = false;

	for (;;) {
		kind = holder(run, &what);
		if (kind == EXCLOP_NONE) {
			if (said) {
				format_duration(waited, d, sizeof(d));
				balance_run_say(run, true, "Waited %s for %s",
						d, held);
			}
			return 0;
		}
		if (kind == EXCLOP_PERSON)
			return 1;
		waited = elapsed_ms(run) - start;
		if (!said) {
			snprintf(held, sizeof(held), "%s", what);
			balance_run_say(run, true, "Waiting for %s to finish",
					what);
			said = true;
		}
		if ((opts->max_time_ms && elapsed_ms(run) >= limit) ||
		    (!opts->max_time_ms && waited >= limit)) {
			format_duration(waited, d, sizeof(d));
			format_duration(limit, budget, sizeof(budget));
			progress_clear(&run->progress);
			if (opts->max_time_ms)
				error("stopped: %s still holds %s after %s, and --max-time %s is spent",
				      what, run->path, d, budget);
			else
				error("stopped: %s still holds %s after %s, the longest wait without --max-time",
				      what, run->path, d);
			run->fatal = 1;
			return -1;
		}
		format_duration(waited, d, sizeof(d));
		snprintf(status, sizeof(status), "waiting for %s (%s)", what, d);
		progress_draw(&run->progress, status);
		if (sleep_ms(500)) {
			run->interrupted = true;
			return -1;
		}
	}
}
