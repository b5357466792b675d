#!/usr/bin/env bats
# balance-least-used under pressure: Ctrl-C or SIGTERM in the middle of a
# relocation cancels the kernel's balance and leaves a clean filesystem and
# a valid film; another balance running or paused is refused before
# anything changes; a block group that cannot move is reported, skipped,
# and shows in the exit status.

load ../common
load balance

# frag_image NAME: a filesystem whose one big data block group holds a
# hundred thousand extents of 4 KiB, each shared with a snapshot:
# relocating it takes seconds (7 on a loaded 2-core machine), a hundred
# times what the tests need between seeing it start and acting on it.
# The 4 GiB filesystem has data block groups of 416 MiB, room for all.
frag_image() {
	local name=$1 img dev mnt
	img="$BATS_FILE_TMPDIR/$name.img"
	truncate -s 4G "$img"
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
# every other block, written back, then the ones between: every block is
# an extent of its own, and no hole makes the file longer to checksum
for first in (0, 1):
    for i in range(first, 100000, 2):
        os.pwrite(fd, block, i * 4096)
    os.fsync(fd)
os.close(fd)
PY
	head -c 5M /dev/urandom > "$mnt/sub/plain"
	sync
	btrfs subvolume snapshot "$mnt/sub" "$mnt/snap" >/dev/null
	btrfs filesystem sync "$mnt"
	btrfs balance start -dusage=0 "$mnt" >/dev/null
	# what the tests rely on: nearly all of the file's 390 MiB in one
	# block group, not spread over several smaller ones
	"$BALREF" state "$mnt" | awk '$2 == 1 && $4 >= 360 * 2^20 { ok = 1 }
		END { if (!ok) { print "frag_image: no data block group holds 360 MiB" > "/dev/stderr"; exit 1 } }'
	balance_image_done "$mnt" "$dev"
}

setup_file() {
	require_loop_root
	frag_image frag
}

teardown_file() {
	fs_teardown_all
}

teardown() {
	# a run or a balance left in the background by a failing test: a
	# fatal signal cancels the kernel's balance too
	if [ -n "${BG_PID:-}" ] && kill -KILL "$BG_PID" 2>/dev/null; then
		wait "$BG_PID" 2>/dev/null || true
	fi
}

# wait_relocating MNT [VADDR]: wait until the kernel runs a balance (of
# exactly VADDR when given), 30 seconds at most.
wait_relocating() {
	local want="is running" deadline=$((SECONDS + 30))
	[ -n "${2:-}" ] && want="vrange=$2\.\.$(($2 + 1))\$"
	while ((SECONDS < deadline)); do
		btrfs balance status -v "$1" 2>/dev/null | grep -q "$want" &&
			return 0
		sleep 0.05
	done
	echo "no balance seen in 30 seconds ($want):" >&2
	btrfs balance status -v "$1" >&2
	return 1
}

# pause_balance MNT VADDR: pause the kernel's balance of VADDR, which must
# still be running; if it is not, say why the test cannot go on.
pause_balance() {
	btrfs balance pause "$1" && return 0
	btrfs balance status -v "$1" 2>/dev/null | grep -q "vrange=$2\.\.$(($2 + 1))\$" ||
		echo "the relocation of $2 ended before it could be paused: frag_image is too quick here" >&2
	return 1
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
