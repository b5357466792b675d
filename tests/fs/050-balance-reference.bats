#!/usr/bin/env bats
# balance-least-used keeps the reference's algorithm and lines: on copies of
# one filesystem, btrfs-balance-least-used (python3-btrfs) and ours, under
# the btrfs-balance-least-used name, print the same lines and leave the same
# block groups; the plan follows the reference's heap order, worked out
# with python-btrfs.

load ../common
load balance

setup_file() {
	require_loop_root
	balance_image base 2G
}

teardown_file() {
	fs_teardown_all
}

# The reference's lines with the seconds taken out.
normalize() {
	sed -E 's/ duration [0-9]+ sec/ duration N sec/'
}

@test "same lines and same result as btrfs-balance-least-used" {
	local mnt
	for pct in 100 30; do
		mnt=$(balance_copy base ref)
		"$REF_BALANCE" -u "$pct" "$mnt" > "$BATS_TEST_TMPDIR/ref.out"
		"$BALREF" state "$mnt" > "$BATS_TEST_TMPDIR/ref.state"
		balance_release "$mnt"

		mnt=$(balance_copy base ours)
		run --separate-stderr "$BALANCE_LINK" -u "$pct" "$mnt"
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		"$BALREF" state "$mnt" > "$BATS_TEST_TMPDIR/ours.state"
		balance_release "$mnt"

		# the reference's lines, then our summary
		[ "$(grep -c "^Balance block group vaddr" "$BATS_TEST_TMPDIR/ref.out")" -ge 2 ]
		[[ "${lines[-1]}" == "Summary: relocated "* ]]
		diff -u <(normalize < "$BATS_TEST_TMPDIR/ref.out") \
			<(printf '%s\n' "${lines[@]}" | sed '$d' | normalize)
		diff -u "$BATS_TEST_TMPDIR/ref.state" "$BATS_TEST_TMPDIR/ours.state"
	done
}

@test "the dry run lists the reference's heap order and changes nothing" {
	local mnt plan
	mnt=$(balance_copy base dry)
	for pct in 100 40 0; do
		"$BALREF" state "$mnt" > "$BATS_TEST_TMPDIR/before"
		plan=$("$BALREF" plan "$mnt" "$pct")
		run --separate-stderr "$HEATMAP" balance-least-used --dry-run -u "$pct" "$mnt"
		[ "$status" -eq 0 ]
		[ "${lines[0]}" = "Loading block group objects with used_pct <= $pct ... found $(grep -c . <<< "$plan")" ]
		if [ -z "$plan" ]; then
			[[ "${lines[1]}" == "Nothing to do, least used block group has used_pct "* ]]
		else
			diff -u <(echo "$plan") <(printf '%s\n' "${lines[@]}" |
				sed -nE 's/^Would balance block group vaddr ([0-9]+) used_pct ([0-9]+) type .*/\1 \2/p')
			[[ "${lines[-1]}" == "Dry run: would relocate "*"; nothing was changed" ]]
		fi
		"$BALREF" state "$mnt" > "$BATS_TEST_TMPDIR/after"
		diff -u "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after"
	done
	no_balance_running "$mnt"
	balance_release "$mnt"
}

@test "nothing to do: the reference's line, with the least used_pct of all" {
	local mnt least
	mnt=$(balance_copy base none)
	least=$("$BALREF" plan "$mnt" 100 | awk 'NR == 1 { print $2 }')
	[ "$least" -gt 0 ]
	run --separate-stderr "$HEATMAP" balance-least-used -u $((least - 1)) "$mnt"
	[ "$status" -eq 0 ]
	[ "$output" = "Loading block group objects with used_pct <= $((least - 1)) ... found 0
Nothing to do, least used block group has used_pct $least" ]
	run -0 "$REF_BALANCE" -u $((least - 1)) "$mnt"
	[ "$output" = "Loading block group objects with used_pct <= $((least - 1)) ... found 0
Nothing to do, least used block group has used_pct $least" ]
	balance_release "$mnt"
}
