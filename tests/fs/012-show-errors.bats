#!/usr/bin/env bats
# show when something is wrong: one ERROR line on stderr, exit status 1,
# and no picture and no temporary file left behind; a picture that was
# there before stays as it was.

load ../common
load show-golden

setup_file() {
	require_loop_root
	MNT=$(fs_make errors "512M")
	dd if=/dev/urandom of="$MNT/data" bs=1M count=32 status=none
	freeze "$MNT"
	# a small tmpfs to fill up, and a read-only one
	TMPFS="$BATS_FILE_TMPDIR/tmpfs"
	ROFS="$BATS_FILE_TMPDIR/rofs"
	mkdir "$TMPFS" "$ROFS"
	fs_mount tmpfs "$TMPFS" -t tmpfs -o size=256k
	fs_mount tmpfs "$ROFS" -t tmpfs -o ro,size=64k
	# and one where device nodes work: the test directory may be on a
	# filesystem mounted nodev (a hardened /tmp)
	DEVFS="$BATS_FILE_TMPDIR/devfs"
	mkdir "$DEVFS"
	fs_mount tmpfs "$DEVFS" -t tmpfs -o dev,size=16m
	export MNT TMPFS ROFS DEVFS
}

teardown_file() {
	fs_teardown_all
}

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

teardown() {
	# a reader left waiting on a FIFO when a test failed
	if [ -n "${READER:-}" ]; then
		kill "$READER" 2>/dev/null || true
	fi
}

# fails PATTERN ARGS...: show ARGS exits 1 with exactly one line on
# stderr, an ERROR line matching the regex PATTERN.
fails() {
	local pattern=$1
	shift
	run --separate-stderr "$HEATMAP" show "$@"
	if [ "$status" -ne 1 ] || [ "${#stderr_lines[@]}" -ne 1 ] ||
	   [[ "$stderr" != "ERROR: "* ]] || ! [[ "$stderr" =~ $pattern ]]; then
		echo "show $*: status $status, want 1" >&2
		echo "stderr: $stderr" >&2
		echo "wanted one ERROR line matching: $pattern" >&2
		return 1
	fi
}

# empty_dir DIR: nothing in DIR, not even a hidden temporary file.
empty_dir() {
	[ -z "$(ls -A "$1")" ] || { ls -la "$1" >&2; return 1; }
}

@test "a path that is not there" {
	fails "^ERROR: no such file or directory: /nonexistent$" -o x.png /nonexistent
	[ -z "$output" ]
	fails "^ERROR: no such file or directory: $MNT/nonexistent$" -o x.png "$MNT/nonexistent"
	empty_dir .
}

@test "a path that is not btrfs" {
	fails "^ERROR: not a btrfs filesystem: /proc$" -o x.png /proc
	[ -z "$output" ]
	fails "^ERROR: not a btrfs filesystem: $TMPFS$" -o x.png "$TMPFS"
	fails "^ERROR: not a btrfs filesystem: $TMPFS$" -o x.png --sort virtual "$TMPFS"
	empty_dir .
	# and the reference agrees that it is not
	run "$REF_HEATMAP" -o x.png "$TMPFS"
	[ "$status" -eq 1 ]
	[[ "$output" == *"Not a btrfs file system?"* ]]
}

@test "an output directory that does not exist" {
	fails "^ERROR: cannot write picture /nonexistent-dir/x.png: No such file or directory$" -o /nonexistent-dir/x.png "$MNT"
	# the lines before the failure are the reference's
	[ "${lines[-1]}" = "pngfile /nonexistent-dir/x.png" ]
	[ ! -e /nonexistent-dir ]
	touch afile
	fails "^ERROR: cannot write picture afile/x.png: Not a directory$" -o afile/x.png "$MNT"
	[ "$(ls -A)" = afile ]
}

@test "a read-only place for the picture" {
	fails "^ERROR: cannot write picture $MNT/x.png: Read-only file system$" -o "$MNT/x.png" "$MNT"
	[ ! -e "$MNT/x.png" ]
	fails "^ERROR: cannot write picture $ROFS/x.png: Read-only file system$" -o "$ROFS/x.png" "$MNT"
	# an automatic name in a read-only directory
	fails "^ERROR: cannot write picture $ROFS/fsid_[0-9a-f-]*_chunks_at_[0-9]*\.png: Read-only file system$" -o "$ROFS" --sort virtual "$MNT"
	empty_dir "$ROFS"
}

@test "a full disk: no half-written picture, the old one stays" {
	local mnt=$TMPFS
	echo "the picture before" > "$mnt/x.png"
	# fill the rest of the space
	dd if=/dev/zero of="$mnt/filler" bs=4k status=none 2>/dev/null || true
	fails "^ERROR: cannot write picture $mnt/x.png: No space left on device$" --size 12 -o "$mnt/x.png" "$MNT"
	[ "$(cat "$mnt/x.png")" = "the picture before" ]
	# nothing else: no temporary .x.png.XXXXXX
	[ "$(ls -A "$mnt" | sort | tr '\n' ' ')" = "filler x.png " ]
	fails "No space left on device$" --size 12 -o "$mnt/new.png" "$MNT"
	[ ! -e "$mnt/new.png" ]
	[ "$(ls -A "$mnt" | sort | tr '\n' ' ')" = "filler x.png " ]
	rm -f "$mnt/filler" "$mnt/x.png"
}

@test "a device node, a FIFO or a symlink is written through, not replaced" {
	# device nodes of our own, where device nodes work
	[[ ",$(findmnt -no OPTIONS --target "$DEVFS")," != *,nodev,* ]]
	mkdir "$DEVFS/$BATS_TEST_NUMBER"
	cd "$DEVFS/$BATS_TEST_NUMBER"
	# one like /dev/null
	mknod null c 1 3
	run --separate-stderr "$HEATMAP" show -o null "$MNT"
	[ "$status" -eq 0 ]
	[ -c null ]
	# and one that is always full, like /dev/full
	mknod full c 1 7
	fails "^ERROR: cannot write picture full: No space left on device$" -o full "$MNT"
	[ -c full ]
	# a symlink stays a symlink, the picture is where it points
	mkdir pics
	ln -s pics/real.png link.png
	run "$HEATMAP" show -o link.png "$MNT"
	[ "$status" -eq 0 ]
	[ -L link.png ]
	(cd pics && "$REF_HEATMAP" -o ref.png "$MNT" > /dev/null)
	assert_same_pixels pics/ref.png pics/real.png
	# a FIFO is read by whoever waits on it
	mkfifo fifo
	cat fifo > from-fifo.png 3>&- &
	READER=$!
	run "$HEATMAP" show -q -o fifo "$MNT"
	[ "$status" -eq 0 ]
	wait "$READER"
	[ -p fifo ]
	assert_same_pixels pics/ref.png from-fifo.png
	# nothing else was made
	[ "$(ls -A | sort | tr '\n' ' ')" = "fifo from-fifo.png full link.png null pics " ]
}

@test "size smaller than order: the reference's message" {
	mkdir ref
	(cd ref && "$REF_HEATMAP" --order 5 --size 3 -o x.png "$MNT") > ref.out 2> ref.err && return 1
	fails "^ERROR: size \(3\) cannot be smaller than order \(5\)$" --order 5 --size 3 -o x.png "$MNT"
	# the same words as the reference's "Error: ..."
	[ "${stderr#ERROR: }" = "$(sed 's/^Error: //' ref.err)" ]
	# and the same lines before it
	[ "$output" = "$(cat ref.out)" ]
	fails "^ERROR: size \(10\) cannot be smaller than order \(11\)$" --order 11 --size 10 --sort virtual -o x.png "$MNT"
	# the reference's command line too
	run --separate-stderr "$HEATMAP" --order 5 --size 3 -o x.png "$MNT"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: size (3) cannot be smaller than order (5)" ]
	empty_dir ref
	[ "$(ls -A | sort | tr '\n' ' ')" = "ref ref.err ref.out " ]
}

@test "a --device that the filesystem does not have" {
	fails "^ERROR: no device with devid 9 in $MNT$" --device 9 -o x.png "$MNT"
	[ -z "$output" ]
	fails "^ERROR: no device with devid 2 in $MNT$" --device 1 --device 2 --sort virtual -o x.png "$MNT"
	fails "^ERROR: no device with devid 18446744073709551615 in $MNT$" --device 18446744073709551615 -o x.png "$MNT"
	empty_dir .
}

@test "an unprivileged user is told to run as root" {
	local nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups) dir
	# let nobody reach the mountpoint and write where it stands, so that
	# only the missing privilege can stop it
	dir=$(dirname "$MNT")
	while [ "$dir" != / ]; do
		chmod o+x "$dir"
		dir=$(dirname "$dir")
	done
	chmod 1777 .
	"${nobody[@]}" test -r "$MNT/data"
	run --separate-stderr "${nobody[@]}" "$HEATMAP" show -o x.png "$MNT"
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "ERROR: "*"run as root"* ]]
	[[ "$stderr" == *"$MNT"* ]]
	[ -z "$output" ]
	run --separate-stderr "${nobody[@]}" "$HEATMAP" --sort virtual "$MNT"
	[ "$status" -eq 1 ]
	[[ "$stderr" == "ERROR: "*"run as root"* ]]
	empty_dir .
	# the reference fails the same way
	run "${nobody[@]}" "$REF_HEATMAP" -o x.png "$MNT"
	[ "$status" -eq 1 ]
	[[ "$output" == *"Try running the script as root user."* ]]
}

@test "a FIFO or a socket as the path: not a btrfs filesystem, no hang" {
	mkfifo fifo
	/usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' sock
	# without a writer, opening the FIFO would wait forever
	run --separate-stderr timeout 30 "$HEATMAP" show -o x.png fifo
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: not a btrfs filesystem: fifo" ]
	run --separate-stderr timeout 30 "$HEATMAP" bg --all -o x.png fifo
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: not a btrfs filesystem: fifo" ]
	run --separate-stderr timeout 30 "$HEATMAP" balance-least-used ./fifo
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: not a btrfs filesystem: ./fifo" ]
	run --separate-stderr timeout 30 "$HEATMAP" -o x.png ./fifo
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: not a btrfs filesystem: ./fifo" ]
	fails "^ERROR: not a btrfs filesystem: sock$" -o x.png sock
	[ "$(ls -A | sort | tr '\n' ' ')" = "fifo sock " ]
}

@test "standard output that cannot be written: one ERROR line, exit 1" {
	run --separate-stderr bash -c "'$HEATMAP' show -o x.png '$MNT' > /dev/full"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: write error on standard output: No space left on device" ]
	# the reference's command line and a dry run too
	run --separate-stderr bash -c "'$HEATMAP' -o y.png '$MNT' > /dev/full"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: write error on standard output: No space left on device" ]
	# each line flushed as it comes: the error is known, not its reason
	# (as coreutils' close_stdout says it)
	run --separate-stderr bash -c "'$HEATMAP' balance-least-used --dry-run '$MNT' > /dev/full"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: write error on standard output" ]
	# the picture to "-": its own error line, no second one
	run --separate-stderr bash -c "'$HEATMAP' show -o - '$MNT' > /dev/full"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: cannot write picture -: No space left on device" ]
	# nothing written to a closed standard output is no error
	run --separate-stderr bash -c "'$HEATMAP' show -q -o z.png '$MNT' >&-"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}
