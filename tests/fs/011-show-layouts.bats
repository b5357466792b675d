#!/usr/bin/env bats
# show against the reference (btrfs-heatmap 9) on every kind of layout:
# DUP data, RAID0, RAID1 over devices of unequal size, RAID10, RAID1C3,
# RAID5, mixed block groups (and a filesystem so small that the reference
# draws it as one pixel).  Whole filesystem and one device at a time, both
# sorts.

load ../common
load show-golden

setup_file() {
	require_loop_root
	DUP=$(fs_make dup "1G" -d dup)
	RAID0=$(fs_make raid0 "768M 768M" -d raid0 -m raid1)
	RAID1=$(fs_make raid1 "1G 2G" -d raid1 -m raid1)
	RAID10=$(fs_make raid10 "768M 768M 768M 768M" -d raid10 -m raid10)
	RAID1C3=$(fs_make raid1c3 "1G 1G 1G" -d raid1c3 -m raid1c3)
	RAID5=$(fs_make raid5 "512M 512M 512M" -d raid5 -m raid1)
	MIXED=$(fs_make mixed "1G" --mixed)
	TINY=$(fs_make tiny "24M" --mixed)
	local mnt
	for mnt in "$DUP" "$RAID0" "$RAID1" "$RAID10" "$RAID1C3" "$RAID5" \
		   "$MIXED"; do
		fill_files "$mnt"
	done
	for i in $(seq 1 40); do
		head -c $((i * 20000)) /dev/urandom > "$TINY/f$i"
	done
	rm -f "$TINY"/f1?
	for mnt in "$DUP" "$RAID0" "$RAID1" "$RAID10" "$RAID1C3" "$RAID5" \
		   "$MIXED" "$TINY"; do
		freeze "$mnt"
	done
	export DUP RAID0 RAID1 RAID10 RAID1C3 RAID5 MIXED TINY
}

teardown_file() {
	fs_teardown_all
}

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# whole_fs_checks MNT: the whole filesystem, both sorts, lines with -v.
whole_fs_checks() {
	local mnt=$1
	same_as_reference "$mnt"
	same_as_reference "$mnt" --sort virtual
	same_as_reference "$mnt" -v
	same_as_reference "$mnt" -v --sort virtual
	same_as_reference "$mnt" --curve snake --order 5
	same_as_reference "$mnt" --curve linear --sort virtual --order 6 --size 8
	same_as_reference "$mnt" -vv --order 4 --sort virtual
}

# device_checks MNT: each device alone, and all of them in reverse order.
device_checks() {
	local mnt=$1 ids devid
	ids=$(devids "$mnt")
	[ -n "$ids" ]
	for devid in $ids; do
		devices_same_as_reference "$mnt" physical hilbert - - "$devid"
		devices_same_as_reference "$mnt" virtual snake 5 - "$devid"
	done
	# shellcheck disable=SC2046
	devices_same_as_reference "$mnt" physical linear - - $(sort -rn <<< "$ids")
	# shellcheck disable=SC2046
	devices_same_as_reference "$mnt" virtual hilbert 6 9 $(sort -rn <<< "$ids")
}

# has_profile MNT TYPE PROFILE: the filesystem really has that layout.
has_profile() {
	btrfs filesystem df "$1" | grep -q "^$2, $3:"
}

@test "DUP data" {
	has_profile "$DUP" Data DUP
	whole_fs_checks "$DUP"
	grep -q "type DATA|DUP used_pct" <("$HEATMAP" show -v -o x.png "$DUP")
	device_checks "$DUP"
}

@test "RAID0 data, RAID1 metadata" {
	has_profile "$RAID0" Data RAID0
	whole_fs_checks "$RAID0"
	device_checks "$RAID0"
}

@test "RAID1 over a 1G and a 2G device" {
	has_profile "$RAID1" Data RAID1
	whole_fs_checks "$RAID1"
	# the 3 GiB of both devices, device 1 first
	same_as_reference "$RAID1"
	grep -qx "scope device 1 2" "$LAST_CMP/ours.out"
	grep -q " total_bytes 3221225472 " "$LAST_CMP/ours.out"
	device_checks "$RAID1"
	grep -qx "scope chunk stripes on devices 2 1" "$LAST_CMP/ours.out"
}

@test "RAID10 over four devices" {
	has_profile "$RAID10" Data RAID10
	whole_fs_checks "$RAID10"
	device_checks "$RAID10"
	devices_same_as_reference "$RAID10" physical snake - - 3 1
	devices_same_as_reference "$RAID10" virtual linear - - 2 4
	grep -qx "scope chunk stripes on devices 2 4" "$LAST_CMP/ours.out"
}

@test "RAID1C3" {
	has_profile "$RAID1C3" Data RAID1C3
	whole_fs_checks "$RAID1C3"
	device_checks "$RAID1C3"
}

@test "RAID5 data: the parity stripe in the virtual sort" {
	has_profile "$RAID5" Data RAID5
	whole_fs_checks "$RAID5"
	device_checks "$RAID5"
}

@test "mixed block groups" {
	has_profile "$MIXED" "Data+Metadata" single ||
		has_profile "$MIXED" "Data+Metadata" DUP
	whole_fs_checks "$MIXED"
	grep -q "type DATA|METADATA" <("$HEATMAP" show -v -o x.png "$MIXED")
	device_checks "$MIXED"
}

@test "a 24 MiB filesystem: order 0, one pixel" {
	whole_fs_checks "$TINY"
	same_as_reference "$TINY" --sort virtual --curve snake
	grep -q "^grid curve snake order 0 size 10 height 1 width 1 " "$LAST_CMP/ours.out"
	device_checks "$TINY"
}
