/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_JSON_H
#define HEATMAP_BALANCE_JSON_H

#include "common/balance/balance-gain.h"
#include "common/balance/balance-run.h"
#include "common/btrfs/block-group-items.h"

/*
 * balance-least-used --format json: instead of the reference's lines, JSON
 * Lines on standard output, one object a line as each happens, flushed,
 * so that a watcher can read them as they come.  Every object has
 * "event": "step", "skip" or "summary".  The schema is in
 * btrfs-heatmap-balance-least-used(8).
 */
static inline bool balance_json(const struct balance_run *run)
{
	return run->opts->po.format == OUTPUT_JSON;
}

/*
 * A relocation of @bg: @result "relocated", "cancelled", "skipped" or
 * "failed" (with @reason), in @secs seconds, unallocated @before and
 * @after it, with the predicted gain when @est.
 */
void balance_json_step(const struct balance_run *run,
		       const struct block_group_info *bg, const char *result,
		       const char *reason, int secs, uint64_t before,
		       uint64_t after, const struct gain_estimate *est);

/* A block group left alone: gone, or it would gain nothing. */
void balance_json_skip(const struct balance_run *run, uint64_t vaddr,
		       int used_pct, const char *reason);

/* The end of the run, with @unallocated now. */
void balance_json_summary(const struct balance_run *run, uint64_t unallocated);

#endif
