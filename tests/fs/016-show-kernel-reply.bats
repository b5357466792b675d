#!/usr/bin/env bats
# The kernel's reply to the tree search is checked like any input: an item
# longer than the buffer, keys that go backwards, more items than the
# buffer holds give one ERROR line and exit status 1, never an over-read or a
# search that goes round forever, and no picture.

load ../common

setup_file() {
	require_loop_root
	MNT=$(fs_make reply "512M")
	dd if=/dev/urandom of="$MNT/data" bs=1M count=8 status=none
	sync
	SHIM="$BATS_FILE_TMPDIR/search-shim.so"
	cc -shared -fPIC -O2 -o "$SHIM" "$BATS_TEST_DIRNAME/search-shim.c" -ldl
	export MNT SHIM
}

teardown_file() {
	fs_teardown_all
}

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# refused MODE COMMAND...: with the reply spoiled by MODE, COMMAND exits
# 1 within a minute with one ERROR line that says the reply was bad, and
# writes no file.
refused() {
	local mode=$1
	shift
	run --separate-stderr env LD_PRELOAD="$SHIM" \
		HEATMAP_SEARCH_SHIM="$mode" timeout 60 "$HEATMAP" "$@"
	if [ "$status" -ne 1 ] || [ "${#stderr_lines[@]}" -ne 1 ] ||
	   [[ "$stderr" != "ERROR: "*"Input/output error"* ]]; then
		echo "$mode: $*: status $status, want 1" >&2
		echo "stderr: $stderr" >&2
		return 1
	fi
	run ls -A
	[ -z "$output" ]
}

@test "the shim leaves a good reply alone: show works through it" {
	run env LD_PRELOAD="$SHIM" "$HEATMAP" show -o ok.png "$MNT"
	[ "$status" -eq 0 ]
	[ -s ok.png ]
}

@test "show: an item longer than the buffer is refused" {
	refused long show "$MNT"
}

@test "show: keys that go backwards are refused, not searched forever" {
	refused backwards show "$MNT"
}

@test "show: more items than the buffer holds are refused" {
	refused many show "$MNT"
}

@test "bg: an item longer than the buffer is refused" {
	refused long bg --newest 1 "$MNT"
}

@test "bg: a search failing in a part read ahead is refused, no picture" {
	refused eio5 bg --newest 1 "$MNT"
}

@test "balance-least-used --dry-run: keys that go backwards are refused" {
	refused backwards balance-least-used --dry-run -u 100 "$MNT"
}
