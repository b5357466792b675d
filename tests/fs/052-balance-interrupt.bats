#!/usr/bin/env bats
# balance-least-used under pressure: Ctrl-C or SIGTERM in the middle of a
# relocation cancels the kernel's balance and leaves a clean filesystem and
# a valid film; another balance running or paused is refused before
# anything changes; a block group that cannot move is reported, skipped,
# and shows in the exit status.

load ../common
load balance

setup_file() {
	require_loop_root
	frag_image frag
}

teardown_file() {
	fs_teardown_all
}

teardown() {
	balance_kill_bg
}

# interrupt SIGNAL STATUS: signal the run in the middle of relocating the
# big block group; it cancels, says so and exits with STATUS.
interrupt() {
	local sig=$1 want=$2 mnt film="$BATS_TEST_TMPDIR/film" big rc=0 nr
	mnt=$(balance_copy frag "$sig")
	big=$("$BALREF" fullest "$mnt")
	checksums "$mnt" > "$BATS_TEST_TMPDIR/sums.before"
	# a background job of a script starts with SIGINT ignored, and keeps
	# it so: start it as an interactive shell would
	env --default-signal "$HEATMAP" balance-least-used --frames "$film" --size 6 "$mnt" \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" 3>&- &
	BG_PID=$!
	wait_relocating "$mnt" "$big"
	kill -s "$sig" "$BG_PID"
	wait "$BG_PID" || rc=$?
	BG_PID=
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/err"
	if grep -q "^Balance block group vaddr $big used_pct [0-9]* \.\.\. duration [0-9]* sec total " "$BATS_TEST_TMPDIR/out"; then
		echo "the relocation of $big ran to its end: it ended before SIG$sig came, or SIG$sig did not stop it" >&2
		return 1
	fi
	[ "$rc" -eq "$want" ]
	[ ! -s "$BATS_TEST_TMPDIR/err" ]

	# the kernel stopped: nothing relocates after the program ended
	no_balance_running "$mnt"
	grep -q "^Balance block group vaddr $big used_pct [0-9]* \.\.\. duration [0-9]* sec$" "$BATS_TEST_TMPDIR/out"
	grep -q "^Exiting\.\.\.$" "$BATS_TEST_TMPDIR/out"
	tail -1 "$BATS_TEST_TMPDIR/out" | grep -q "^Interrupted: relocated [0-9]*, skipped [0-9]*, failed 0 block groups, cancelled 1 (vaddr $big stays where it was); moved .*; unallocated "
	"$BALREF" has "$mnt" "$big"

	# every frame written is whole, and the page shows just those
	nr=$(valid_frames "$film")
	[ "$nr" -ge 1 ]
	[ "$(grep -c '"frame-[0-9]*\.png", "' "$film/index.html")" -eq "$nr" ]
	[ -z "$(find "$film" -name '.*')" ]

	checksums "$mnt" > "$BATS_TEST_TMPDIR/sums.after"
	diff -u "$BATS_TEST_TMPDIR/sums.before" "$BATS_TEST_TMPDIR/sums.after"
	balance_release "$mnt"
}

@test "SIGINT while relocating: the kernel's balance is cancelled, exit 130" {
	interrupt INT 130
}

@test "SIGTERM while relocating: the kernel's balance is cancelled, exit 143" {
	interrupt TERM 143
}

@test "another balance running or paused: one ERROR line, nothing changed, exit 1" {
	local mnt big
	mnt=$(balance_copy frag other)
	big=$("$BALREF" fullest "$mnt")
	# a balance of the big block group alone: it runs for seconds
	btrfs balance start -dvrange="$big..$((big + 1))" "$mnt" > /dev/null 2>&1 3>&- &
	BG_PID=$!
	wait_relocating "$mnt" "$big"

	run --separate-stderr "$HEATMAP" balance-least-used --frames "$BATS_TEST_TMPDIR/film" "$mnt"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "ERROR: a balance is running on $mnt: wait for it or stop it with 'btrfs balance cancel $mnt'" ]
	[ ! -e "$BATS_TEST_TMPDIR/film" ]

	pause_balance "$mnt" "$big"
	wait "$BG_PID" || true
	BG_PID=
	btrfs balance status "$mnt" | grep -q "^Balance on '$mnt' is paused$"
	run --separate-stderr "$BALANCE_LINK" "$mnt"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "ERROR: a paused balance is on $mnt: resume it ('btrfs balance resume $mnt') or cancel it ('btrfs balance cancel $mnt') first" ]

	btrfs balance cancel "$mnt"
	no_balance_running "$mnt"
	balance_release "$mnt"
}

@test "no space to move a block group: one line, failed, exit 2, clean" {
	local mnt i
	mnt=$(fs_make full 1G)
	for ((i = 1; i < 200; i++)); do
		dd if=/dev/zero of="$mnt/f$i" bs=1M count=10 status=none 2>/dev/null || break
	done
	sync
	rm "$mnt/f3"
	btrfs filesystem sync "$mnt"
	run --separate-stderr "$HEATMAP" balance-least-used -u 95 "$mnt"
	echo "$output"
	[ "$status" -eq 2 ]
	[ -z "$stderr" ]
	grep -q "^Balance block group vaddr [0-9]* used_pct 9[0-9] \.\.\. duration [0-9]* sec failed: no space left to move its data to (ENOSPC)$" <<< "$output"
	[[ "${lines[-1]}" == "Summary: relocated "*", failed 1 block groups; "* ]]
	no_balance_running "$mnt"
	balance_release "$mnt"
}

@test "our balance paused from outside: the run stops and leaves no paused balance" {
	local mnt big rc=0
	mnt=$(balance_copy frag paused)
	big=$("$BALREF" fullest "$mnt")
	"$HEATMAP" balance-least-used "$mnt" > "$BATS_TEST_TMPDIR/out" \
		2> "$BATS_TEST_TMPDIR/err" 3>&- &
	BG_PID=$!
	wait_relocating "$mnt" "$big"
	pause_balance "$mnt" "$big"
	wait "$BG_PID" || rc=$?
	BG_PID=
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/err"
	[ "$rc" -eq 1 ]
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "ERROR: stopped: the balance was paused from outside; cancelled it, so that no later mount resumes it" ]
	tail -1 "$BATS_TEST_TMPDIR/out" | grep -q "^Summary: relocated "
	no_balance_running "$mnt"
	balance_release "$mnt"
}
