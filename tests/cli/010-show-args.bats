#!/usr/bin/env bats
# The command line of show and of the reference's command line, no root
# and no btrfs needed: every mistake is one ERROR line on stderr, exit
# status 1, nothing on stdout and no file written, before any filesystem
# is read.

load ../common

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# bad PATTERN ARGS...: btrfs-heatmap ARGS fails with exactly one line on
# stderr, an ERROR line matching the regex PATTERN.
bad() {
	local pattern=$1
	shift
	run --separate-stderr "$HEATMAP" "$@"
	if [ "$status" -ne 1 ] || [ -n "$output" ] ||
	   [ "${#stderr_lines[@]}" -ne 1 ] ||
	   [[ "$stderr" != "ERROR: "* ]] || ! [[ "$stderr" =~ $pattern ]]; then
		echo "btrfs-heatmap $*: status $status, want 1" >&2
		echo "stdout: $output" >&2
		echo "stderr: $stderr" >&2
		echo "wanted one ERROR line matching: $pattern" >&2
		return 1
	fi
	[ -z "$(ls -A)" ] || { ls -A >&2; return 1; }
}

@test "show: unknown options" {
	bad "unknown option '--bogus'" show --bogus /
	bad "unknown option '-x'" show -x /
	bad "unknown option '--blockgroup'" show --blockgroup 1 /
	# ambiguous abbreviation of --size, --sort and --sync
	bad "option '--s'" show --s 3 /
	bad "unknown option '--no-such'" show / --no-such
}

@test "show: options without their value" {
	bad "option '--order' needs a value" show --order
	bad "option '--sort' needs a value" show --sort
	bad "option '-o' needs a value" show -o
	bad "empty --output" show --output= /
}

@test "show: bad --sort and --curve" {
	bad "invalid --sort 'foo': choose physical or virtual" show --sort foo /
	bad "invalid --sort 'Physical'" show --sort Physical /
	bad "invalid --sort 'phys'" show --sort phys /
	bad "invalid --curve 'foo': choose hilbert, linear or snake" show --curve foo /
	bad "invalid --curve 'hil'" show --curve hil /
	bad "invalid --curve ''" show --curve= /
}

@test "show: bad --order and --size" {
	bad "invalid --order '-1': a whole number from 0 to 15" show --order -1 /
	bad "invalid --order '16'" show --order 16 /
	bad "invalid --order 'abc'" show --order abc /
	bad "invalid --order '-1'" show --order=-1 /
	bad "invalid --order '3.5'" show --order 3.5 /
	bad "invalid --order '99999999999999999999'" show --order 99999999999999999999 /
	bad "invalid --size 'bad': a whole number from 0 to 15" show --size bad /
	bad "invalid --size '-1'" show --size -1 /
	bad "invalid --size '16'" show --size 16 /
	bad "invalid --size '10k'" show --size 10k /
}

@test "show: bad --device" {
	bad "invalid --device '0': a device id" show --device 0 /
	bad "invalid --device 'abc'" show --device abc /
	bad "invalid --device '-1'" show --device=-1 /
	bad "invalid --device '1x'" show --device 1x /
	bad "--device 1 given twice" show --device 1 --device 2 --device 1 /
}

@test "show: too many arguments" {
	bad "too many arguments: '/tmp'" show / /tmp
	bad "too many arguments: '/tmp'" show a /tmp
	# several paths are the image files of one filesystem
	bad "^ERROR: no such file or directory: a$" show a b c
}

@test "show: a path that is not btrfs, or not there" {
	bad "^ERROR: not a btrfs filesystem: /proc$" show /proc
	if [ "$(stat -f -c %T "$BATS_TEST_TMPDIR")" != btrfs ]; then
		bad "^ERROR: not a btrfs filesystem: $BATS_TEST_TMPDIR$" show "$BATS_TEST_TMPDIR"
	fi
	bad "^ERROR: no such file or directory: /nonexistent$" show /nonexistent
	# the default path is /, which is not btrfs here
	if [ "$(stat -f -c %T /)" != btrfs ]; then
		bad "^ERROR: not a btrfs filesystem: /$" show
	fi
}

@test "show: an unprivileged user hears the same before anything is read" {
	[ "$(id -u)" = 0 ] || skip "already unprivileged: the tests above cover it"
	local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	run --separate-stderr "${nobody[@]}" "$HEATMAP" show --order 16 /
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: invalid --order '16': a whole number from 0 to 15 (see 'btrfs-heatmap show --help')" ]
	run --separate-stderr "${nobody[@]}" "$HEATMAP" show /proc
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: not a btrfs filesystem: /proc" ]
}

@test "an unknown command word: one ERROR line, then where help is" {
	run --separate-stderr "$HEATMAP" frobnicate
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "ERROR: 'frobnicate' is neither a command nor an existing path" ]
	[ "${stderr_lines[1]}" = "See 'btrfs-heatmap --help'." ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	# a near miss of a command is no command either
	run --separate-stderr "$HEATMAP" shw /
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "ERROR: 'shw' is neither a command nor an existing path" ]
}

@test "the reference's command line: bad input" {
	bad "the mountpoint is missing" -v
	bad "the mountpoint is missing" --sort virtual
	bad "invalid --sort 'foo'" --sort foo /
	bad "invalid --curve 'foo'" --curve foo /
	bad "invalid --order 'abc'" --order abc /
	bad "invalid --size 'abc'" --size=abc /
	bad "invalid --blockgroup 'x'" --blockgroup x /
	bad "unknown option '--device'" --device 1 /
	bad "too many arguments: '/tmp'" / /tmp
	bad "^ERROR: not a btrfs filesystem: /proc$" /proc
	bad "^ERROR: not a btrfs filesystem: /proc$" --sort virtual --curve snake -o x.png /proc
	bad "^ERROR: no such file or directory: /nonexistent/x$" -o x.png /nonexistent/x
}
