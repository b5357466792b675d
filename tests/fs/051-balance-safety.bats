#!/usr/bin/env bats
# What balance-least-used is for, and what it must never do: data keeps
# every byte, the filesystem checks clean, unallocated space grows; the
# film shows the reference's pictures; a limit and a target stop where
# they should.

load ../common
load balance

setup_file() {
	require_loop_root
	balance_image base 2G
}

teardown_file() {
	fs_teardown_all
}

@test "a run with frames: same data, clean filesystem, more unallocated space, a valid film" {
	local mnt film="$BATS_TEST_TMPDIR/film" before after nr_steps nr
	mnt=$(balance_copy base run)
	checksums "$mnt" > "$BATS_TEST_TMPDIR/sums.before"
	before=$("$BALREF" unallocated "$mnt")
	(cd "$BATS_TEST_TMPDIR" && "$REF_HEATMAP" -q --size 7 -o ref-before.png "$mnt")

	run --separate-stderr "$HEATMAP" balance-least-used --frames "$film" --size 7 "$mnt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	out=("${lines[@]}")
	(cd "$BATS_TEST_TMPDIR" && "$REF_HEATMAP" -q --size 7 -o ref-after.png "$mnt")
	after=$("$BALREF" unallocated "$mnt")
	checksums "$mnt" > "$BATS_TEST_TMPDIR/sums.after"
	no_balance_running "$mnt"
	balance_release "$mnt"

	diff -u "$BATS_TEST_TMPDIR/sums.before" "$BATS_TEST_TMPDIR/sums.after"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/sums.after")" -gt 20 ]
	[ "$after" -gt "$before" ]

	# a frame before the first relocation and one after each
	nr_steps=$(grep -c "^Balance block group vaddr" <<< "$output")
	[ "$nr_steps" -ge 2 ]
	nr=$(valid_frames "$film")
	[ "$nr" -eq $((nr_steps + 1)) ]
	# the first and the last are the reference's pictures of that moment
	assert_same_pixels "$BATS_TEST_TMPDIR/ref-before.png" "$film/frame-000000.png"
	assert_same_pixels "$BATS_TEST_TMPDIR/ref-after.png" "$film/frame-$(printf %06d $((nr - 1))).png"
	# the page plays exactly these frames, from this directory alone
	for ((i = 0; i < nr; i++)); do
		grep -q "\"frame-$(printf %06d $i).png\"" "$film/index.html"
	done
	[ "$(grep -c '"frame-[0-9]*\.png", "' "$film/index.html")" -eq "$nr" ]
	run -1 grep -Eq 'https?:|<script src|<link ' "$film/index.html"
	# the way to a video, then the summary
	[[ "${out[-2]}" == "Frames: $nr in $film; a video of them: ffmpeg "*"-frames:v $nr "* ]]
	[[ "${out[-1]}" == "Summary: relocated $nr_steps, skipped "*", failed 0 block groups; moved "* ]]
}

@test "--limit: at most N relocations, the rest left in place" {
	local mnt third
	mnt=$(balance_copy base limit)
	third=$("$BALREF" plan "$mnt" 100 | awk 'NR == 3 { print $1 }')
	[ -n "$third" ]
	run --separate-stderr "$HEATMAP" balance-least-used --limit 2 "$mnt"
	[ "$status" -eq 0 ]
	[ "$(grep -c "^Balance block group vaddr" <<< "$output")" -eq 2 ]
	grep -q "^Stopping: --limit 2 reached, [1-9][0-9]* block groups left$" <<< "$output"
	"$BALREF" has "$mnt" "$third"
	no_balance_running "$mnt"
	balance_release "$mnt"
}

@test "--target-unallocated: stop once there is that much, not before" {
	local mnt before target after planned
	mnt=$(balance_copy base target)
	before=$("$BALREF" unallocated "$mnt")
	planned=$("$BALREF" plan "$mnt" 100 | grep -c .)
	target=$((before + 1))
	run --separate-stderr "$HEATMAP" balance-least-used --target-unallocated "$target" "$mnt"
	[ "$status" -eq 0 ]
	after=$("$BALREF" unallocated "$mnt")
	[ "$after" -ge "$target" ]
	nr=$(grep -c "^Balance block group vaddr" <<< "$output")
	[ "$nr" -ge 1 ]
	[ "$nr" -lt "$planned" ]
	grep -q "^Stopping: unallocated .* reached the target .*, [1-9][0-9]* block groups left$" <<< "$output"

	# reached already: nothing relocated at all
	"$BALREF" state "$mnt" > "$BATS_TEST_TMPDIR/before"
	run --separate-stderr "$HEATMAP" balance-least-used --target-unallocated 1m "$mnt"
	[ "$status" -eq 0 ]
	grep -q "^Stopping: unallocated .* reached the target 1.00MiB" <<< "$output"
	run -1 grep -q "^Balance block group" <<< "$output"
	"$BALREF" state "$mnt" > "$BATS_TEST_TMPDIR/after"
	diff -u "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	balance_release "$mnt"
}

@test "--metadata: metadata block groups too, never system ones" {
	local mnt plan
	mnt=$(balance_copy base meta)
	plan=$("$BALREF" plan "$mnt" 100 metadata)
	run --separate-stderr "$HEATMAP" balance-least-used --metadata --dry-run "$mnt"
	[ "$status" -eq 0 ]
	diff -u <(echo "$plan") <(printf '%s\n' "${lines[@]}" |
		sed -nE 's/^Would balance block group vaddr ([0-9]+) used_pct ([0-9]+) type .*/\1 \2/p')
	grep -q "type METADATA|DUP" <<< "$output"
	run -1 grep -q "type SYSTEM" <<< "$output"

	checksums "$mnt" > "$BATS_TEST_TMPDIR/sums.before"
	run --separate-stderr "$HEATMAP" balance-least-used --metadata "$mnt"
	[ "$status" -eq 0 ]
	[ "$(grep -c "^Balance block group vaddr" <<< "$output")" -ge 2 ]
	checksums "$mnt" > "$BATS_TEST_TMPDIR/sums.after"
	diff -u "$BATS_TEST_TMPDIR/sums.before" "$BATS_TEST_TMPDIR/sums.after"
	balance_release "$mnt"
}
