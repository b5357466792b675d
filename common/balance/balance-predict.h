/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_PREDICT_H
#define HEATMAP_BALANCE_PREDICT_H

#include <stdint.h>
#include "common/balance/balance-gain.h"
#include "common/balance/balance-run.h"

/*
 * Find the data profile and the unallocated space it can use, and
 * whether to estimate each step's gain (--only-gain, --dry-run, -v).
 * Return 0 or -errno.
 */
int balance_predict_init(struct balance_run *run);

/* Unallocated space usable by the data profile now; 0 on error. */
uint64_t balance_predict_usable(struct balance_run *run, uint64_t *raw);

/*
 * The -v lines at the start: the kernel's reclaim settings, the
 * unallocated space by device and how much of it the data profile uses.
 */
void balance_predict_print_start(struct balance_run *run);

/*
 * Estimate relocating the block group at @vaddr from the filesystem as it
 * is now.  Return 0 or -errno.
 */
int balance_predict_step(struct balance_run *run, uint64_t vaddr,
			 struct gain_estimate *est);

/* Let go of the pool the steps' estimates keep. */
void balance_predict_release(struct balance_run *run);

/* The line after the summary: usable unallocated space, start and end. */
void balance_predict_print_summary(struct balance_run *run);

#endif
