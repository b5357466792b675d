#!/usr/bin/env bats
# Which block groups bg draws, and in which order: --newest, --oldest,
# --least-used, --all and --type, checked against lists worked out with
# python-btrfs (tests/bg-reference), never against our own output.
#
# The block-group-tree image of tests/fixtures has eight block groups,
# three of them empty data ones (ties for --least-used); the mixed
# filesystem has block groups that are data and metadata at once.

load ../common

BGREF="$TOP/tests/bg-reference"

setup_file() {
	require_loop_root
	zstd -q -d "$FIXTURES/bgt.img.zst" -o "$BATS_FILE_TMPDIR/bgt.img"
	dev=$(fs_attach_image "$BATS_FILE_TMPDIR/bgt.img" --read-only)
	BGT="$BATS_FILE_TMPDIR/bgt"
	mkdir -p "$BGT"
	fs_mount "$dev" "$BGT" -o ro
	MIXED=$(fs_make mixed "1G" --mixed)
	dd if=/dev/urandom of="$MIXED/a" bs=1M count=30 status=none
	# the selections of tests/bg-reference and ours must see the same
	freeze "$MIXED"
	export BGT MIXED
}

teardown_file() {
	fs_teardown_all
}

# scope_of MNT BG-OPTIONS...: the block groups bg draws, from its scope line.
scope_of() {
	local mnt=$1
	shift
	"$HEATMAP" bg "$@" -o "$BATS_TEST_TMPDIR/x.png" "$mnt" |
		sed -n 's/^scope block_group //p'
}

# expect_scope MNT HOW N TYPE BG-OPTIONS...: bg with those options draws
# what tests/bg-reference selects.
expect_scope() {
	local mnt=$1 how=$2 n=$3 type=$4 want got
	shift 4
	want=$("$BGREF" select "$mnt" "$how" "$n" "$type")
	got=$(scope_of "$mnt" "$@")
	if [ "$want" != "$got" ]; then
		echo "bg $*: want '$want' got '$got'" >&2
		return 1
	fi
}

@test "the image has what these tests rely on: eight block groups, three empty data ones" {
	run -0 "$BGREF" list "$BGT"
	[ "${#lines[@]}" -eq 8 ]
	[ "$(awk '$2 == 1 && $3 == 0' <<< "$output" | wc -l)" -eq 3 ]
}

@test "--newest N: the N data block groups with the highest addresses, in address order" {
	expect_scope "$BGT" newest 1 data --newest 1
	expect_scope "$BGT" newest 4 data --newest 4
	run -0 scope_of "$BGT" --newest 2
	[ "$output" = "436404224 553844736" ]
}

@test "--oldest N: the N data block groups with the lowest addresses" {
	expect_scope "$BGT" oldest 1 data --oldest 1
	expect_scope "$BGT" oldest 3 data --oldest 3
}

@test "--least-used N: least used first, ties in address order" {
	# Three empty data block groups tie at 0: address order.
	expect_scope "$BGT" least-used 2 data --least-used 2
	expect_scope "$BGT" least-used 3 data --least-used 3
	# 64 MiB of 112 MiB (57.1%) comes before 4.7 MiB of 8 MiB (58.6%).
	expect_scope "$BGT" least-used 5 data --least-used 5
	run -0 scope_of "$BGT" --least-used 5
	[ "$output" = "84082688 201523200 318963712 436404224 13631488" ]
	expect_scope "$BGT" least-used 8 any --least-used 8 --type any
}

@test "N larger than the number of block groups: all of them" {
	expect_scope "$BGT" newest 100 data --newest 100
	expect_scope "$BGT" oldest 9 any --oldest 9 --type any
	expect_scope "$BGT" least-used 1000000 data --least-used 1000000
	run -0 scope_of "$BGT" --newest 18446744073709551615 --type any
	[ "$(wc -w <<< "$output")" -eq 8 ]
}

@test "--all: every block group in address order, any type by default" {
	expect_scope "$BGT" all - any --all
	expect_scope "$BGT" all - data --all --type data
	expect_scope "$MIXED" all - any --all
}

@test "--type narrows the selection; mixed block groups are data and metadata" {
	expect_scope "$BGT" oldest 5 metadata --oldest 5 --type metadata
	expect_scope "$BGT" newest 5 system --newest 5 --type system
	run -0 scope_of "$BGT" --all --type system
	[ "$output" = 22020096 ]
	# On the mixed filesystem, data and metadata select the same ones.
	run -0 "$BGREF" list "$MIXED"
	mixed=$(awk '$2 == 5 { print $1 }' <<< "$output" | xargs)
	[ -n "$mixed" ]
	[ "$(scope_of "$MIXED" --all --type data)" = "$mixed" ]
	[ "$(scope_of "$MIXED" --all --type metadata)" = "$mixed" ]
	expect_scope "$MIXED" newest 1 metadata --newest 1 --type metadata
	expect_scope "$MIXED" least-used 9 data --least-used 9
}

@test "least used first: the pixels of walk_extents over that order" {
	order=$("$BGREF" select "$BGT" least-used 8 any)
	cd "$BATS_TEST_TMPDIR"
	"$BGREF" walk "$BGT" ref.png $order > ref.out
	"$HEATMAP" bg --least-used 8 --type any -o ours.png "$BGT" > ours.out
	diff -u <(sed '$d' ref.out) <(sed '$d' ours.out)
	assert_same_pixels ref.png ours.png
}

@test "--vaddr keeps the order given" {
	run -0 scope_of "$BGT" --vaddr 553844736 --vaddr 22020096 --vaddr 13631488
	[ "$output" = "553844736 22020096 13631488" ]
}
