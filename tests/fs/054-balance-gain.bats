#!/usr/bin/env bats
# balance-least-used beyond the reference: the predicted gain of each
# step and --only-gain, targets in space the data profile can use,
# --devid/--exclude-devid, --pause and --max-time, the kernel's reclaim
# settings, and the film page in a real browser.

load ../common
load balance

setup_file() {
	require_loop_root
	balance_image base 2G
	churned_image churned
}

teardown_file() {
	fs_teardown_all
}

# churned_image NAME: block groups of large extents (24 MiB) among ones
# whose free space is only 1 MiB holes, and some of small extents: the
# small ones fit elsewhere, the large ones find no room, so that about
# half the steps of -u 90 cannot gain.
churned_image() {
	local name=$1 img dev mnt i j blob
	img="$BATS_FILE_TMPDIR/$name.img"
	truncate -s 3G "$img"
	dev=$(fs_attach_image "$img")
	mkfs.btrfs -q -f -d single -m dup "$dev" >/dev/null
	mnt="$BATS_FILE_TMPDIR/$name.make"
	mkdir -p "$mnt"
	fs_mount "$dev" "$mnt" -o "$BALANCE_MOUNT_OPTS"
	blob="$BATS_FILE_TMPDIR/blob"
	head -c 24M /dev/urandom > "$blob"
	mkdir "$mnt/b" "$mnt/c"
	# direct writes: one extent each, laid out in the order written
	for i in $(seq 1 18); do
		dd if="$blob" of="$mnt/b/big$i" bs=24M count=1 iflag=fullblock oflag=direct status=none
		for j in $(seq 1 24); do
			dd if="$blob" of="$mnt/b/small$i.$j" bs=1M count=1 oflag=direct status=none
		done
	done
	for i in $(seq 1 600); do
		dd if="$blob" of="$mnt/c/s$i" bs=1M count=1 oflag=direct status=none
	done
	sync
	for i in $(seq 1 18); do
		for j in $(seq 1 2 24); do rm "$mnt/b/small$i.$j"; done
	done
	for i in $(seq 1 600); do [ $((i % 4)) -eq 0 ] || rm "$mnt/c/s$i"; done
	btrfs filesystem sync "$mnt"
	btrfs balance start -dusage=0 "$mnt" >/dev/null
	balance_image_done "$mnt" "$dev"
}

# to_bytes SIZE: pretty_size text ("+320.00MiB") to bytes, rounded.
to_bytes() {
	awk -v s="$1" 'BEGIN {
		sign = 1; if (substr(s, 1, 1) == "-") sign = -1
		gsub(/^[-+]/, "", s)
		n = s + 0; u = s; gsub(/[0-9.]/, "", u)
		m["B"] = 1; m["KiB"] = 2^10; m["MiB"] = 2^20; m["GiB"] = 2^30; m["TiB"] = 2^40
		printf "%.0f\n", sign * n * m[u] }'
}

@test "dry run: a predicted gain and its reason for every step" {
	local mnt nr
	mnt=$(balance_copy churned dry)
	run --separate-stderr "$HEATMAP" balance-least-used --dry-run -u 90 "$mnt"
	[ "$status" -eq 0 ]
	nr=$(grep -c "^Would balance block group" <<< "$output")
	[ "$nr" -ge 4 ]
	[ "$(grep -c "^Predicted gain " <<< "$output")" -eq "$nr" ]
	# some fit, some do not
	grep -q "^Predicted gain +[0-9.]*MiB: its [0-9]* extents (.*) fit into free space of [0-9]* other DATA block groups$" <<< "$output"
	grep -q "^Predicted gain +0.00B: .* find no room in [0-9]* other DATA block groups (largest free extent .*): a new chunk would take them$" <<< "$output"
	[[ "${lines[-2]}" == "Predicted: +"*" of unallocated space in $nr steps" ]]
	[[ "${lines[-1]}" == "Dry run: would relocate $nr block groups"* ]]

	run --separate-stderr "$HEATMAP" balance-least-used --dry-run --only-gain -u 90 "$mnt"
	[ "$status" -eq 0 ]
	grep -q "^Would skip block group vaddr [0-9]* used_pct [0-9]*: it would gain nothing: " <<< "$output"
	run ! grep -q "^Predicted gain +0.00B" <<< "$output"
	balance_release "$mnt"
}

@test "--only-gain: only the steps that gain run, and unallocated space grows" {
	local mnt before after predicted=0 p nr skipped
	mnt=$(balance_copy churned only)
	before=$("$BALREF" unallocated "$mnt")
	run --separate-stderr "$HEATMAP" balance-least-used --only-gain -u 90 "$mnt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	after=$("$BALREF" unallocated "$mnt")
	nr=$(grep -c "^Balance block group vaddr" <<< "$output")
	skipped=$(grep -c "^Skipping block group vaddr [0-9]* used_pct [0-9]*: it would gain nothing: " <<< "$output" || true)
	[ "$nr" -ge 1 ]
	# every step that ran was predicted to gain when its turn came
	[ "$(grep -c "^Gain: predicted +[1-9]" <<< "$output")" -eq "$nr" ]
	while read -r p; do
		predicted=$((predicted + $(to_bytes "$p")))
	done < <(sed -nE 's/^Gain: predicted ([^,]*),.*/\1/p' <<< "$output")
	echo "predicted $predicted actual $((after - before)) in $nr steps, $skipped skipped" >&3
	# about half the candidates cannot gain: skipped, not relocated
	[ "$nr" -ge 2 ]
	[ "$skipped" -ge 2 ]
	[ "$predicted" -gt 0 ]
	[ "$((after - before))" -ge "$predicted" ]
	balance_release "$mnt"
}

# The prediction against what happened, per step, for the README.
@test "-v: predicted and actual gain of every step, measured" {
	local mnt out abs=0 steps=0 p a
	mnt=$(balance_copy churned measure)
	run --separate-stderr "$HEATMAP" balance-least-used -v -u 90 "$mnt"
	[ "$status" -eq 0 ]
	while read -r p a; do
		p=$(to_bytes "$p")
		a=$(to_bytes "$a")
		steps=$((steps + 1))
		abs=$((abs + (p > a ? p - a : a - p)))
		# no step gains less than predicted
		[ "$a" -ge "$p" ] || { echo "step $steps: predicted $p, actual $a"; false; }
	done < <(sed -nE 's/^Gain: predicted ([^,]*), actual ([^;]*);.*/\1 \2/p' <<< "$output")
	[ "$steps" -ge 4 ]
	# steps of both kinds ran: some gained, some could not
	grep -q "^Gain: predicted +0.00B, actual +0.00B;" <<< "$output"
	grep -q "^Gain: predicted +[1-9][0-9.]*MiB, actual +[1-9]" <<< "$output"
	echo "prediction error: $((abs / 1048576)) MiB in all over $steps steps" >&3
	balance_release "$mnt"
}

@test "-v: the kernel's reclaim settings and the usable space" {
	local mnt uuid t
	mnt=$(balance_copy base reclaim)
	uuid=$(findmnt -n -o UUID --target "$mnt")
	[ -e "/sys/fs/btrfs/$uuid/allocation/data/bg_reclaim_threshold" ] ||
		skip_or_fail "this kernel has no bg_reclaim_threshold"
	run --separate-stderr "$HEATMAP" balance-least-used -v --dry-run "$mnt"
	[ "$status" -eq 0 ]
	for t in data metadata; do
		grep -q "^Kernel reclaim of $t block groups: bg_reclaim_threshold $(cat /sys/fs/btrfs/$uuid/allocation/$t/bg_reclaim_threshold)" <<< "$output"
	done
	if [ -e "/sys/fs/btrfs/$uuid/allocation/data/dynamic_reclaim" ]; then
		grep -q "^Kernel reclaim of data block groups: .*, dynamic_reclaim $(cat /sys/fs/btrfs/$uuid/allocation/data/dynamic_reclaim), periodic_reclaim $(cat /sys/fs/btrfs/$uuid/allocation/data/periodic_reclaim)$" <<< "$output"
	fi
	grep -q "^Unallocated usable by single data: .*; by device: devid 1 " <<< "$output"
	# without -v none of it
	run --separate-stderr "$HEATMAP" balance-least-used --dry-run "$mnt"
	run ! grep -q "^Kernel reclaim" <<< "$output"
	balance_release "$mnt"
}

@test "RAID1 over two unequal devices: the space only one device has is not usable" {
	local mnt small
	mnt=$(fs_make raid1 "1G 3G" -d raid1 -m raid1)
	for i in $(seq 1 6); do head -c 100M /dev/urandom > "$mnt/f$i"; done
	sync
	rm "$mnt"/f[135]
	btrfs filesystem sync "$mnt"
	# fill the small device: its unallocated space is gone, the large
	# one keeps 2 GiB nobody pairs with
	head -c 700M /dev/zero > "$mnt/fill" || true
	sync
	run --separate-stderr "$HEATMAP" balance-least-used -v --dry-run --target-unallocated 1g "$mnt"
	[ "$status" -eq 0 ]
	grep -q "^Unallocated usable by RAID1 data: .*; by device: devid 1 .*, devid 2 " <<< "$output"
	grep -q "^Not usable by new RAID1 data chunks: [1-9]" <<< "$output"
	# the raw total is past 1 GiB, the usable space is not: no stop at once
	run ! grep -q "^Would stop here: unallocated would reach the target" <<< "${lines[2]}"
	rm "$mnt/fill"
	btrfs filesystem sync "$mnt"
	run --separate-stderr "$HEATMAP" balance-least-used --target-unallocated 1g "$mnt"
	echo "$output" "$stderr"
	[ "$status" -eq 0 ]
	grep -q "^Usable by RAID1 data: unallocated .* -> .* (of .* unallocated in all)$" <<< "$output"
	fs_unmount "$mnt"
}

@test "--devid and --exclude-devid: only block groups with stripes on the right devices" {
	local mnt dev2_chunks out
	mnt=$(fs_make devs "1G 1G" -d single -m raid1)
	for i in $(seq 1 12); do head -c 60M /dev/urandom > "$mnt/f$i"; done
	sync
	rm "$mnt"/f[13579] "$mnt/f11"
	btrfs filesystem sync "$mnt"
	# the data chunks by device, from the chunk tree
	btrfs inspect-internal dump-tree -t chunk "$(findmnt -n -o SOURCE --target "$mnt")" |
		awk '/CHUNK_ITEM/ { v = $6; sub(/\)/, "", v) } /type DATA/ { d = 1 } / devid / && d { print v, $4; d = 0 }' > "$BATS_TEST_TMPDIR/chunks"
	[ "$(awk '$2 == 1' "$BATS_TEST_TMPDIR/chunks" | wc -l)" -ge 1 ]
	[ "$(awk '$2 == 2' "$BATS_TEST_TMPDIR/chunks" | wc -l)" -ge 1 ]
	for opt in "--devid 2" "--exclude-devid 1" "--devid 1" "--exclude-devid 2"; do
		run --separate-stderr "$HEATMAP" balance-least-used --dry-run $opt "$mnt"
		[ "$status" -eq 0 ]
		case "$opt" in
		"--devid 2"|"--exclude-devid 1") want=2 ;;
		*) want=1 ;;
		esac
		diff -u <(awk -v d=$want '$2 == d { print $1 }' "$BATS_TEST_TMPDIR/chunks" | sort) \
			<(sed -nE 's/^Would balance block group vaddr ([0-9]+) .*/\1/p' <<< "$output" | sort)
	done
	run -1 --separate-stderr "$HEATMAP" balance-least-used --devid 1 --exclude-devid 1 "$mnt"
	[ "$stderr" = "ERROR: btrfs-heatmap balance-least-used: device 1 is both in --devid and in --exclude-devid" ] ||
		[[ "$stderr" == *"device 1 is both in --devid and in --exclude-devid"* ]]
	# a device the filesystem does not have: one line, nothing done
	for opt in "--devid 3" "--exclude-devid 9"; do
		run -1 --separate-stderr "$HEATMAP" balance-least-used $opt "$mnt"
		[ "$stderr" = "ERROR: $mnt has no device ${opt##* }" ]
		[ -z "$output" ]
	done
	# a real run touches only devid 2's block groups
	run --separate-stderr "$HEATMAP" balance-least-used --devid 2 "$mnt"
	[ "$status" -eq 0 ]
	diff -u <(awk '$2 == 2 { print $1 }' "$BATS_TEST_TMPDIR/chunks" | sort) \
		<(sed -nE 's/^Balance block group vaddr ([0-9]+) .*/\1/p' <<< "$output" | sort)
	fs_unmount "$mnt"
}

# ts CMD...: CMD's output lines, each after the seconds since the epoch
# when it was complete.
ts_lines() {
	"$@" | while IFS= read -r line; do echo "$EPOCHREALTIME $line"; done
}

@test "--pause: at least the pause between one relocation and the next" {
	local mnt
	mnt=$(balance_copy base pause)
	ts_lines "$HEATMAP" balance-least-used --pause 2s --limit 3 "$mnt" > "$BATS_TEST_TMPDIR/out"
	[ "$(grep -c " Balance block group vaddr" "$BATS_TEST_TMPDIR/out")" -eq 3 ]
	# a Balance line is complete when its relocation ends; the next one
	# ends after the pause and its own relocation
	awk '/ Balance block group/ { if (prev) { d = $1 - prev; if (d < 2) { print "gap " d; bad = 1 } } prev = $1 } END { exit bad }' "$BATS_TEST_TMPDIR/out"
	run -1 --separate-stderr "$HEATMAP" balance-least-used --pause 2x "$mnt"
	[[ "$stderr" == *"invalid --pause '2x': a duration such as 30s, 5m or 1h30m"* ]]
	balance_release "$mnt"
}

@test "--max-time: stops between steps once the time is spent, and says so" {
	local mnt planned
	mnt=$(balance_copy base maxtime)
	planned=$("$BALREF" plan "$mnt" 100 | grep -c .)
	[ "$planned" -ge 3 ]
	# the pause spends the budget after the first relocation
	run --separate-stderr "$HEATMAP" balance-least-used --max-time 1s --pause 3s "$mnt"
	[ "$status" -eq 0 ]
	[ "$(grep -c "^Balance block group vaddr" <<< "$output")" -eq 1 ]
	grep -q "^Stopping: --max-time 1s spent, [1-9][0-9]* block groups left$" <<< "$output"
	[[ "${lines[-1]}" == "Summary: relocated 1, "*"; stopped: --max-time spent" ]]
	no_balance_running "$mnt"
	balance_release "$mnt"
}

@test "the film page in headless Chromium: every frame loads, a chart point per step" {
	local mnt film="$BATS_TEST_TMPDIR/film" nr dom
	command -v chromium >/dev/null || skip_or_fail "needs chromium (bin/install-deps)"
	mnt=$(balance_copy base film)
	run --separate-stderr "$HEATMAP" balance-least-used --frames "$film" --size 7 --limit 4 "$mnt"
	[ "$status" -eq 0 ]
	balance_release "$mnt"
	nr=$(ls "$film"/frame-*.png | wc -l)
	[ "$nr" -eq 5 ]
	chrome --dump-dom "file://$film/index.html" > "$BATS_TEST_TMPDIR/dom.html"
	dom=$(cat "$BATS_TEST_TMPDIR/dom.html")
	grep -q "data-frames-done=\"true\"" <<< "$dom"
	grep -q "data-frames-loaded=\"$nr\"" <<< "$dom"
	grep -q "data-frames-failed=\"0\"" <<< "$dom"
	grep -q "data-points=\"$nr\"" <<< "$dom"
	# drawn elements, not the script's text that makes them
	[ "$(grep -Eo '<circle class="point" data-step="[0-9]+"' "$BATS_TEST_TMPDIR/dom.html" | wc -l)" -eq "$nr" ]
	[ "$(grep -Eo '<rect class="bar" data-step="[0-9]+"' "$BATS_TEST_TMPDIR/dom.html" | wc -l)" -eq "$nr" ]
	grep -q 'id="legend"' <<< "$dom"
	# the first step's line under the frame
	grep -q '<div id="line">before the first step</div>' <<< "$dom"
	# the screenshot stays as an artifact of the test
	chrome --screenshot="$BATS_TEST_TMPDIR/film.png" --window-size=1200,800 "file://$film/index.html"
	[ -s "$BATS_TEST_TMPDIR/film.png" ]
	keep_artifact "$BATS_TEST_TMPDIR/film.png" balance-film-page.png
}
