// SPDX-License-Identifier: MIT
/*
 * The device-aware order of balance-least-used: with a target in usable
 * unallocated space, block groups on the devices short of it first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "common/balance/balance-order.h"
#include "common/btrfs/profile-space.h"
#include "common/btrfs/profiles.h"
#include "common/messages.h"
#include "common/units.h"

int balance_order_init(struct balance_run *run)
{
	struct dev_unallocated *devs;
	bool *is_short;
	int nr, i, n;

	if (!run->opts->target)
		return 0;
	nr = profile_space_devices(run->fs.fd, &devs);
	if (nr < 0)
		return nr;
	is_short = calloc(nr ? nr : 1, sizeof(*is_short));
	run->prefer = calloc(nr ? nr : 1, sizeof(*run->prefer));
	n = -ENOMEM;
	if (is_short && run->prefer)
		n = profile_space_short(run->data_profile, devs, nr, 0,
					is_short);
	for (i = 0; n > 0 && i < nr; i++)
		if (is_short[i])
			run->prefer[run->nr_prefer++] = devs[i].devid;
	free(is_short);
	free(devs);
	if (n < 0)
		return n;
	run->plan.prefer = run->prefer;
	run->plan.nr_prefer = run->nr_prefer;
	return 0;
}

/* "devid 1, devid 3" */
static void format_devids(const uint64_t *ids, int nr, char *buf, size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < nr && used < len; i++)
		used += snprintf(buf + used, len - used, "%sdevid %llu",
				 i ? ", " : "", (unsigned long long)ids[i]);
}

void balance_order_print_start(struct balance_run *run)
{
	char devs[256];

	if (msg_verbosity < LOG_INFO || !run->nr_prefer)
		return;
	format_devids(run->prefer, run->nr_prefer, devs, sizeof(devs));
	balance_run_say(run, true, "Order: block groups with stripes on %s first, least used first among those: these devices are short of unallocated space, which leaves the others' unusable by new %s data chunks",
			devs, block_group_profile_name(run->data_profile));
}

void balance_order_say_taken(struct balance_run *run,
			     const struct balance_plan *plan,
			     const struct plan_bg *bg)
{
	const struct plan_bg *least = balance_plan_least_used(plan);

	if (msg_verbosity < LOG_INFO || !least || least->vaddr == bg->vaddr)
		return;
	balance_run_say(run, true, "Taking block group vaddr %llu used_pct %d before vaddr %llu used_pct %d: %d of its stripes are on devices short of usable unallocated space, %d of the other's",
			(unsigned long long)bg->vaddr, bg->used_pct,
			(unsigned long long)least->vaddr, least->used_pct,
			bg->short_stripes, least->short_stripes);
}

void balance_order_release(struct balance_run *run)
{
	free(run->prefer);
	run->prefer = NULL;
	run->nr_prefer = 0;
}
