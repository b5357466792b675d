#!/usr/bin/env bats
# Help for everything: the program, every subcommand it lists (so that
# commands added later are covered without touching this file), and the
# reference's command line.  Help goes to stdout with exit status 0,
# wherever --help stands on the command line.

load ../common

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# The command names from the Commands section of btrfs-heatmap --help.
list_commands() {
	"$HEATMAP" --help | awk '
		/^Commands:/ { in_list = 1; next }
		in_list && /^$/ { exit }
		in_list { print $1 }'
}

# assert_usage CMD ARGS...: usage of CMD ("show", or "" for the reference
# command line) on stdout, nothing on stderr, exit 0.
assert_usage() {
	local cmd=$1 want
	shift
	want="usage: btrfs-heatmap${cmd:+ $cmd} "
	run --separate-stderr "$HEATMAP" "$@"
	if [ "$status" -ne 0 ] || [ -n "$stderr" ] ||
	   [[ "${lines[0]}" != "$want"* ]] || [ "${#lines[@]}" -lt 3 ]; then
		echo "btrfs-heatmap $*: status $status" >&2
		echo "stdout: $output" >&2
		echo "stderr: $stderr" >&2
		return 1
	fi
	# the options are described
	[[ "$output" == *"--help"* ]]
	# nothing was written where we stand
	[ -z "$(ls -A)" ]
}

@test "btrfs-heatmap --help lists the commands and the reference's command line" {
	for arg in --help -h help; do
		run --separate-stderr "$HEATMAP" "$arg"
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		[ "${lines[0]}" = "usage: btrfs-heatmap <command> [options] [<path>]" ]
		[[ "$output" == *"btrfs-heatmap [options] <mountpoint>"* ]]
		grep -q "^Commands:" <<< "$output"
	done
	run list_commands
	[ "$status" -eq 0 ]
	# show is there, and the list is in alphabetical order
	grep -qx show <<< "$output"
	[ "$output" = "$(sort <<< "$output")" ]
}

@test "every listed command: --help anywhere on its command line prints usage" {
	local cmds cmd n=0
	cmds=$(list_commands)
	[ -n "$cmds" ]
	for cmd in $cmds; do
		assert_usage "$cmd" "$cmd" --help
		assert_usage "$cmd" "$cmd" -h
		assert_usage "$cmd" help "$cmd"
		# after a path, after options, even after a bad value
		assert_usage "$cmd" "$cmd" / --help
		assert_usage "$cmd" "$cmd" -v -q --help
		assert_usage "$cmd" "$cmd" --curve no-such-curve --help
		assert_usage "$cmd" "$cmd" --no-such-option --help
		n=$((n + 1))
	done
	[ "$n" -ge 1 ]
}

@test "every listed command: option descriptions wrap within 80 columns" {
	local cmds cmd opts
	cmds=$(list_commands)
	[ -n "$cmds" ]
	for cmd in $cmds ""; do
		run --separate-stderr "$HEATMAP" ${cmd:-/} --help
		[ "$status" -eq 0 ]
		# option lines, and their continuations under the description
		opts=$(grep -E '^    -|^ {32}[^ ]' <<< "$output")
		[ -n "$opts" ]
		if awk 'length > 80 { bad = 1 } END { exit !bad }' <<< "$opts"; then
			echo "${cmd:-legacy} --help has lines over 80 columns:" >&2
			echo "$opts" >&2
			return 1
		fi
	done
}

@test "show --help: the options, also when --help is not first" {
	assert_usage show show --help
	for opt in --sort --device --curve --order --size --output --verbose \
		   --quiet --sync; do
		[[ "$output" == *"$opt"* ]] || { echo "no $opt" >&2; return 1; }
	done
	assert_usage show show --order 3 --help
	assert_usage show show --sort virtual --device 2 -o x.png /nonexistent --help
}

@test "the reference's command line: options then --help prints its usage" {
	assert_usage "" --sort virtual --help
	[[ "${lines[0]}" = "usage: btrfs-heatmap [options] <mountpoint>" ]]
	# the reference's options are all there
	for opt in --order --size --sort --blockgroup --verbose --quiet \
		   --output --curve; do
		[[ "$output" == *"$opt"* ]] || { echo "no $opt" >&2; return 1; }
	done
	assert_usage "" --order=5 -o x.png /nonexistent -h
	assert_usage "" / --help
}

@test "--version and version: the Makefile's VERSION, or git describe" {
	local want args
	want=$(sed -n 's/^VERSION := //p' "$TOP/Makefile")
	[[ "$want" =~ ^[0-9][0-9.]*$ ]]
	if [ -e "$TOP/.git" ] &&
	   git -C "$TOP" describe --tags --match 'v[0-9]*' >/dev/null 2>&1; then
		want=$(git -C "$TOP" describe --tags --match 'v[0-9]*' --dirty)
		want=${want#v}
	fi
	for args in --version version; do
		run --separate-stderr "$HEATMAP" $args
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		[ "$output" = "btrfs-heatmap $want" ]
	done
	run --separate-stderr "$HEATMAP" version extra
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: too many arguments: 'extra' (see 'btrfs-heatmap version --help')" ]
}

@test "no arguments: an error and the usage on stderr, exit 1" {
	run --separate-stderr "$HEATMAP"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "ERROR: no command given" ]
	[ "${stderr_lines[1]}" = "usage: btrfs-heatmap <command> [options] [<path>]" ]
}

@test "help with a word that is no command: one error, exit 1" {
	run --separate-stderr "$HEATMAP" help bogus
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "ERROR: no command 'bogus' to help with" ]
}
