#!/usr/bin/env bats
# The command line of balance-least-used, no filesystem needed: help, and
# every mistake reported as one ERROR line with exit status 1 before any
# filesystem is touched or any file written.

load ../common

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# bad_args PATTERN ARGS...: balance-least-used ARGS fails with one ERROR
# line matching PATTERN, prints nothing else and leaves no file behind.
bad_args() {
	local pattern=$1
	shift
	run --separate-stderr "$HEATMAP" balance-least-used "$@"
	[ "$status" -eq 1 ] || { echo "status $status" >&2; return 1; }
	[ -z "$output" ] || { echo "stdout: $output" >&2; return 1; }
	[ "${#stderr_lines[@]}" -eq 1 ] || { echo "stderr: $stderr" >&2; return 1; }
	[[ "$stderr" == "ERROR: "* ]]
	[[ "$stderr" =~ $pattern ]] || { echo "stderr: $stderr" >&2; return 1; }
	[ -z "$(ls -A)" ]
}

@test "balance-least-used --help: every option and the exit statuses" {
	run --separate-stderr "$HEATMAP" balance-least-used --help
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[0]}" = "usage: btrfs-heatmap balance-least-used [options] <path>" ]
	for opt in --usage --limit --target-unallocated --dry-run --metadata \
		   --frames --sort --curve --order --size --verbose --quiet; do
		[[ "$output" == *"$opt"* ]] || { echo "no $opt" >&2; return 1; }
	done
	[[ "$output" == *"2 some block group failed to relocate"* ]]
	run "$HEATMAP" balance-least-used -u 200 --help
	[ "$status" -eq 0 ]
	run "$HEATMAP" help balance-least-used
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: btrfs-heatmap balance-least-used [options] <path>" ]
}

@test "the btrfs-balance-least-used name is the same command" {
	[ -L "$BALANCE_LINK" ]
	run --separate-stderr "$BALANCE_LINK" --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: btrfs-heatmap balance-least-used [options] <path>" ]
	run --separate-stderr "$BALANCE_LINK" --usage 101 /
	[ "$status" -eq 1 ]
	[[ "$stderr" == "ERROR: invalid --usage '101'"* ]]
}

@test "--usage: a whole percentage from 0 to 100" {
	for pct in 101 -1 x 50.5 "" 99999999999; do
		bad_args "invalid --usage '$pct': a whole percentage from 0 to 100" -u "$pct" /
	done
	bad_args "invalid --usage '1000'" --usage 1000 /
}

@test "--limit and --target-unallocated" {
	for n in 0 -2 x 1.5 ""; do
		bad_args "invalid --limit '$n': a number of block groups, 1 or more" --limit "$n" /
	done
	for size in 0 10q -1g g ""; do
		bad_args "invalid --target-unallocated '$size': a size such as 10g" --target-unallocated "$size" /
	done
}

@test "picture options need --frames, and check like show's" {
	bad_args "give --frames DIR too" --curve snake /
	bad_args "give --frames DIR too" --order 4 /
	bad_args "give --frames DIR too" --sort virtual /
	bad_args "invalid --sort 'chunks': choose physical or virtual" --frames film --sort chunks /
	bad_args "invalid --curve 'peano'" --frames film --curve peano /
	bad_args "invalid --size '16'" --frames film --size 16 /
	bad_args "--size \(4\) cannot be smaller than --order \(6\)" --frames film --order 6 --size 4 /
	bad_args "--size \(0\) cannot be smaller than --order \(5\)" --frames film --order 5 --size 0 /nonexistent
	bad_args "empty --frames" --frames "" /
	bad_args "--frames and --dry-run do not go together" --frames film --dry-run /
}

@test "unknown options, missing values, extra arguments" {
	bad_args "unknown option '--bogus'" --bogus /
	bad_args "unknown option '-x'" -x /
	bad_args "unknown option '--output'" --output x.png /
	bad_args "option '--limit' needs a value" / --limit
	bad_args "option '-u' needs a value" / -u
	bad_args "too many arguments: 'b'" a b
}

@test "no default path: without one nothing is relocated" {
	bad_args "the mountpoint is missing" -u 30
	bad_args "the mountpoint is missing"
	run --separate-stderr "$BALANCE_LINK"
	[ "$status" -eq 1 ]
	[[ "$stderr" == "ERROR: the mountpoint is missing"* ]]
}

@test "not a btrfs filesystem, no such path" {
	bad_args "^ERROR: not a btrfs filesystem: /proc$" /proc
	bad_args "^ERROR: not a btrfs filesystem: /proc$" --frames film /proc
	bad_args "^ERROR: no such file or directory: /nonexistent/x$" /nonexistent/x
}
