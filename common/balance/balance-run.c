// SPDX-License-Identifier: MIT
/*
 * The steps of balance-least-used: relocate the least used block group,
 * re-read before each step as the reference does, with its output lines,
 * a frame after each step, progress, the limits, the dry run and the
 * summary.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/btrfs.h>
#include "common/btrfs/balance-ioctl.h"
#include "common/balance/balance-job.h"
#include "common/balance/balance-json.h"
#include "common/balance/balance-order.h"
#include "common/balance/balance-pace.h"
#include "common/balance/balance-predict.h"
#include "common/balance/balance-plan.h"
#include "common/balance/balance-run.h"
#include "common/btrfs/dev-space.h"
#include "common/btrfs/block-group-items.h"
#include "common/btrfs/chunk-items.h"
#include "common/messages.h"
#include "common/btrfs/profiles.h"
#include "common/signals.h"
#include "common/units.h"

void balance_run_say(struct balance_run *run, bool newline, const char *fmt,
		     ...)
{
	/* Whoever broke the pipe still learns how far the run got. */
	FILE *out = signal_received == SIGPIPE ? stderr : stdout;
	va_list ap;

	if (msg_verbosity < LOG_DEFAULT)
		return;
	progress_clear(&run->progress);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	if (newline)
		fputc('\n', out);
	fflush(out);
}

void balance_run_refuse_running(const struct balance_run *run)
{
	error("a balance is running on %s: wait for it or stop it with 'btrfs balance cancel %s'",
	      run->path, run->path);
}

/* Count done and still planned block groups and bytes for the status. */
static void update_progress(struct balance_run *run)
{
	const struct balance_options *opts = run->opts;
	struct progress *p = &run->progress;
	uint64_t items = 0, bytes = 0;

	p->done_items = run->relocated + run->skipped + run->failed;
	p->done_bytes = run->moved;
	if (!opts->limit) {
		if (balance_plan_totals(&run->plan, 0, &items, &bytes))
			return;
	} else if (opts->limit > run->attempts) {
		if (balance_plan_totals(&run->plan, opts->limit - run->attempts,
					&items, &bytes))
			return;
	}
	p->total_items = p->done_items + items;
	p->total_bytes = p->done_bytes + bytes;
}

static void format_signed_size(int64_t delta, char *buf, size_t len)
{
	char size[32];

	pretty_size(delta < 0 ? -(uint64_t)delta : (uint64_t)delta, size,
		    sizeof(size));
	snprintf(buf, len, "%s%s", delta < 0 ? "-" : "+", size);
}

/* The dry run's lines for one step's estimate; its gain, 0 to skip it. */
static int64_t dry_run_predict(struct balance_run *run, struct gain_pool *pool,
			       const struct plan_bg *hb, bool *skip)
{
	struct gain_estimate est;
	char why[320], g[40];

	*skip = false;
	if (!pool->nr_bgs ||
	    gain_estimate(pool, &run->fs, hb->vaddr, !run->opts->only_gain,
			  &est))
		return (int64_t)balance_plan_give_back(hb);
	gain_estimate_reason(&est, hb->flags, why, sizeof(why));
	if (run->opts->only_gain && est.gain <= 0) {
		*skip = true;
		balance_run_say(run, true, "Would skip block group vaddr %llu used_pct %d: it would gain nothing: %s",
				(unsigned long long)hb->vaddr, hb->used_pct, why);
		return 0;
	}
	if (run->opts->only_gain)
		gain_estimate(pool, &run->fs, hb->vaddr, true, &est);
	format_signed_size(est.gain, g, sizeof(g));
	balance_run_say(run, true, "Predicted gain %s: %s", g, why);
	return est.gain;
}

int balance_run_dry_run(struct balance_run *run)
{
	const struct balance_options *opts = run->opts;
	uint64_t unallocated = run->unallocated_start, moves = 0, gives = 0;
	int64_t predicted = 0, gain = 0;
	char type[64], s1[32], s2[32], s3[32], s4[40];
	struct gain_pool pool;
	struct balance_plan copy;
	struct plan_bg hb;
	uint64_t n = 0, give, skipped = 0;
	bool skip;
	int err;

	err = balance_plan_copy(&copy, &run->plan);
	if (err)
		return err;
	/* Without the pool the estimate falls back to the best case. */
	if (gain_pool_load(&run->fs, NULL, &pool))
		memset(&pool, 0, sizeof(pool));
	if (opts->target)
		unallocated = run->usable_start;
	while (balance_plan_nr(&copy)) {
		/* Steps that lose space count against the target, too. */
		if (opts->target &&
		    (int64_t)unallocated + predicted >= (int64_t)opts->target) {
			pretty_size(opts->target, s1, sizeof(s1));
			balance_run_say(run, true, "Would stop here: unallocated would reach the target %s",
					s1);
			break;
		}
		if (opts->limit && n >= opts->limit) {
			balance_run_say(run, true, "Would stop here: --limit %llu",
					(unsigned long long)opts->limit);
			break;
		}
		balance_order_say_taken(run, &copy, balance_plan_peek(&copy));
		balance_plan_pop(&copy, &hb);
		if (opts->only_gain) {
			gain = dry_run_predict(run, &pool, &hb, &skip);
			if (skip) {
				skipped++;
				continue;
			}
		}
		give = balance_plan_give_back(&hb);
		n++;
		moves += hb.used;
		gives += give;
		block_group_flags_str(hb.flags, type, sizeof(type));
		pretty_size(hb.used, s1, sizeof(s1));
		pretty_size(give, s2, sizeof(s2));
		balance_run_say(run, true, "Would balance block group vaddr %llu used_pct %d type %s: move %llu bytes (%s), give back %llu bytes (%s)",
				(unsigned long long)hb.vaddr, hb.used_pct, type,
				(unsigned long long)hb.used, s1, (unsigned long long)give,
				s2);
		if (!opts->only_gain)
			gain = dry_run_predict(run, &pool, &hb, &skip);
		predicted += gain;
	}
	balance_plan_free(&copy);
	gain_pool_release(&pool);
	pretty_size(moves, s1, sizeof(s1));
	pretty_size(gives, s2, sizeof(s2));
	pretty_size(run->unallocated_start, s3, sizeof(s3));
	format_signed_size(predicted, s4, sizeof(s4));
	balance_run_say(run, true, "Predicted: %s of unallocated space in %llu steps%s",
			s4, (unsigned long long)n,
			skipped ? ", skipping the steps that gain nothing" : "");
	balance_run_say(run, true, "Dry run: would relocate %llu block groups, move %s, give back up to %s (unallocated now %s); nothing was changed",
			(unsigned long long)n, s1, s2, s3);
	return 0;
}

/* Why a relocation failed, for the end of its Balance line. */
static const char *failure_reason(int err, const struct balance_stat *stat)
{
	switch (-err) {
	case 0:
		return "the kernel left it in place (an active swapfile in it?)";
	case ENOSPC:
		return "no space left to move its data to (ENOSPC)";
	case ETXTBSY:
		return "an active swapfile is in it (ETXTBSY)";
	case EINPROGRESS:
		return "another balance is running (EINPROGRESS)";
	case EBUSY:
		return "another exclusive operation holds the filesystem: device add, remove, replace or resize (EBUSY)";
	case ECANCELED:
		if (stat->state & BTRFS_BALANCE_STATE_PAUSE_REQ)
			return "paused from outside ('btrfs balance pause')";
		return "cancelled from outside ('btrfs balance cancel')";
	case EROFS:
		return "the filesystem is read-only (EROFS)";
	}
	return NULL;
}

/* Errors after which every further block group would fail alike. */
static bool stops_the_run(int err)
{
	switch (-err) {
	case EINPROGRESS:
	case EBUSY:
	case ECANCELED:
	case EROFS:
	case EPERM:
	case EACCES:
	case ENOTTY:
	case EIO:
		return true;
	}
	return false;
}

static void report_stop(struct balance_run *run, int err,
			const struct balance_stat *stat)
{
	char op[64];

	/*
	 * A paused balance stays in the filesystem and resumes at the next
	 * mount: the run ends here, so nothing of it may stay behind.
	 */
	if (err == -ECANCELED && (stat->state & BTRFS_BALANCE_STATE_PAUSE_REQ) &&
	    !balance_cancel(run->fs.fd))
		error("stopped: the balance was paused from outside; cancelled it, so that no later mount resumes it");
	else if (err == -ECANCELED && (stat->state & BTRFS_BALANCE_STATE_PAUSE_REQ))
		error("stopped: the balance was paused from outside; 'btrfs balance cancel %s' it before the next mount resumes it",
		      run->path);
	else if (err == -ECANCELED)
		error("stopped: the balance was cancelled from outside");
	else if (err == -EBUSY && balance_exclusive_op(&run->fs, op, sizeof(op)))
		error("stopped: another operation holds %s (%s): try again when it is done",
		      run->path, op);
	else if (err == -EIO)
		error("stopped: I/O error while relocating, see dmesg and check the filesystem");
	else
		error("stopped: %s", strerror(-err));
	run->fatal = 1;
}

/* Wait for the helper thread, drawing progress; cancel on a signal. */
static void wait_for_job(struct balance_run *run, struct balance_job *job,
			 const struct block_group_info *bg)
{
	char doing[128];
	int ret;

	for (;;) {
		snprintf(doing, sizeof(doing), "vaddr %llu (%d%%)",
			 (unsigned long long)bg->vaddr,
			 block_group_used_pct(bg));
		progress_draw(&run->progress, doing);
		/*
		 * A signal that came while drawing, or before the job started,
		 * interrupted no poll: look at the flag itself every round.
		 */
		if (signal_received) {
			progress_draw(&run->progress, "cancelling the kernel's balance");
			balance_job_cancel(job);
			return;
		}
		ret = balance_job_wait(job, 1000);
		if (ret == 1)
			return;
		if (ret < 0 && ret != -EINTR) {
			/* Cannot wait for the end: cancel rather than spin. */
			balance_job_cancel(job);
			return;
		}
	}
}

static int draw_frame(struct balance_run *run, const struct film_numbers *num,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int draw_frame(struct balance_run *run, const struct film_numbers *num,
		      const char *fmt, ...)
{
	char label[256];
	va_list ap;
	int err;

	if (!run->have_frames)
		return 0;
	va_start(ap, fmt);
	vsnprintf(label, sizeof(label), fmt, ap);
	va_end(ap);
	progress_clear(&run->progress);
	err = frames_add_step(&run->frames, &run->fs, label, num);
	if (err == -EINTR)
		run->interrupted = true;
	else if (err)
		run->fatal = 1;
	return err;
}

/*
 * Relocate @bg, already off the heap: the reference's Balance line, then
 * with @est the predicted and the actual gain.
 */
static int relocate(struct balance_run *run, const struct block_group_info *bg,
		    const struct gain_estimate *est)
{
	char head[128], tail[320], what[256], size[32], unalloc[32], line[460];
	int used_pct = block_group_used_pct(bg), secs, ret, held, wait;
	bool started, finished, said = false, moved = false, broke = false;
	bool gave_up = false;
	struct film_numbers num = { 0 };
	uint64_t before = 0;
	struct block_group_info now;
	struct balance_stat stat;
	struct balance_job job;
	const char *reason, *result;
	double start;
	uint64_t u;

	snprintf(head, sizeof(head), "Balance block group vaddr %llu used_pct %d ...",
		 (unsigned long long)bg->vaddr, used_pct);
	dev_space_unallocated(run->fs.fd, &before);
	start = progress_elapsed(&run->progress);
	run->attempts++;
	for (;;) {
		memset(&stat, 0, sizeof(stat));
		ret = balance_job_start(&job, run->fs.fd, bg->vaddr, bg->flags);
		started = !ret;
		finished = false;
		/*
		 * Another balance that started after the idle check makes the
		 * kernel refuse the first relocation at once: say so as the
		 * check would have, before any Balance line.
		 */
		if (started && run->attempts == 1 && !said &&
		    balance_job_wait(&job, 200) == 1) {
			ret = balance_job_finish(&job, &stat);
			finished = true;
			if (ret == -EINPROGRESS) {
				balance_run_refuse_running(run);
				run->refused = true;
				run->fatal = 1;
				return -1;
			}
		}
		if (!said && !run->whole_lines)
			balance_run_say(run, false, "%s", head);
		said = true;
		if (started && !finished) {
			wait_for_job(run, &job, bg);
			ret = balance_job_finish(&job, &stat);
		}
		/* The kernel's reclaim or a short operation: wait, again. */
		if (ret != -EBUSY || signal_received)
			break;
		/* The wait's lines go under the head, the whole line after. */
		if (!run->whole_lines && !broke) {
			balance_run_say(run, true, "%s", "");
			broke = true;
		}
		/* A person's operation (1) fails the step as before. */
		wait = balance_pace_wait_idle(run);
		gave_up = wait < 0;
		if (wait)
			break;
	}
	run->stepped = true;
	secs = (int)(progress_elapsed(&run->progress) - start);
	snprintf(tail, sizeof(tail), " duration %d sec", secs);

	pretty_size(bg->used, size, sizeof(size));
	/* A cancel or pause that comes late returns -ECANCELED all the same. */
	if (gave_up) {
		/* Never started: the wait's own line says why. */
		result = "not_started";
		snprintf(what, sizeof(what), "not relocated: %s",
			 run->interrupted ? "interrupted while waiting" :
					    "the wait ended first");
		snprintf(tail + strlen(tail), sizeof(tail) - strlen(tail),
			 " %s", what);
	} else if ((!ret || ret == -ECANCELED) && stat.completed) {
		run->relocated++;
		run->moved += bg->used;
		moved = true;
		result = "relocated";
		snprintf(tail + strlen(tail), sizeof(tail) - strlen(tail),
			 " total %llu", (unsigned long long)stat.considered);
		snprintf(what, sizeof(what), "relocated in %d sec, %s moved",
			 secs, size);
	} else if (ret == -ECANCELED && signal_received) {
		run->canceled = true;
		run->canceled_vaddr = bg->vaddr;
		result = "cancelled";
		snprintf(what, sizeof(what), "cancelled");
	} else if (!ret && block_group_lookup(&run->fs, bg->vaddr, bg->length,
					       &now) == 0) {
		run->skipped++;
		result = "skipped";
		snprintf(what, sizeof(what), "skipped: it vanished meanwhile");
		snprintf(tail + strlen(tail), sizeof(tail) - strlen(tail),
			 " %s", what);
	} else {
		run->failed++;
		result = "failed";
		reason = failure_reason(ret, &stat);
		snprintf(what, sizeof(what), "failed: %s%s",
			 reason ? reason : strerror(-ret),
			 reason ? "" : ", see dmesg");
		snprintf(tail + strlen(tail), sizeof(tail) - strlen(tail),
			 " %s", what);
	}
	/* After a broken pipe the line goes to stderr: whole, there. */
	if (run->whole_lines || signal_received == SIGPIPE || broke)
		balance_run_say(run, true, "%s%s", head, tail);
	else
		balance_run_say(run, true, "%s", tail);
	if (balance_json(run)) {
		u = before;
		dev_space_unallocated(run->fs.fd, &u);
		balance_json_step(run, bg, result, moved ? NULL : what, secs,
				  before, u, est);
	}
	if (run->fatal || gave_up)
		return -1;
	if (ret && !signal_received && stops_the_run(ret)) {
		report_stop(run, ret, &stat);
		return -1;
	}
	if (signal_received && !moved) {
		run->interrupted = true;
		return -1;
	}

	update_progress(run);
	u = 0;
	dev_space_unallocated(run->fs.fd, &u);
	if (est) {
		char pred[40], got[40];

		format_signed_size(est->gain, pred, sizeof(pred));
		format_signed_size((int64_t)(u - before), got, sizeof(got));
		pretty_size(u, unalloc, sizeof(unalloc));
		balance_run_say(run, true, "Gain: predicted %s, actual %s; unallocated %s",
				pred, got, unalloc);
		run->predicted_sum += est->gain;
	}
	pretty_size(u, unalloc, sizeof(unalloc));
	num.line_value = u;
	num.bar_value = stat.completed ? bg->used : 0;
	snprintf(line, sizeof(line), "%s%s", head, tail);
	num.line = line;
	/*
	 * The film shows every relocation that happened: a signal that came
	 * once this one was done waits for its frame (a second one does not).
	 */
	held = signals_hold();
	ret = draw_frame(run, &num, "step %d: block group vaddr %llu used_pct %d %s; unallocated %s",
			 run->frames.nr, (unsigned long long)bg->vaddr, used_pct,
			 what, unalloc);
	signals_resume(held);
	if (ret)
		return -1;
	if (signal_received) {
		run->interrupted = true;
		return -1;
	}
	progress_draw(&run->progress, NULL);
	return 0;
}

/*
 * The reference's balance_one_block_group(): re-read the least used block
 * group; gone, skip it; grown past the maximum, drop it; grown but still
 * within, put it back; else relocate it.  Return 0 to go on, -1 to stop.
 */
static int balance_one(struct balance_run *run)
{
	struct plan_bg top = *balance_plan_peek(&run->plan);
	struct block_group_info bg;
	struct gain_estimate est;
	bool have_est = false;
	char why[320];
	int used_pct, ret;

	ret = block_group_lookup(&run->fs, top.vaddr, top.length, &bg);
	if (ret < 0) {
		if (signal_received) {
			run->interrupted = true;
		} else {
			error("cannot read block group %llu: %s",
			      (unsigned long long)top.vaddr, strerror(-ret));
			run->fatal = 1;
		}
		return -1;
	}
	if (!ret) {
		balance_plan_pop(&run->plan, NULL);
		run->skipped++;
		if (msg_verbosity >= LOG_INFO)
			balance_run_say(run, true, "Skipping block group vaddr %llu: it is gone",
					(unsigned long long)top.vaddr);
		if (balance_json(run))
			balance_json_skip(run, top.vaddr, -1, "it is gone");
		update_progress(run);
		return 0;
	}
	used_pct = block_group_used_pct(&bg);
	if (used_pct > top.used_pct) {
		if (used_pct > run->opts->max_used_pct) {
			balance_run_say(run, true, "Ignoring block group vaddr %llu used_pct changed %d -> %d",
					(unsigned long long)bg.vaddr, top.used_pct,
					used_pct);
			balance_plan_pop(&run->plan, NULL);
			run->skipped++;
		} else {
			balance_run_say(run, true, "Postponing block group vaddr %llu used_pct changed %d -> %d",
					(unsigned long long)bg.vaddr, top.used_pct,
					used_pct);
			top.used_pct = used_pct;
			top.used = bg.used;
			balance_plan_pop_push(&run->plan, &top);
		}
		update_progress(run);
		return 0;
	}
	if (run->predict) {
		ret = balance_predict_step(run, bg.vaddr, &est);
		if (ret == -EINTR || signal_received) {
			run->interrupted = true;
			return -1;
		}
		have_est = !ret;
	}
	if (have_est && run->opts->only_gain && est.gain <= 0) {
		gain_estimate_reason(&est, bg.flags, why, sizeof(why));
		balance_run_say(run, true, "Skipping block group vaddr %llu used_pct %d: it would gain nothing: %s",
				(unsigned long long)bg.vaddr, used_pct, why);
		if (balance_json(run))
			balance_json_skip(run, bg.vaddr, used_pct, why);
		balance_plan_pop(&run->plan, NULL);
		run->skipped++;
		update_progress(run);
		return 0;
	}
	if (balance_pace_stop(run))
		return -1;
	balance_order_say_taken(run, &run->plan, &top);
	balance_plan_pop(&run->plan, NULL);
	return relocate(run, &bg, have_est ? &est : NULL);
}

/* Stop before the next step when the limit or the target is reached. */
static bool reached_stop(struct balance_run *run)
{
	const struct balance_options *opts = run->opts;
	char s1[32], s2[32];
	uint64_t u, raw;

	if (opts->limit && run->attempts >= opts->limit) {
		balance_run_say(run, true, "Stopping: --limit %llu reached, %d block groups left",
				(unsigned long long)opts->limit,
				balance_plan_nr(&run->plan));
		return true;
	}
	if (opts->target && (u = balance_predict_usable(run, &raw)) >= opts->target) {
		pretty_size(u, s1, sizeof(s1));
		pretty_size(opts->target, s2, sizeof(s2));
		balance_run_say(run, true, "Stopping: unallocated %s reached the target %s, %d block groups left",
				s1, s2, balance_plan_nr(&run->plan));
		return true;
	}
	return balance_pace_stop(run);
}

static void print_summary(struct balance_run *run)
{
	char moved[32], before[32], after[32], gained[40], canceled[96] = "";
	uint64_t u = run->unallocated_start;
	char *cmd;

	dev_space_unallocated(run->fs.fd, &u);
	progress_clear(&run->progress);
	if (run->have_frames && run->frames.nr) {
		cmd = frames_ffmpeg_command(&run->frames);
		balance_run_say(run, true, "Frames: %d in %s; a video of them: %s",
				run->frames.nr, run->frames.dir,
				cmd ? cmd : "(out of memory)");
		free(cmd);
	}
	pretty_size(run->moved, moved, sizeof(moved));
	pretty_size(run->unallocated_start, before, sizeof(before));
	pretty_size(u, after, sizeof(after));
	format_signed_size((int64_t)(u - run->unallocated_start), gained,
			   sizeof(gained));
	if (run->canceled)
		snprintf(canceled, sizeof(canceled),
			 ", cancelled 1 (vaddr %llu stays where it was)",
			 (unsigned long long)run->canceled_vaddr);
	balance_run_say(run, true, "%s: relocated %d, skipped %d, failed %d block groups%s; moved %s; unallocated %s -> %s (%s)%s",
			run->interrupted ? "Interrupted" : "Summary", run->relocated,
			run->skipped, run->failed, canceled, moved, before, after, gained,
			run->stopped_by_time ? "; stopped: --max-time spent" : "");
	balance_predict_print_summary(run);
	if (balance_json(run))
		balance_json_summary(run, u);
}

static int exit_status(const struct balance_run *run)
{
	if (run->interrupted && signal_received)
		return signals_exit_status();
	if (run->fatal)
		return 1;
	return run->failed ? EXIT_SOME_FAILED : 0;
}

int balance_run_all(struct balance_run *run)
{
	struct film_numbers first = { 0 };
	uint64_t items, bytes;
	char unalloc[32];

	balance_plan_totals(&run->plan, run->opts->limit, &items, &bytes);
	progress_init(&run->progress, msg_verbosity >= LOG_DEFAULT, items, bytes);
	run->whole_lines = run->progress.tty && isatty(STDOUT_FILENO);
	pretty_size(run->unallocated_start, unalloc, sizeof(unalloc));
	first.line_value = run->unallocated_start;
	first.bar_value = 0;
	first.line = "before the first step";
	draw_frame(run, &first, "before: %d block groups with used_pct <= %d; unallocated %s",
		   balance_plan_nr(&run->plan), run->opts->max_used_pct, unalloc);
	while (balance_plan_nr(&run->plan) && !run->fatal && !run->interrupted) {
		if (signal_received) {
			run->interrupted = true;
			break;
		}
		if (reached_stop(run))
			break;
		if (balance_one(run))
			break;
	}
	if (run->refused)
		return 1;
	if (signal_received)
		run->interrupted = true;
	if (run->interrupted)
		balance_run_say(run, true, "Exiting...");
	print_summary(run);
	return exit_status(run);
}
