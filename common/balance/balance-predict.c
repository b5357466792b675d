// SPDX-License-Identifier: MIT
/*
 * What balance-least-used knows beyond the reference: the gain of each
 * step, the unallocated space the data profile can use, the kernel's own
 * reclaim settings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "common/balance/balance-predict.h"
#include "common/messages.h"
#include "common/btrfs/profile-space.h"
#include "common/btrfs/profiles.h"
#include "common/btrfs/reclaim-sysfs.h"
#include "common/units.h"

int balance_predict_init(struct balance_run *run)
{
	const struct balance_options *opts = run->opts;
	uint64_t raw;
	int err;

	err = profile_space_data_profile(run->fs.fd, &run->data_profile);
	if (err)
		return err;
	run->usable_start = balance_predict_usable(run, &raw);
	run->predict = opts->only_gain || opts->dry_run || msg_verbosity >= 1;
	return 0;
}

uint64_t balance_predict_usable(struct balance_run *run, uint64_t *raw)
{
	struct dev_unallocated *devs;
	uint64_t usable;
	int nr, i;

	*raw = 0;
	nr = profile_space_devices(run->fs.fd, &devs);
	if (nr < 0)
		return 0;
	for (i = 0; i < nr; i++)
		*raw += devs[i].bytes;
	usable = profile_space_usable(run->data_profile, devs, nr, 0);
	free(devs);
	return usable;
}

static void print_reclaim(struct balance_run *run)
{
	static const char * const types[] = { "data", "metadata" };
	struct reclaim_settings rs;
	char dir[96], buf[256];
	int t, nr = 0;

	snprintf(dir, sizeof(dir), "/sys/fs/btrfs/%s", run->fs.fsid);
	for (t = 0; t < 2; t++) {
		if (!reclaim_sysfs_read(dir, types[t], &rs))
			continue;
		reclaim_sysfs_format(&rs, buf, sizeof(buf));
		balance_run_say(run, true, "Kernel reclaim of %s block groups: %s",
				types[t], buf);
		nr++;
	}
	if (!nr)
		balance_run_say(run, true, "Kernel reclaim: no settings in %s/allocation: this kernel reclaims no block groups on its own",
				dir);
}

void balance_predict_print_start(struct balance_run *run)
{
	struct dev_unallocated *devs;
	char line[512], s[32];
	size_t used;
	uint64_t raw;
	int nr, i;

	if (msg_verbosity < 1)
		return;
	print_reclaim(run);
	nr = profile_space_devices(run->fs.fd, &devs);
	if (nr < 0)
		return;
	pretty_size(run->usable_start, s, sizeof(s));
	used = snprintf(line, sizeof(line), "Unallocated usable by %s data: %s; by device:",
			block_group_profile_name(run->data_profile), s);
	for (i = 0, raw = 0; i < nr && used < sizeof(line); i++) {
		pretty_size(devs[i].bytes, s, sizeof(s));
		raw += devs[i].bytes;
		used += snprintf(line + used, sizeof(line) - used, "%s devid %llu %s",
				 i ? "," : "", (unsigned long long)devs[i].devid, s);
	}
	free(devs);
	balance_run_say(run, true, "%s", line);
	if (raw > run->usable_start) {
		pretty_size(raw - run->usable_start, s, sizeof(s));
		balance_run_say(run, true, "Not usable by new %s data chunks: %s (no other device with room to pair it with)",
				block_group_profile_name(run->data_profile), s);
	}
}

int balance_predict_step(struct balance_run *run, uint64_t vaddr,
			 struct gain_estimate *est)
{
	struct gain_pool pool;
	int err;

	/* The kernel keeps the size classes it gave: carry them over. */
	err = gain_pool_load(&run->fs, run->have_pool ? &run->pool : NULL,
			     &pool);
	if (err)
		return err;
	err = gain_estimate(&pool, &run->fs, vaddr, false, est);
	balance_predict_release(run);
	run->pool = pool;
	run->have_pool = true;
	return err;
}

void balance_predict_release(struct balance_run *run)
{
	if (run->have_pool)
		gain_pool_release(&run->pool);
	run->have_pool = false;
}

void balance_predict_print_summary(struct balance_run *run)
{
	char before[32], after[32], raw_s[32];
	uint64_t usable, raw;

	usable = balance_predict_usable(run, &raw);
	if (!run->opts->target && usable == raw &&
	    run->usable_start == run->unallocated_start)
		return;
	pretty_size(run->usable_start, before, sizeof(before));
	pretty_size(usable, after, sizeof(after));
	pretty_size(raw, raw_s, sizeof(raw_s));
	balance_run_say(run, true, "Usable by %s data: unallocated %s -> %s (of %s unallocated in all)",
			block_group_profile_name(run->data_profile), before, after,
			raw_s);
}
