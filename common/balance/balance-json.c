// SPDX-License-Identifier: MIT
#include <signal.h>
#include "common/balance/balance-json.h"
#include "common/btrfs/profiles.h"
#include "common/json-output.h"
#include "common/picture/picture-json.h"
#include "common/signals.h"

static void put_line(json_object *o)
{
	/* Whoever broke the pipe still learns how far the run got. */
	FILE *out = signal_received == SIGPIPE ? stderr : stdout;

	json_output_print(o, out, JSON_OUTPUT_LINE);
	fflush(out);
}

static json_object *event(const char *name)
{
	json_object *o = json_object_new_object();

	if (o)
		json_add_string(o, "event", name);
	return o;
}

void balance_json_step(const struct balance_run *run,
		       const struct block_group_info *bg, const char *result,
		       const char *reason, int secs, uint64_t before,
		       uint64_t after, const struct gain_estimate *est)
{
	json_object *o = event("step");

	if (!o)
		return;
	json_object_object_add(o, "step", json_object_new_int64(run->attempts));
	json_add_u64(o, "vaddr", bg->vaddr);
	json_add_block_group_kind(o, bg->flags);
	json_add_u64(o, "length", bg->length);
	json_add_u64(o, "used", bg->used);
	json_object_object_add(o, "used_pct",
			       json_object_new_int(block_group_used_pct(bg)));
	json_add_string(o, "result", result);
	if (reason)
		json_add_string(o, "reason", reason);
	json_object_object_add(o, "duration_sec", json_object_new_int(secs));
	json_add_u64(o, "unallocated_before", before);
	json_add_u64(o, "unallocated_after", after);
	json_object_object_add(o, "gain",
			       json_object_new_int64((int64_t)(after - before)));
	if (est)
		json_object_object_add(o, "predicted_gain",
				       json_object_new_int64(est->gain));
	put_line(o);
}

void balance_json_skip(const struct balance_run *run, uint64_t vaddr,
		       int used_pct, const char *reason)
{
	json_object *o = event("skip");

	(void)run;
	if (!o)
		return;
	json_add_u64(o, "vaddr", vaddr);
	if (used_pct >= 0)
		json_object_object_add(o, "used_pct",
				       json_object_new_int(used_pct));
	json_add_string(o, "reason", reason);
	put_line(o);
}

void balance_json_summary(const struct balance_run *run, uint64_t unallocated)
{
	json_object *o = event("summary");

	if (!o)
		return;
	json_object_object_add(o, "interrupted",
			       json_object_new_boolean(run->interrupted));
	json_object_object_add(o, "relocated",
			       json_object_new_int(run->relocated));
	json_object_object_add(o, "skipped", json_object_new_int(run->skipped));
	json_object_object_add(o, "failed", json_object_new_int(run->failed));
	if (run->canceled)
		json_add_u64(o, "cancelled_vaddr", run->canceled_vaddr);
	json_add_u64(o, "moved", run->moved);
	json_add_u64(o, "unallocated_before", run->unallocated_start);
	json_add_u64(o, "unallocated_after", unallocated);
	json_object_object_add(o, "gain", json_object_new_int64(
		(int64_t)(unallocated - run->unallocated_start)));
	json_object_object_add(o, "stopped_by_time",
			       json_object_new_boolean(run->stopped_by_time));
	if (run->have_frames && run->frames.nr) {
		json_object_object_add(o, "frames",
				       json_object_new_int(run->frames.nr));
		json_add_string(o, "frames_dir", run->frames.dir);
	}
	put_line(o);
}
