#!/usr/bin/env bats
# balance-least-used under signals, races and refusals: SIGHUP and a broken
# pipe cancel the kernel's balance and say how far the run got, an ignored
# SIGINT stays ignored, another balance that wins the race after the idle
# check is refused in one line, a read-only filesystem up front, a frames
# directory that cannot be made is reported as what it is.

load ../common
load balance

setup_file() {
	require_loop_root
	balance_image base 2G
	balance_shim
}

teardown_file() {
	fs_teardown_all
}

teardown() {
	balance_kill_bg
}

@test "a broken pipe: the balance is cancelled, the summary goes to stderr, exit 141" {
	local mnt rc
	mnt=$(balance_copy base pipe)
	# the loading line and the first Balance line, then head is gone
	env --default-signal "$HEATMAP" balance-least-used "$mnt" \
		2> "$BATS_TEST_TMPDIR/err" | head -n 2 > "$BATS_TEST_TMPDIR/out"
	rc=${PIPESTATUS[0]}
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/err"
	[ "$rc" -eq 141 ]
	[ "$(wc -l < "$BATS_TEST_TMPDIR/out")" -eq 2 ]
	grep -q "^Exiting\.\.\.$" "$BATS_TEST_TMPDIR/err"
	tail -1 "$BATS_TEST_TMPDIR/err" | grep -q "^Interrupted: relocated [0-9]*, skipped [0-9]*, failed 0 block groups.*; moved "
	[ "$(grep -c "^ERROR" "$BATS_TEST_TMPDIR/err")" -eq 0 ]
	no_balance_running "$mnt"
	balance_release "$mnt"
}

@test "an inherited ignored SIGINT stays ignored; SIGHUP cancels, exit 129" {
	local mnt rc=0 film="$BATS_TEST_TMPDIR/film"
	mnt=$(balance_copy base hup)
	# started as a background job of a script: SIGINT ignored.  SIGHUP
	# at its default, whoever started the tests (under nohup it comes
	# ignored, and an ignored signal stays ignored).  The relocations
	# after the first wait in the shim, so that the run is still going
	# when the signals come (small block groups relocate in milliseconds).
	env --default-signal=HUP LD_PRELOAD="$SHIM" HEATMAP_SHIM=slow-after \
		"$HEATMAP" balance-least-used --frames "$film" --size 6 "$mnt" \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" 3>&- &
	BG_PID=$!
	# once it has relocated something, SIGINT, then SIGHUP: the first
	# signal caught decides the exit status
	for ((i = 0; i < 600; i++)); do
		grep -q " total " "$BATS_TEST_TMPDIR/out" && break
		sleep 0.05
	done
	kill -s INT "$BG_PID"
	kill -s HUP "$BG_PID"
	wait "$BG_PID" || rc=$?
	BG_PID=
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/err"
	[ "$rc" -eq 129 ]
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
	grep -q "^Exiting\.\.\.$" "$BATS_TEST_TMPDIR/out"
	tail -1 "$BATS_TEST_TMPDIR/out" | grep -q "^Interrupted: relocated "
	[ -z "$(find "$film" -name '.*')" ]
	no_balance_running "$mnt"
	balance_release "$mnt"
}

@test "a signal just after a relocation finished: its frame is drawn all the same" {
	local mnt film="$BATS_TEST_TMPDIR/film"
	mnt=$(balance_copy base late)
	run env --default-signal LD_PRELOAD="$SHIM" HEATMAP_SHIM=sigint-after \
		"$HEATMAP" balance-least-used --frames "$film" --size 6 "$mnt"
	echo "$output"
	[ "$status" -eq 130 ]
	[ "$(grep -c " total " <<< "$output")" -eq 1 ]
	[[ "${lines[-1]}" == "Interrupted: relocated 1, skipped 0, failed 0 block groups; "* ]]
	# the frame before and the frame after the one relocation
	[ "$(valid_frames "$film")" -eq 2 ]
	[ "$(grep -c '"frame-[0-9]*\.png", "' "$film/index.html")" -eq 2 ]
	balance_release "$mnt"
}

@test "another balance won the race after the idle check: the idle check's one line" {
	local mnt
	mnt=$(balance_copy base race)
	run --separate-stderr env LD_PRELOAD="$SHIM" HEATMAP_SHIM=einprogress \
		"$HEATMAP" balance-least-used "$mnt"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: a balance is running on $mnt: wait for it or stop it with 'btrfs balance cancel $mnt'" ]
	[[ "$output" == "Loading block group objects with used_pct <= 100 ... found "* ]]
	[ "${#lines[@]}" -eq 1 ]
	balance_release "$mnt"
}

@test "a read-only filesystem: refused before anything, one ERROR line" {
	local mnt
	mnt=$(balance_copy base ro)
	mount -o remount,ro "$mnt"
	run --separate-stderr "$HEATMAP" balance-least-used --frames "$BATS_TEST_TMPDIR/film" "$mnt"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "ERROR: $mnt is mounted read-only: no block group can be relocated" ]
	[ ! -e "$BATS_TEST_TMPDIR/film" ]
	# a dry run changes nothing: it may look
	run "$HEATMAP" balance-least-used --dry-run "$mnt"
	[ "$status" -eq 0 ]
	[[ "${lines[-1]}" == "Dry run: would relocate "* ]]
	mount -o remount,rw "$mnt"
	balance_release "$mnt"
}

@test "a frames directory that cannot be made: its own error, not the filesystem's" {
	local mnt long tmpfs="$BATS_TEST_TMPDIR/tiny"
	mnt=$(balance_copy base frames)
	long=$(printf 'x%.0s' $(seq 1 300))
	run --separate-stderr "$HEATMAP" balance-least-used --frames "$BATS_TEST_TMPDIR/$long" "$mnt"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "ERROR: cannot make frames in $BATS_TEST_TMPDIR/$long: File name too long" ]
	# an immutable parent
	mkdir "$BATS_TEST_TMPDIR/locked"
	if chattr +i "$BATS_TEST_TMPDIR/locked" 2>/dev/null; then
		run --separate-stderr "$HEATMAP" balance-least-used --frames "$BATS_TEST_TMPDIR/locked/film" "$mnt"
		chattr -i "$BATS_TEST_TMPDIR/locked"
		[ "$status" -eq 1 ]
		[ "$stderr" = "ERROR: cannot make frames in $BATS_TEST_TMPDIR/locked/film: Operation not permitted" ]
	fi
	# the first frame cannot be written: no empty directory stays behind
	mkdir "$tmpfs"
	fs_mount tmpfs "$tmpfs" -t tmpfs -o size=64k
	head -c 64k /dev/zero > "$tmpfs/filler" 2>/dev/null || true
	run --separate-stderr "$HEATMAP" balance-least-used --frames "$tmpfs/film" "$mnt"
	[ "$status" -eq 1 ]
	[[ "$stderr" == "ERROR: cannot write picture $tmpfs/film/frame-000000.png: No space left on device" ]]
	[ ! -e "$tmpfs/film" ]
	# and nothing was relocated
	[ "$(grep -c "^Balance" <<< "$output")" -eq 0 ]
	balance_release "$mnt"
}
