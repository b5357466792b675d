#!/usr/bin/env bats
# The systemd units of the timelapse, as make install writes them: they
# pass systemd-analyze verify, and the service's command line, run by hand
# as systemd would run it for the instance of a loop filesystem, puts the
# picture of the filesystem into <state directory>/<fsid>/.

load ../common

setup_file() {
	require_loop_root
	command -v systemd-analyze >/dev/null ||
		skip_or_fail "needs systemd-analyze (bin/install-deps)"
	MNT=$(fs_make timer "1G")
	fill_files "$MNT"
	freeze "$MNT"
	FSID=$(btrfs inspect-internal dump-super "$(head -n 1 "$BATS_FILE_TMPDIR/loops")" |
		sed -n 's/^fsid[[:space:]]*//p')
	[ -n "$FSID" ]
	P="$BATS_FILE_TMPDIR/prefix"
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install \
		PREFIX="$P" BASHCOMPDIR="$P/completions" \
		SYSTEMDUNITDIR="$P/units" >/dev/null
	INSTANCE=$(systemd-escape --path "$MNT")
	export MNT FSID P INSTANCE
}

teardown_file() {
	fs_teardown_all
}

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# run_service INSTANCE: run the ExecStart= line of the installed service
# for INSTANCE as systemd runs it: continuation lines joined, %f the
# unescaped instance, $$ a dollar, quotes as the shell has them, the
# unit's Environment= and STATE_DIRECTORY, here $BATS_TEST_TMPDIR/state.
run_service() {
	local unit="$P/units/btrfs-heatmap@.service" line path
	path=$(systemd-escape --unescape --path "$1")
	line=$(sed -e ':a' -e '/\\$/{N;s/\\\n/ /;ba}' "$unit" |
		sed -n 's/^ExecStart=//p')
	[ -n "$line" ]
	line=${line//%f/\'$path\'}
	# a single $ systemd would expand itself, from its environment
	line=${line//\$\$/@DOLLAR@}
	[[ "$line" != *'$'* ]] || { echo "unescaped \$ in: $line" >&2; return 1; }
	line=${line//@DOLLAR@/\$}
	mkdir -p "$BATS_TEST_TMPDIR/state"
	eval "set -- $line"
	run --separate-stderr env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		STATE_DIRECTORY="$BATS_TEST_TMPDIR/state" \
		SHOW_OPTIONS="${SHOW_OPTIONS-}" "$@"
}

@test "systemd-analyze verify: the service and the timer, no complaint" {
	run systemd-analyze verify --man=no \
		"$P/units/btrfs-heatmap@$INSTANCE.service" \
		"$P/units/btrfs-heatmap@$INSTANCE.timer"
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
	[ -z "$output" ] || { echo "$output" >&2; return 1; }
	# once a day unless changed, made up after downtime
	grep -qx 'OnCalendar=daily' "$P/units/btrfs-heatmap@.timer"
	grep -qx 'Persistent=true' "$P/units/btrfs-heatmap@.timer"
}

@test "the service's command line: a picture in <state>/<fsid>/, the reference's pixels" {
	local pic
	run_service "$INSTANCE"
	[ "$status" -eq 0 ] || { echo "$output $stderr" >&2; return 1; }
	[ -z "$stderr" ]
	run ls "$BATS_TEST_TMPDIR/state"
	[ "$output" = "$FSID" ]
	run ls "$BATS_TEST_TMPDIR/state/$FSID"
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" =~ ^fsid_${FSID}_at_[0-9]+\.png$ ]]
	pic="$BATS_TEST_TMPDIR/state/$FSID/$output"
	"$REF_HEATMAP" -o ref.png "$MNT" >/dev/null
	assert_same_pixels ref.png "$pic"
}

@test "the service's command line: SHOW_OPTIONS reach show" {
	SHOW_OPTIONS="--sort virtual --curve snake -q"
	run_service "$INSTANCE"
	[ "$status" -eq 0 ] || { echo "$output $stderr" >&2; return 1; }
	[ -z "$output" ] && [ -z "$stderr" ]
	run ls "$BATS_TEST_TMPDIR/state/$FSID"
	[[ "$output" =~ ^fsid_${FSID}_snake_chunks_at_[0-9]+\.png$ ]]
	"$REF_HEATMAP" --sort virtual --curve snake -o ref.png "$MNT" >/dev/null
	assert_same_pixels ref.png "$BATS_TEST_TMPDIR/state/$FSID/$output"
}

@test "the service's command line: not a btrfs mount: an error, no directory" {
	mkdir "$BATS_TEST_TMPDIR/plain"
	run_service "$(systemd-escape --path "$BATS_TEST_TMPDIR/plain")"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"ERROR: no btrfs filesystem uuid for $BATS_TEST_TMPDIR/plain" ]]
	run ls -A "$BATS_TEST_TMPDIR/state"
	[ -z "$output" ]
}
