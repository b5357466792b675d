#!/usr/bin/env bats
# A filesystem with the block group tree (compat_ro BLOCK_GROUP_TREE: block
# group items in tree 11), made by a newer mkfs.btrfs than this system has.
# The Debian reference (python-btrfs 13) looks for block group items in the
# extent tree only and draws it all black; btrfs-heatmap 9 on python-btrfs
# 15 drew tests/fixtures/ref_bgt_show.png, and so must we.

load ../common
load show-golden

setup_file() {
	require_loop_root
	local dev
	zstd -q -d "$FIXTURES/bgt.img.zst" -o "$BATS_FILE_TMPDIR/bgt.img"
	dev=$(fs_attach_image "$BATS_FILE_TMPDIR/bgt.img" --read-only)
	BGT="$BATS_FILE_TMPDIR/bgt"
	mkdir "$BGT"
	# Read-only: mounted writable, the kernel drops its empty block groups
	# and the fixture no longer shows this filesystem.
	fs_mount "$dev" "$BGT" -o ro
	export BGT
}

teardown_file() {
	fs_teardown_all
}

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

@test "the filesystem has the block group tree" {
	local flags
	flags=$(btrfs inspect-internal dump-super "$(findmnt -no SOURCE "$BGT")" |
		awk '$1 == "compat_ro_flags" { print $2 }')
	# compat_ro bit 3
	(( flags & 0x8 ))
}

@test "show, default options: the fixture's pixels" {
	run --separate-stderr "$HEATMAP" show -o ours.png "$BGT"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "${lines[0]}" = "scope device 1" ]
	[ "${lines[1]}" = "grid curve hilbert order 3 size 10 height 8 width 8 total_bytes 1073741824 bytes_per_pixel 16777216.0" ]
	[ "${lines[2]}" = "pngfile ours.png" ]
	assert_same_pixels "$FIXTURES/ref_bgt_show.png" ours.png
}

@test "the reference's command line: the fixture's pixels" {
	run "$HEATMAP" -o legacy.png "$BGT"
	[ "$status" -eq 0 ]
	assert_same_pixels "$FIXTURES/ref_bgt_show.png" legacy.png
}

@test "the Debian reference is wrong here: all black, where we are not" {
	"$REF_HEATMAP" -o debian.png "$BGT" > /dev/null
	"$REF_HEATMAP" --sort virtual -o debian-virtual.png "$BGT" > /dev/null
	# every pixel black, in both sorts
	run not_all_black debian.png
	[ "$status" -eq 1 ]
	run not_all_black debian-virtual.png
	[ "$status" -eq 1 ]
	# so not the right picture ...
	run "$PNGCMP" "$FIXTURES/ref_bgt_show.png" debian.png
	[ "$status" -eq 1 ]
	# ... which is not black, and ours is not either
	not_all_black "$FIXTURES/ref_bgt_show.png"
	"$HEATMAP" show -o ours.png "$BGT" > /dev/null
	not_all_black ours.png
	"$HEATMAP" show --sort virtual -o ours-virtual.png "$BGT" > /dev/null
	not_all_black ours-virtual.png
}

@test "the reference reading tree 11 draws the fixture: it is a fair judge" {
	# show-reference --tree11 changes only where python-btrfs looks for
	# block group items; it must reproduce what python-btrfs 15 drew.
	mkdir ref && cd ref
	ref_tree11 -o ref.png "$BGT" > /dev/null
	assert_same_pixels "$FIXTURES/ref_bgt_show.png" ref.png
}

@test "--sort virtual, curves, orders and -v lines: the reference reading tree 11" {
	export REF_RUN=ref_tree11
	same_as_reference "$BGT" --sort virtual
	not_all_black "$LAST_CMP/ours/pic.png"
	same_as_reference "$BGT" -v
	grep -q "^dev_extent devid 1 .* type DATA used_pct" "$LAST_CMP/ours.out"
	same_as_reference "$BGT" -v --sort virtual
	grep -q "^block group vaddr .* flags METADATA|DUP used" "$LAST_CMP/ours.out"
	same_as_reference "$BGT" --curve snake --order 6
	same_as_reference "$BGT" --curve linear --sort virtual --order 7 --size 8
	same_as_reference "$BGT" -vv --order 4
}

@test "--device 1 on it: the reference's device walk reading tree 11" {
	export REF_TREE11=1
	devices_same_as_reference "$BGT" physical hilbert - - 1
	devices_same_as_reference "$BGT" virtual snake 5 - 1
	not_all_black "$LAST_CMP/ours/pic.png"
}
