#!/usr/bin/env bats
# balance-least-used beside the kernel's own block group reclaim: while
# the reclaim holds the exclusive operation, a relocation waits for it
# with a line and a status line and then goes on, at most --max-time; a
# balance a person paused is still refused at once.  The reclaim is
# played by tests/fs/balance-shim.c on a real filesystem: it answers the
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
