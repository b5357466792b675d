#!/usr/bin/env bats
# balance-least-used under pressure: Ctrl-C or SIGTERM in the middle of a
# relocation cancels the kernel's balance and leaves a clean filesystem and
# a valid film; another balance running or paused is refused before
# anything changes; a block group that cannot move is reported, skipped,
# and shows in the exit status.

load ../common
load balance

# frag_image NAME: a filesystem whose one big data block group holds tens
# of thousands of small extents, each shared with a snapshot: relocating
# it takes seconds, time enough to interrupt it.
frag_image() {
	local name=$1 img dev mnt
	img="$BATS_FILE_TMPDIR/$name.img"
	truncate -s 2G "$img"
	dev=$(fs_attach_image "$img")
	mkfs.btrfs -q -f "$dev" >/dev/null
	mnt="$BATS_FILE_TMPDIR/$name.make"
	mkdir -p "$mnt"
	fs_mount "$dev" "$mnt" -o "$BALANCE_MOUNT_OPTS"
	btrfs subvolume create "$mnt/sub" >/dev/null
	/usr/bin/python3 - "$mnt/sub/frag" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o644)
block = os.urandom(4096)
for i in range(50000):
    # a hole after each block: every block is an extent of its own
    os.pwrite(fd, block, i * 8192)
os.close(fd)
PY
	head -c 5M /dev/urandom > "$mnt/sub/plain"
	sync
	btrfs subvolume snapshot "$mnt/sub" "$mnt/snap" >/dev/null
	btrfs filesystem sync "$mnt"
	btrfs balance start -dusage=0 "$mnt" >/dev/null
	balance_image_done "$mnt" "$dev"
}

setup_file() {
	require_loop_root
	frag_image frag
}

teardown_file() {
	fs_teardown_all
}

# wait_relocating MNT [VADDR]: wait until the kernel runs a balance (of
# exactly VADDR when given).
wait_relocating() {
	local want="is running" i
	[ -n "${2:-}" ] && want="vrange=$2\.\.$(($2 + 1))\$"
	for ((i = 0; i < 1200; i++)); do
		btrfs balance status -v "$1" 2>/dev/null | grep -q "$want" &&
			return 0
		sleep 0.05
	done
	echo "no balance seen ($want)" >&2
	return 1
}

# interrupt SIGNAL STATUS: signal the run in the middle of relocating the
# big block group; it cancels, says so and exits with STATUS.
interrupt() {
	local sig=$1 want=$2 mnt film="$BATS_TEST_TMPDIR/film" big pid rc=0 nr
	mnt=$(balance_copy frag "$sig")
	big=$("$BALREF" fullest "$mnt")
	checksums "$mnt" > "$BATS_TEST_TMPDIR/sums.before"
	"$HEATMAP" balance-least-used --frames "$film" --size 6 "$mnt" \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" 3>&- &
	pid=$!
	wait_relocating "$mnt" "$big" || { kill -KILL $pid; return 1; }
	kill -s "$sig" $pid
	wait $pid || rc=$?
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/err"
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
	local mnt pid
	mnt=$(balance_copy frag other)
	btrfs balance start -dusage=100 "$mnt" > /dev/null 2>&1 3>&- &
	pid=$!
	wait_relocating "$mnt"

	run --separate-stderr "$HEATMAP" balance-least-used --frames "$BATS_TEST_TMPDIR/film" "$mnt"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "ERROR: a balance is running on $mnt: wait for it or stop it with 'btrfs balance cancel $mnt'" ]
	[ ! -e "$BATS_TEST_TMPDIR/film" ]

	btrfs balance pause "$mnt"
	wait $pid || true
	run --separate-stderr "$BALANCE_LINK" "$mnt"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "ERROR: a paused balance is on $mnt: resume it ('btrfs balance resume $mnt') or cancel it ('btrfs balance cancel $mnt') first" ]

	btrfs balance cancel "$mnt"
	no_balance_running "$mnt"
	balance_release "$mnt"
}

@test "no space to move a block group: one line, skipped, exit 2, clean" {
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
	local mnt big pid rc=0
	mnt=$(balance_copy frag paused)
	big=$("$BALREF" fullest "$mnt")
	"$HEATMAP" balance-least-used "$mnt" > "$BATS_TEST_TMPDIR/out" \
		2> "$BATS_TEST_TMPDIR/err" 3>&- &
	pid=$!
	wait_relocating "$mnt" "$big" || { kill -KILL $pid; return 1; }
	btrfs balance pause "$mnt"
	wait $pid || rc=$?
	cat "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/err"
	[ "$rc" -eq 1 ]
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "ERROR: stopped: the balance was paused from outside; cancelled it, so that no later mount resumes it" ]
	tail -1 "$BATS_TEST_TMPDIR/out" | grep -q "^Summary: relocated "
	no_balance_running "$mnt"
	balance_release "$mnt"
}
