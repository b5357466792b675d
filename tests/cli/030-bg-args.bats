#!/usr/bin/env bats
# The command line of bg, no filesystem needed: help, and every mistake
# reported as one ERROR line with exit status 1 before anything is read or
# written.

load ../common

# Run where only a picture could appear (bats keeps its own files in
# $BATS_TEST_TMPDIR).
setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# bad_args PATTERN ARGS...: bg ARGS fails with one ERROR line matching
# PATTERN and leaves no file behind.
bad_args() {
	local pattern=$1
	shift
	run --separate-stderr "$HEATMAP" bg "$@"
	[ "$status" -eq 1 ] || { echo "status $status" >&2; return 1; }
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ] || { echo "stderr: $stderr" >&2; return 1; }
	[[ "$stderr" == "ERROR: "* ]]
	[[ "$stderr" =~ $pattern ]] || { echo "stderr: $stderr" >&2; return 1; }
	[ -z "$(ls -A)" ]
}

@test "bg --help: usage with every selector, exit 0" {
	run "$HEATMAP" bg --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: btrfs-heatmap bg [options] [<path>]" ]
	for opt in --vaddr --newest --oldest --least-used --all --type --curve \
		   --order --size --output --verbose --quiet --sync; do
		[[ "$output" == *"$opt"* ]] || { echo "no $opt" >&2; return 1; }
	done
	[[ "$output" == *"blockgroups_<count>_startat_<first vaddr>"* ]]
	run "$HEATMAP" bg --all --newest 2 --help
	[ "$status" -eq 0 ]
	run "$HEATMAP" help bg
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: btrfs-heatmap bg [options] [<path>]" ]
}

@test "btrfs-heatmap --help lists bg" {
	run "$HEATMAP" --help
	[ "$status" -eq 0 ]
	grep -q "^    bg  *Draw the extents inside block groups" <<< "$output"
}

@test "no selector" {
	bad_args "no block groups chosen: give --vaddr, --newest, --oldest, --least-used or --all" /
	bad_args "no block groups chosen" --type data /
}

@test "two kinds of selector" {
	bad_args "--newest and --all cannot be combined" --newest 2 --all /
	bad_args "--vaddr and --least-used cannot be combined" --vaddr 1 --least-used 1 /
	bad_args "--oldest and --vaddr cannot be combined" --oldest 1 --vaddr 1 /
	bad_args "--newest given twice" --newest 1 --newest 2 /
	bad_args "--all given twice" --all --all /
}

@test "N must be a whole number from 1" {
	for n in 0 -1 x 1.5 "" 99999999999999999999999; do
		bad_args "invalid --newest '$n': a whole number from 1" --newest "$n" /
	done
	bad_args "invalid --oldest '0'" --oldest 0 /
	bad_args "invalid --least-used 'two'" --least-used two /
}

@test "--type: a known type, and not with --vaddr" {
	bad_args "invalid --type 'dta': choose data, metadata, system or any" --all --type dta /
	bad_args "--type does not go with --vaddr" --vaddr 1 --type data /
	bad_args "--type given twice" --all --type data --type any /
}

@test "--vaddr: a number, each once" {
	bad_args "invalid --vaddr 'abc'" --vaddr abc /
	bad_args "invalid --vaddr '-5'" --vaddr -5 /
	bad_args "--vaddr 4096 given twice" --vaddr 4096 --vaddr 8192 --vaddr 4096 /
}

@test "picture options and arguments" {
	bad_args "invalid --curve 'round'" --all --curve round /
	bad_args "invalid --order '-1'" --all --order -1 /
	bad_args "invalid --size '16'" --all --size 16 /
	bad_args "unknown option '--blockgroup'" --blockgroup 5 /
	bad_args "option '--vaddr' needs a value" --vaddr
	bad_args "too many arguments: '/'" --all a /
	bad_args "^ERROR: no such file or directory: a$" --all a b
}

@test "not a btrfs filesystem, a missing path" {
	bad_args "not a btrfs filesystem: /proc" --all /proc
	bad_args "no such file or directory: /nonexistent" --newest 1 /nonexistent
}

@test "the reference command line: --blockgroup needs a number" {
	run --separate-stderr "$HEATMAP" --blockgroup x /
	[ "$status" -eq 1 ]
	[[ "$stderr" == "ERROR: invalid --blockgroup 'x'"* ]]
	run --separate-stderr "$HEATMAP" --blockgroup 5 /proc
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: not a btrfs filesystem: /proc" ]
}
