#!/usr/bin/env bats
# A filesystem with the block group tree (block group items in tree 11,
# which python-btrfs 13 does not read): bg must draw what btrfs-heatmap 9
# on python-btrfs 15 drew, tests/fixtures/ref_bgt_bg_553844736.png.

load ../common

setup_file() {
	require_loop_root
	zstd -q -d "$FIXTURES/bgt.img.zst" -o "$BATS_FILE_TMPDIR/bgt.img"
	dev=$(fs_attach_image "$BATS_FILE_TMPDIR/bgt.img" --read-only)
	BGT="$BATS_FILE_TMPDIR/bgt"
	mkdir -p "$BGT"
	# Read-only: mounted writable, the kernel drops the empty block groups.
	fs_mount "$dev" "$BGT" -o ro
	export BGT
}

teardown_file() {
	fs_teardown_all
}

@test "bg --vaddr 553844736: the reference picture" {
	run "$HEATMAP" bg --vaddr 553844736 -o "$BATS_TEST_TMPDIR/bg.png" "$BGT"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "scope block_group 553844736" ]
	assert_same_pixels "$FIXTURES/ref_bgt_bg_553844736.png" "$BATS_TEST_TMPDIR/bg.png"
}

@test "the reference command line --blockgroup 553844736: the reference picture" {
	run "$HEATMAP" --blockgroup 553844736 -o "$BATS_TEST_TMPDIR/legacy.png" "$BGT"
	[ "$status" -eq 0 ]
	assert_same_pixels "$FIXTURES/ref_bgt_bg_553844736.png" "$BATS_TEST_TMPDIR/legacy.png"
}

@test "the metadata block group: tree blocks of the block group tree too" {
	# The reference's walk_extents with block group items read from tree 11.
	cd "$BATS_TEST_TMPDIR"
	"$TOP/tests/bg-reference" walk "$BGT" ref.png 30408704 22020096 > ref.out
	"$HEATMAP" bg --vaddr 30408704 --vaddr 22020096 -o ours.png "$BGT" > ours.out
	diff -u <(sed '$d' ref.out) <(sed '$d' ours.out)
	assert_same_pixels ref.png ours.png
}
