#!/usr/bin/env bats
# balance-least-used --format json: JSON Lines, one object per step as it
# happens and the summary, their numbers those of btrfs itself.

load ../common
load balance

setup_file() {
	require_loop_root
	balance_image base 2G
}

teardown_file() {
	fs_teardown_all
}

@test "balance-least-used --format json: an object per step and the summary, as JSON Lines" {
	local mnt unalloc
	mnt=$(balance_copy base json)
	run --separate-stderr "$HEATMAP" balance-least-used --format json -u 50 --limit 3 "$mnt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	unalloc=$(btrfs filesystem usage -b "$mnt" | awk '/Device unallocated:/ { print $3 }')
	balance_release "$mnt"
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/out.jsonl"
	# every line is one JSON object; no text line among them
	[ "${#lines[@]}" -eq 4 ]
	/usr/bin/python3 - "$BATS_TEST_TMPDIR/out.jsonl" "$unalloc" <<'PY'
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
steps = [o for o in objs if o["event"] == "step"]
summary = objs[-1]
assert summary["event"] == "summary", summary
assert len(steps) == 3 and all(s["result"] == "relocated" for s in steps), steps
assert [s["step"] for s in steps] == [1, 2, 3], steps
for s in steps:
    assert s["type"] == "Data" and s["profile"] == "single", s
    assert s["used_pct"] <= 50 and s["used"] <= s["length"], s
    assert s["gain"] == s["unallocated_after"] - s["unallocated_before"], s
# least used first, as the text lines go
assert [s["used"] * 100 // s["length"] for s in steps] == sorted(s["used"] * 100 // s["length"] for s in steps)
assert summary["relocated"] == 3 and summary["failed"] == 0, summary
assert summary["moved"] == sum(s["used"] for s in steps), summary
assert summary["unallocated_after"] == int(sys.argv[2]), (summary, sys.argv[2])
assert summary["unallocated_after"] == steps[-1]["unallocated_after"], summary
assert summary["interrupted"] is False, summary
PY
}

@test "balance-least-used --format json: nothing to do is a summary too; --dry-run refused" {
	local mnt
	mnt=$(balance_copy base json0)
	run --separate-stderr "$HEATMAP" --format json balance-least-used -u 0 "$mnt"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	printf '%s\n' "$output" | /usr/bin/python3 -c 'import json, sys; o = json.load(sys.stdin); assert o["event"] == "summary" and o["relocated"] == 0, o'
	run -1 --separate-stderr "$HEATMAP" balance-least-used --format json --dry-run "$mnt"
	[[ "$stderr" == "ERROR: --format json describes what a run did: not with --dry-run"* ]]
	balance_release "$mnt"
}
