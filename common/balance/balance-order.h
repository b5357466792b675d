/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_ORDER_H
#define HEATMAP_BALANCE_ORDER_H

#include "common/balance/balance-plan.h"
#include "common/balance/balance-run.h"

/*
 * The device-aware order, with --target-unallocated alone: when new data
 * chunks cannot use all of the unallocated space (a device has room no
 * other device pairs with), the devices whose unallocated space ran out
 * are short of it, and block groups with stripes on them go first, as
 * relocating them frees space where it is missing.  Find those devices
 * (after balance_predict_init(), before the plan is loaded) and make the
 * plan prefer them.  Return 0 or -errno.
 */
int balance_order_init(struct balance_run *run);

/* The -v line at the start: which devices come first, and why. */
void balance_order_print_start(struct balance_run *run);

/*
 * The -v line when @bg, next in @plan, is not the one the least-used
 * order would take.
 */
void balance_order_say_taken(struct balance_run *run,
			     const struct balance_plan *plan,
			     const struct plan_bg *bg);

void balance_order_release(struct balance_run *run);

#endif
