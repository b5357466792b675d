#!/usr/bin/env bats
# show against the reference on a filesystem of hundreds of block groups,
# where block group items are looked up on several threads: preallocated
# (not written) files in a sparse 500 GiB image, some deleted, some
# punched, so that the block groups have every usage.

load ../common
load show-golden

setup_file() {
	require_loop_root
	MNT=$(fs_make many "500G")
	local i
	for i in $(seq 1 90); do
		fallocate -l $(((i % 7 + 1) * 1024))M "$MNT/f$i"
	done
	for i in $(seq 1 90); do
		case $((i % 3)) in
		0) rm "$MNT/f$i" ;;
		1) fallocate -p -o 0 -l $((i * 8))M "$MNT/f$i" ;;
		esac
	done
	freeze "$MNT"
	export MNT
}

teardown_file() {
	fs_teardown_all
}

@test "hundreds of block groups: more than one thread's share" {
	local chunks
	chunks=$(/usr/bin/python3 -c 'import btrfs, sys
with btrfs.FileSystem(sys.argv[1]) as fs:
    print(len(list(fs.chunks())))' "$MNT")
	[ "$chunks" -ge 300 ] || { echo "only $chunks chunks" >&2; return 1; }
}

@test "every sort and curve: the reference's pixels and lines" {
	same_as_reference "$MNT"
	same_as_reference "$MNT" --sort virtual
	same_as_reference "$MNT" --curve snake --order 7
	same_as_reference "$MNT" -v
	same_as_reference "$MNT" --sort virtual -v --curve linear
}
