#!/usr/bin/env bats
# bg on bad input: one ERROR line that says what is wrong, exit status 1,
# and no picture, not even a half-written one.

load ../common

setup_file() {
	require_loop_root
	MNT=$(fs_make errors "512M")
	head -c 20M /dev/urandom > "$MNT/file"
	# the block group at $DATA stays where it is for every test
	freeze "$MNT"
	DATA=$("$TOP/tests/bg-reference" list "$MNT" | awk '$2 == 1 { print $1; exit }')
	export MNT DATA
}

teardown_file() {
	fs_teardown_all
}

setup() {
	OUT="$BATS_TEST_TMPDIR/out"
	mkdir -p "$OUT"
}

# fails_cleanly PATTERN CMD...: exit 1, one ERROR line on stderr matching
# PATTERN, nothing left in $OUT.
fails_cleanly() {
	local pattern=$1
	shift
	run --separate-stderr "$@"
	[ "$status" -eq 1 ] || { echo "status $status" >&2; return 1; }
	[ "${#stderr_lines[@]}" -eq 1 ] || { echo "stderr: $stderr" >&2; return 1; }
	[[ "$stderr" == "ERROR: "* ]]
	[[ "$stderr" =~ $pattern ]] || { echo "stderr: $stderr" >&2; return 1; }
	[ -z "$(ls -A "$OUT")" ] || { ls -A "$OUT" >&2; return 1; }
}

@test "a vaddr where no block group is: an error naming it" {
	fails_cleanly "no block group at vaddr 12345 in $MNT" \
		"$HEATMAP" bg --vaddr 12345 -o "$OUT" "$MNT"
	fails_cleanly "vaddr 99999999999" \
		"$HEATMAP" bg --vaddr "$DATA" --vaddr 99999999999 -o "$OUT/x.png" "$MNT"
}

@test "a vaddr inside a block group: the error says where that one starts" {
	fails_cleanly "vaddr $((DATA + 4096)) .*inside the block group at $DATA" \
		"$HEATMAP" bg --vaddr $((DATA + 4096)) -o "$OUT" "$MNT"
}

@test "the reference command line with a missing block group: one ERROR line, exit 1" {
	cd "$OUT"
	fails_cleanly "no block group at vaddr 4096" \
		"$HEATMAP" --blockgroup 4096 "$MNT"
}

@test "size smaller than order" {
	fails_cleanly "size \\(9\\) cannot be smaller than order \\(11\\)" \
		"$HEATMAP" bg --vaddr "$DATA" --order 11 --size 9 -o "$OUT" "$MNT"
}

@test "without CAP_SYS_ADMIN: run as root" {
	command -v setpriv >/dev/null || skip_or_fail "needs setpriv"
	fails_cleanly "needs CAP_SYS_ADMIN: run as root" \
		setpriv --bounding-set=-sys_admin -- \
		"$HEATMAP" bg --all -o "$OUT" "$MNT"
}

@test "an output directory that does not exist: nothing written" {
	fails_cleanly "cannot write picture $OUT/missing/x.png" \
		"$HEATMAP" bg --vaddr "$DATA" -o "$OUT/missing/x.png" "$MNT"
}

@test "a path that is not btrfs" {
	fails_cleanly "not a btrfs filesystem: /proc" \
		"$HEATMAP" bg --all -o "$OUT" /proc
}
