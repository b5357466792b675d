/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_PACE_H
#define HEATMAP_BALANCE_PACE_H

#include <stdbool.h>
#include <stdint.h>
#include "common/balance-run.h"

/*
 * Before the next relocation: once --max-time is spent, say so and
 * return true (stop); else wait out --pause after an earlier relocation
 * (a signal cuts it short) and check the budget again.
 */
bool balance_pace_stop(struct balance_run *run);

/*
 * Wait while the exclusive operation is held by something short (the
 * kernel's own reclaim, a resize, ...), with a status line, at most
 * --max-time or BALANCE_DEFAULT_WAIT_MS.  Return 0 when it is free, 1
 * when something a person started holds it (nothing printed), or -1
 * after printing why the wait gave up (run->fatal set, or interrupted).
 */
int balance_pace_wait_idle(struct balance_run *run);

/* Milliseconds of the monotonic clock, for run->t0_ms. */
uint64_t balance_pace_now_ms(void);

#endif
