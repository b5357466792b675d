#!/usr/bin/env bats
# balance-least-used beside the kernel's own block group reclaim: while
# the reclaim holds the exclusive operation, a run waits for it with a
# line and a status line and then goes on, at most --max-time; an
# operation a person started, a balance a person paused, are not waited
# for.  The last test has the kernel reclaim a block group for real; the
# others play the reclaim, at a given moment and for as long as they
# need, with tests/fs/balance-shim.c on a real filesystem: it answers the
# balance ioctl as btrfs_ioctl_balance() does while another exclusive
# operation runs, and exclusive_operation in sysfs as the reclaim worker
# leaves it; everything else is the kernel's.

load ../common
load balance

setup_file() {
	require_loop_root
	balance_image base 2G
	frag_image frag
	balance_shim
}

teardown_file() {
	fs_teardown_all
}

teardown() {
	balance_kill_bg
}

@test "the kernel's reclaim holds the filesystem at a relocation: a line, then the run goes on" {
	local mnt
	mnt=$(balance_copy base wait)
	run --separate-stderr env LD_PRELOAD="$SHIM" HEATMAP_SHIM=exclop-busy HEATMAP_SHIM_READS=3 \
		"$HEATMAP" balance-least-used --limit 2 "$mnt"
	echo "$output" "$stderr"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# the reference's first lines, then the wait, inside the first step
	[[ "${lines[0]}" == "Loading block group objects with used_pct <= 100 ... found "* ]]
	[[ "${lines[1]}" =~ ^Balance\ block\ group\ vaddr\ ([0-9]+)\ used_pct\ [0-9]+\ \.\.\.$ ]]
	local head=${lines[1]}
	[ "${lines[2]}" = "Waiting for the kernel's block group reclaim to finish" ]
	[[ "${lines[3]}" =~ ^Waited\ [0-9hms]+\ for\ the\ kernel\'s\ block\ group\ reclaim$ ]]
	[[ "${lines[4]}" =~ ^"$head"\ duration\ [0-9]+\ sec\ total\ [0-9]+$ ]]
	grep -q "^Summary: relocated 2, skipped 0, failed 0 block groups; " <<< "$output"
	balance_release "$mnt"
}

@test "a reclaim that does not end: a status line while waiting, then --max-time stops the run" {
	local mnt out rc=0
	mnt=$(balance_copy base forever)
	"$BALREF" state "$mnt" > "$BATS_TEST_TMPDIR/before"
	# a terminal, wide enough for the whole status line
	out=$(script -qefc "stty cols 200; env LD_PRELOAD='$SHIM' HEATMAP_SHIM=exclop-busy HEATMAP_SHIM_READS=-1 '$HEATMAP' balance-least-used --max-time 2s '$mnt'" /dev/null) || rc=$?
	out=${out//$'\r'/}
	echo "$out" | cat -A
	[ "$rc" -eq 1 ]
	grep -q "^Waiting for the kernel's block group reclaim to finish$" <<< "$out"
	grep -q $'\e\[K0/[0-9]* block groups, 0.00B/.* relocated, 0:0[0-9] elapsed, .*, waiting for the kernel\'s block group reclaim ([0-9hms]*)' <<< "$out"
	# the status line is gone before the error and every later line
	grep -q $'\e\[KERROR: stopped: the kernel\'s block group reclaim still holds '"$mnt"' after [0-9hms]*, and --max-time 2s is spent$' <<< "$out"
	grep -q "^Balance block group vaddr [0-9]* used_pct [0-9]* \.\.\. duration [0-9]* sec not relocated: the wait ended first$" <<< "$out"
	grep -q "^Summary: relocated 0, skipped 0, failed 0 block groups; moved 0.00B; " <<< "$out"
	run ! grep -q "^Waited" <<< "$out"
	# nothing moved
	"$BALREF" state "$mnt" | diff -u "$BATS_TEST_TMPDIR/before" -
	balance_release "$mnt"
}

@test "an operation a person started holds the filesystem at a relocation: not waited for, the run stops" {
	local mnt
	mnt=$(balance_copy base person)
	"$BALREF" state "$mnt" > "$BATS_TEST_TMPDIR/before"
	run -1 --separate-stderr env LD_PRELOAD="$SHIM" HEATMAP_SHIM=exclop-busy \
		HEATMAP_SHIM_READS=-1 HEATMAP_SHIM_OP="device remove" \
		"$HEATMAP" balance-least-used --max-time 10m "$mnt"
	echo "$output" "$stderr"
	[[ "$output" != *Waiting* ]]
	[[ "${lines[1]}" =~ ^Balance\ block\ group\ vaddr\ [0-9]+\ used_pct\ [0-9]+\ \.\.\.$ ]]
	[[ "${lines[2]}" =~ ^Balance\ block\ group\ vaddr\ [0-9]+\ used_pct\ [0-9]+\ \.\.\.\ duration\ [0-9]+\ sec\ failed:\ another\ exclusive\ operation\ holds\ the\ filesystem ]]
	[ "$stderr" = "ERROR: stopped: another operation holds $mnt (device remove): try again when it is done" ]
	grep -q "^Summary: relocated 0, skipped 0, failed 1 block groups; moved 0.00B; " <<< "$output"
	"$BALREF" state "$mnt" | diff -u "$BATS_TEST_TMPDIR/before" -
	balance_release "$mnt"
}

@test "a balance a person paused is still refused at once, not waited for" {
	local mnt big
	mnt=$(balance_copy frag paused)
	big=$("$BALREF" fullest "$mnt")
	btrfs balance start -dvrange=$big..$((big + 1)) "$mnt" >/dev/null 2>&1 3>&- &
	BG_PID=$!
	wait_relocating "$mnt" "$big"
	pause_balance "$mnt" "$big"
	wait "$BG_PID" || true
	BG_PID=
	btrfs balance status "$mnt" | grep -q "^Balance on '$mnt' is paused$"
	# the sysfs file says so, too: the wait would tell it from the reclaim
	grep -qx "balance paused" "/sys/fs/btrfs/$(findmnt -n -o UUID --target "$mnt")/exclusive_operation"
	run -1 --separate-stderr env LD_PRELOAD="$SHIM" HEATMAP_SHIM=exclop-busy \
		"$HEATMAP" balance-least-used --max-time 10m "$mnt"
	[ "$stderr" = "ERROR: a paused balance is on $mnt: resume it ('btrfs balance resume $mnt') or cancel it ('btrfs balance cancel $mnt') first" ]
	[ -z "$output" ]
	btrfs balance status "$mnt" | grep -q "^Balance on '$mnt' is paused$"
	btrfs balance cancel "$mnt"
	balance_release "$mnt"
}

@test "the kernel's own reclaim, for real: waited for, then the run goes on" {
	local mnt sysfs deadline big pct
	mnt=$(balance_copy frag reclaim)
	sysfs=/sys/fs/btrfs/$(findmnt -n -o UUID --target "$mnt")
	[ -e "$sysfs/allocation/data/bg_reclaim_threshold" ] ||
		skip_or_fail "this kernel reclaims no block groups on its own"
	# the kernel marks a block group for reclaim when a free takes its
	# usage below the threshold from at or above it: set the threshold
	# to the big block group's usage, then free a fifth of the file in
	# it (from both subvolumes); the reclaim then relocates its eighty
	# thousand extents for seconds
	big=$("$BALREF" fullest "$mnt")
	pct=$("$BALREF" state "$mnt" | awk -v v="$big" '$1 == v { print int(100 * $4 / $3) }')
	echo "$pct" > "$sysfs/allocation/data/bg_reclaim_threshold"
	truncate -s 300M "$mnt/sub/frag" "$mnt/snap/frag"
	btrfs filesystem sync "$mnt"
	btrfs filesystem sync "$mnt"
	deadline=$((SECONDS + 30))
	until grep -qx balance "$sysfs/exclusive_operation"; do
		((SECONDS < deadline)) || { echo "the kernel's reclaim did not start in 30 seconds" >&2; return 1; }
		sleep 0.05
	done
	echo 0 > "$sysfs/allocation/data/bg_reclaim_threshold"
	# the reclaim is no balance of anyone's
	no_balance_running "$mnt"
	run --separate-stderr "$HEATMAP" balance-least-used --limit 1 "$mnt"
	echo "$output" "$stderr"
	[ "$status" -eq 0 ]
	# the wait comes before anything else, then the reference's lines
	[ "${lines[0]}" = "Waiting for the kernel's block group reclaim to finish" ]
	[[ "${lines[1]}" =~ ^Waited\ [0-9hms]+\ for\ the\ kernel\'s\ block\ group\ reclaim$ ]]
	[[ "${lines[2]}" == "Loading block group objects with used_pct <= 100 ... found "* ]]
	grep -q "^Summary: relocated 1, skipped 0, failed 0 block groups; " <<< "$output"
	# the kernel's reclaim moved the big block group meanwhile
	run ! "$BALREF" has "$mnt" "$big"
	balance_release "$mnt"
}
