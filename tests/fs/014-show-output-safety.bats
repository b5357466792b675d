#!/usr/bin/env bats
# show writing its picture as root where others can write: a symlink that
# somebody else planted is not followed, a picture that was there keeps its
# mode, owner and group, a FIFO without a reader does not hang, and a
# signal leaves no temporary file behind.

load ../common

setup_file() {
	require_loop_root
	MNT=$(fs_make outsafe "1G")
	fill_files "$MNT"
	freeze "$MNT"
	# the reference's picture, to compare what lands where with
	REF="$BATS_FILE_TMPDIR/ref.png"
	(cd "$BATS_FILE_TMPDIR" && "$REF_HEATMAP" -o ref.png "$MNT" > /dev/null)
	export MNT REF
}

teardown_file() {
	fs_teardown_all
}

setup() {
	# a world-writable sticky directory, like /tmp
	PUB="$BATS_TEST_TMPDIR/pub"
	mkdir -m 1777 "$PUB"
	cd "$PUB"
}

teardown() {
	if [ -n "${BG_PID:-}" ] && kill -KILL "$BG_PID" 2>/dev/null; then
		wait "$BG_PID" 2>/dev/null || true
	fi
}

# no_temp_files DIR: no hidden temporary file in DIR.
no_temp_files() {
	[ -z "$(find "$1" -name '.*.png.*')" ] || { ls -la "$1" >&2; return 1; }
}

@test "a symlink somebody else planted is not followed" {
	echo "precious" > "$BATS_TEST_TMPDIR/victim"
	ln -s "$BATS_TEST_TMPDIR/victim" x.png
	chown -h nobody x.png
	run --separate-stderr "$HEATMAP" show -o x.png "$MNT"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: cannot write picture x.png: Permission denied" ]
	[ "$(cat "$BATS_TEST_TMPDIR/victim")" = precious ]
	[ -L x.png ]
	# not through a chain that starts with a link of ours either
	ln -s x.png mine.png
	run --separate-stderr "$HEATMAP" show -o mine.png "$MNT"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: cannot write picture mine.png: Permission denied" ]
	[ "$(cat "$BATS_TEST_TMPDIR/victim")" = precious ]
	# the reference's command line goes the same way
	run --separate-stderr "$HEATMAP" -o x.png "$MNT"
	[ "$status" -eq 1 ]
	[ "$(cat "$BATS_TEST_TMPDIR/victim")" = precious ]
	no_temp_files .
}

@test "a symlink of our own: the file it points to is replaced, the link stays" {
	local before
	mkdir pics
	echo "old picture" > pics/real.png
	before=$(stat -c %i pics/real.png)
	ln -s pics/real.png link.png
	ln -s link.png chain.png
	run --separate-stderr "$HEATMAP" show -o chain.png "$MNT"
	[ "$status" -eq 0 ]
	[ -L link.png ] && [ -L chain.png ]
	[ "$(readlink chain.png)" = link.png ]
	assert_same_pixels "$REF" pics/real.png
	# replaced whole, beside the target, not rewritten in place
	[ "$(stat -c %i pics/real.png)" != "$before" ]
	no_temp_files .
	# a dangling link of ours: the file it names is made
	ln -s pics/new.png dangling.png
	run "$HEATMAP" show -q -o dangling.png "$MNT"
	[ "$status" -eq 0 ]
	assert_same_pixels "$REF" pics/new.png
}

@test "a picture that was there keeps its mode, owner and group" {
	echo "old picture" > x.png
	chmod 0600 x.png
	chown nobody:nogroup x.png
	run "$HEATMAP" show -q -o x.png "$MNT"
	[ "$status" -eq 0 ]
	[ "$(stat -c '%a %U %G' x.png)" = "600 nobody nogroup" ]
	assert_same_pixels "$REF" x.png
	# set-user-ID is not carried over
	chmod 4755 x.png
	run "$HEATMAP" show -q -o x.png "$MNT"
	[ "$status" -eq 0 ]
	[ "$(stat -c '%a' x.png)" = 755 ]
	# a hard link keeps the old picture: the name gets a new file
	echo "old picture" > y.png
	ln y.png y-link.png
	run "$HEATMAP" show -q -o y.png "$MNT"
	[ "$status" -eq 0 ]
	[ "$(cat y-link.png)" = "old picture" ]
	assert_same_pixels "$REF" y.png
	# a new picture gets what open() gives under the umask
	run bash -c "umask 027 && exec '$HEATMAP' show -q -o new.png '$MNT'"
	[ "$status" -eq 0 ]
	[ "$(stat -c '%a %U' new.png)" = "640 root" ]
	no_temp_files .
}

@test "a FIFO that nobody reads: an error after a while, no hang" {
	mkfifo fifo
	run --separate-stderr timeout 60 "$HEATMAP" show -o fifo "$MNT"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: cannot write picture fifo: No such device or address" ]
	[ -p fifo ]
}

# signal_leaves_nothing SIGNAL STATUS: SIGNAL while a large picture is being
# written ends show with STATUS and no temporary file.
signal_leaves_nothing() {
	local sig=$1 want=$2 rc=0 i
	mkdir "out-$sig"
	# a background job of a script starts with SIGINT and SIGQUIT
	# ignored: give it every signal as an interactive shell would
	env --default-signal "$HEATMAP" show --order 12 --size 15 -o "out-$sig/x.png" "$MNT" \
		> /dev/null 2> "err-$sig" 3>&- &
	BG_PID=$!
	# until the temporary file is there, 60 seconds at most
	for ((i = 0; i < 1200; i++)); do
		[ -n "$(find "out-$sig" -name '.x.png.*')" ] && break
		sleep 0.05
	done
	[ -n "$(find "out-$sig" -name '.x.png.*')" ] || {
		echo "no temporary file seen" >&2; return 1; }
	kill -s "$sig" "$BG_PID"
	wait "$BG_PID" || rc=$?
	BG_PID=
	[ "$rc" -eq "$want" ] || { echo "SIG$sig: exit $rc, want $want" >&2; return 1; }
	[ ! -s "err-$sig" ]
	[ -z "$(ls -A "out-$sig")" ] || { ls -la "out-$sig" >&2; return 1; }
}

@test "SIGHUP, SIGQUIT, SIGUSR1, SIGALRM while writing: no temporary file left, exit 128 + signal" {
	signal_leaves_nothing HUP 129
	signal_leaves_nothing QUIT 131
	signal_leaves_nothing USR1 138
	signal_leaves_nothing ALRM 142
	signal_leaves_nothing TERM 143
}

@test "a SIGHUP ignored from the start (nohup) stays ignored" {
	local rc=0 i
	bash -c "trap '' HUP && exec '$HEATMAP' show -q --order 10 --size 13 -o x.png '$MNT'" 3>&- &
	BG_PID=$!
	for ((i = 0; i < 1200; i++)); do
		[ -n "$(find . -name '.x.png.*')" ] && break
		sleep 0.05
	done
	kill -s HUP "$BG_PID" 2>/dev/null || true
	wait "$BG_PID" || rc=$?
	BG_PID=
	[ "$rc" -eq 0 ]
	[ "$(head -c 4 x.png | tail -c 3)" = PNG ]
	no_temp_files .
}
