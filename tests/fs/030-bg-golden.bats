#!/usr/bin/env bats
# bg draws the inside of block groups with the same pixels and the same
# lines as the reference: btrfs-heatmap 9's --blockgroup for one block
# group, its walk_extents() for several, on the same filesystems.

load ../common

BGREF="$TOP/tests/bg-reference"

# Subvolume trees, a snapshot of one and changes on both sides: tree blocks
# of many trees, shared ones among them, and partly used block groups.
fill_trees() {
	local mnt=$1 i
	btrfs subvolume create "$mnt/sub" >/dev/null
	dd if=/dev/urandom of="$mnt/sub/data" bs=1M count=40 status=none
	for i in $(seq 1 300); do
		head -c $((RANDOM % 6000 + 100)) /dev/urandom > "$mnt/sub/f$i"
	done
	sync
	btrfs subvolume snapshot "$mnt/sub" "$mnt/snap" >/dev/null
	for i in $(seq 1 60); do echo more >> "$mnt/snap/f$i"; done
	sync
	for i in $(seq 100 160); do echo more >> "$mnt/sub/f$i"; done
	rm -f "$mnt"/sub/f2?
	btrfs filesystem sync "$mnt" >/dev/null
}

setup_file() {
	local mnt
	require_loop_root
	SINGLE=$(fs_make single "1G")
	fill_files "$SINGLE"
	fill_trees "$SINGLE"
	MIXED=$(fs_make mixed "1G" --mixed)
	fill_trees "$MIXED"
	RAID1=$(fs_make raid1 "1G 1G" -d raid1 -m raid1)
	fill_trees "$RAID1"
	THICK=$(fs_make thick "1G" -O ^skinny-metadata)
	fill_trees "$THICK"
	# 40,000 data extents of 4 KiB, 30,000 and more in one block group:
	# its extent items take three search buffers of 1 MiB and more.
	MANY=$(fs_make many "3G")
	mount -o remount,max_inline=0 "$MANY"
	/usr/bin/python3 - "$MANY" <<-'EOF'
		import os, sys
		block = bytes(range(256)) * 16
		for i in range(40000):
		    d = os.path.join(sys.argv[1], 'd%02d' % (i // 1000))
		    if i % 1000 == 0:
		        os.mkdir(d)
		    with open(os.path.join(d, 'f%05d' % i), 'wb') as f:
		        f.write(i.to_bytes(4, 'little') + block[4:])
	EOF
	# The reference and ours run one after the other: nothing may change
	# in between (see freeze).
	for mnt in "$SINGLE" "$MIXED" "$RAID1" "$THICK" "$MANY"; do
		freeze "$mnt"
	done
	export SINGLE MIXED RAID1 THICK MANY
}

teardown_file() {
	fs_teardown_all
}

# bg_of MNT FLAGS: the block groups whose flags are exactly FLAGS, as
# python-btrfs lists them, in address order.
bg_of() {
	local list
	list=$("$BGREF" list "$1") || return
	awk -v f="$2" '$2 == f { print $1 }' <<< "$list"
}

# bg_all MNT: every block group's address, failing if there is none, so
# that a loop over them cannot pass by running zero times.
bg_all() {
	local list
	list=$("$BGREF" list "$1") || return
	[ -n "$list" ] || return
	cut -d' ' -f1 <<< "$list"
}

# The data block group with the most bytes in use.
fullest_data_bg() {
	"$BGREF" list "$1" | awk '$2 == 1' | sort -k3,3n | tail -1 | cut -d' ' -f1
}

# same_as_reference MNT VADDR [options...]: the reference's --blockgroup
# and our bg --vaddr draw the same pixels and print the same lines.
same_as_reference() {
	local mnt=$1 vaddr=$2 d
	shift 2
	d="$BATS_TEST_TMPDIR/$vaddr$*"
	d=${d// /_}
	mkdir -p "$d/ref" "$d/ours"
	(cd "$d/ref" && "$REF_HEATMAP" "$@" --blockgroup "$vaddr" -o x.png "$mnt") > "$d/ref.out"
	(cd "$d/ours" && "$HEATMAP" bg "$@" --vaddr "$vaddr" -o x.png "$mnt") > "$d/ours.out"
	diff -u "$d/ref.out" "$d/ours.out"
	assert_same_pixels "$d/ref/x.png" "$d/ours/x.png"
}

@test "a data block group: same pixels and lines as the reference" {
	vaddr=$(fullest_data_bg "$SINGLE")
	[ -n "$vaddr" ]
	same_as_reference "$SINGLE" "$vaddr"
}

@test "a block group of 30,000 extents and more (several search buffers, read ahead): same as the reference" {
	vaddr=$(fullest_data_bg "$MANY")
	used=$("$BGREF" list "$MANY" | awk -v v="$vaddr" '$1 == v { print $3 }')
	[ "$used" -ge $((30000 * 4096)) ]
	same_as_reference "$MANY" "$vaddr"
	same_as_reference "$MANY" "$vaddr" --curve linear --order 7
}

@test "a DUP metadata block group: tree blocks coloured as the reference colours them" {
	vaddrs=$(bg_of "$SINGLE" $((0x4 | 0x20)))
	[ -n "$vaddrs" ]
	for vaddr in $vaddrs; do
		same_as_reference "$SINGLE" "$vaddr"
	done
}

@test "the system block group: same as the reference" {
	vaddr=$(bg_of "$SINGLE" $((0x2 | 0x20)))
	[ -n "$vaddr" ]
	same_as_reference "$SINGLE" "$vaddr"
}

@test "mixed data and metadata block groups: same as the reference" {
	run -0 bg_of "$MIXED" $((0x1 | 0x4))
	[ -n "$output" ]
	vaddrs=$(bg_all "$MIXED")
	for vaddr in $vaddrs; do
		same_as_reference "$MIXED" "$vaddr"
	done
}

@test "RAID1 over two devices: every block group as the reference draws it" {
	vaddrs=$(bg_all "$RAID1")
	for vaddr in $vaddrs; do
		same_as_reference "$RAID1" "$vaddr"
	done
}

@test "without skinny metadata (tree blocks as extent items): same as the reference" {
	vaddrs=$(bg_all "$THICK")
	for vaddr in $vaddrs; do
		same_as_reference "$THICK" "$vaddr"
	done
}

@test "curve, order and size as given, like the reference" {
	data=$(fullest_data_bg "$SINGLE")
	meta=$(bg_of "$SINGLE" $((0x4 | 0x20)) | head -1)
	same_as_reference "$SINGLE" "$data" --curve snake --order 7 --size 9
	same_as_reference "$SINGLE" "$meta" --curve linear --size 11
	same_as_reference "$MIXED" "$(bg_of "$MIXED" 5 | tail -1)" --order 10
}

@test "the reference command line --blockgroup: output and pixels of btrfs-heatmap 9" {
	vaddrs=$(bg_all "$SINGLE")
	for vaddr in $vaddrs; do
		mkdir -p "$BATS_TEST_TMPDIR/$vaddr/ref" "$BATS_TEST_TMPDIR/$vaddr/ours"
		(cd "$BATS_TEST_TMPDIR/$vaddr/ref" &&
			"$REF_HEATMAP" --blockgroup "$vaddr" -o x.png "$SINGLE") > "$BATS_TEST_TMPDIR/ref.out"
		(cd "$BATS_TEST_TMPDIR/$vaddr/ours" &&
			"$HEATMAP" --blockgroup "$vaddr" -o x.png "$SINGLE") > "$BATS_TEST_TMPDIR/ours.out"
		diff -u "$BATS_TEST_TMPDIR/ref.out" "$BATS_TEST_TMPDIR/ours.out"
		assert_same_pixels "$BATS_TEST_TMPDIR/$vaddr/ref/x.png" \
			"$BATS_TEST_TMPDIR/$vaddr/ours/x.png"
	done
}

@test "several block groups in the order given: the reference's walk_extents" {
	meta=$(bg_of "$SINGLE" $((0x4 | 0x20)) | head -1)
	sys=$(bg_of "$SINGLE" $((0x2 | 0x20)))
	data=$(fullest_data_bg "$SINGLE")
	cd "$BATS_TEST_TMPDIR"
	"$BGREF" walk "$SINGLE" ref.png "$meta" "$data" "$sys" > ref.out
	"$HEATMAP" bg --vaddr "$meta" --vaddr "$data" --vaddr "$sys" \
		-o ours.png "$SINGLE" > ours.out
	diff -u <(sed '$d' ref.out) <(sed '$d' ours.out)
	grep -qx "scope block_group $meta $data $sys" ours.out
	assert_same_pixels ref.png ours.png
}

@test "--all: every block group back to back, as walk_extents of all of them" {
	for mnt in "$SINGLE" "$MIXED" "$RAID1"; do
		cd "$BATS_TEST_TMPDIR"
		"$BGREF" walk "$mnt" ref.png --curve snake $("$BGREF" list "$mnt" | cut -d' ' -f1) > ref.out
		"$HEATMAP" bg --all --curve snake -o ours.png "$mnt" > ours.out
		diff -u <(sed '$d' ref.out) <(sed '$d' ours.out)
		assert_same_pixels ref.png ours.png
	done
}

@test "--newest 4: the reference's example of the four newest DATA block groups" {
	cd "$BATS_TEST_TMPDIR"
	/usr/bin/python3 - "$SINGLE" <<-'EOF' > ref.out
		import importlib.machinery, importlib.util, sys
		import btrfs
		loader = importlib.machinery.SourceFileLoader('heatmap', '/usr/bin/btrfs-heatmap')
		spec = importlib.util.spec_from_loader('heatmap', loader)
		heatmap = importlib.util.module_from_spec(spec)
		loader.exec_module(heatmap)
		fs = btrfs.FileSystem(sys.argv[1])
		four_newest_bg = [fs.block_group(chunk.vaddr, chunk.length)
		                  for chunk in fs.chunks()
		                  if chunk.type & btrfs.BLOCK_GROUP_DATA][-4:]
		grid = heatmap.walk_extents(fs, four_newest_bg, curve='hilbert')
		grid.write_png('ref.png')
	EOF
	"$HEATMAP" bg --newest 4 -o ours.png "$SINGLE" > ours.out
	diff -u <(sed '$d' ref.out) <(sed '$d' ours.out)
	assert_same_pixels ref.png ours.png
}

@test "automatic file names: the reference's for one block group, blockgroups_N_startat_FIRST for several" {
	fsid=$(/usr/bin/python3 -c 'import btrfs, sys; print(btrfs.FileSystem(sys.argv[1]).fsid)' "$SINGLE")
	data=$(fullest_data_bg "$SINGLE")
	first=$("$BGREF" list "$SINGLE" | head -1 | cut -d' ' -f1)
	nr=$("$BGREF" list "$SINGLE" | wc -l)
	mkdir "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
	"$REF_HEATMAP" --blockgroup "$data" -o "$BATS_TEST_TMPDIR/ref" "$SINGLE" >/dev/null
	"$HEATMAP" bg --vaddr "$data" -o "$BATS_TEST_TMPDIR/ours" "$SINGLE" >/dev/null
	(cd "$BATS_TEST_TMPDIR/ours" && "$HEATMAP" bg --all --curve linear "$SINGLE" >/dev/null)
	run -0 ls "$BATS_TEST_TMPDIR/ref"
	[[ "$output" =~ ^fsid_${fsid}_blockgroup_${data}_at_[0-9]+\.png$ ]]
	ref_name=${output%_at_*}
	run -0 ls "$BATS_TEST_TMPDIR/ours"
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[0]}" =~ ^fsid_${fsid}_blockgroup_${data}_at_[0-9]+\.png$ ]]
	[ "${lines[0]%_at_*}" = "$ref_name" ]
	[[ "${lines[1]}" =~ ^fsid_${fsid}_linear_blockgroups_${nr}_startat_${first}_at_[0-9]+\.png$ ]]
}

@test "-o -: the picture alone on standard output" {
	data=$(fullest_data_bg "$SINGLE")
	"$REF_HEATMAP" --blockgroup "$data" -o - "$SINGLE" > "$BATS_TEST_TMPDIR/ref.png"
	"$HEATMAP" bg --vaddr "$data" -o - "$SINGLE" > "$BATS_TEST_TMPDIR/ours.png"
	assert_same_pixels "$BATS_TEST_TMPDIR/ref.png" "$BATS_TEST_TMPDIR/ours.png"
}

@test "-v: a line per block group with type, profile, length and use" {
	meta=$(bg_of "$RAID1" $((0x4 | 0x10)) | head -1)
	data=$(fullest_data_bg "$SINGLE")
	cd "$BATS_TEST_TMPDIR"
	# What the line must say, from python-btrfs.
	expect() {
		/usr/bin/python3 - "$1" "$2" <<-'EOF'
			import sys, btrfs
			fs = btrfs.FileSystem(sys.argv[1])
			bg = fs.block_group(int(sys.argv[2]))
			type_ = btrfs.utils.block_group_type_str(bg.flags)
			profile = btrfs.utils.block_group_profile_str(bg.flags)
			print("block_group {} type {} profile {} length {} used {} used_pct {:.2f}".format(
			    bg.vaddr, type_, 'single' if profile in ('', 'none') else profile,
			    btrfs.utils.pretty_size(bg.length), btrfs.utils.pretty_size(bg.used),
			    bg.used / bg.length * 100))
		EOF
	}
	run "$HEATMAP" bg -v --vaddr "$meta" -o x.png "$RAID1"
	[ "$status" -eq 0 ]
	want=$(expect "$RAID1" "$meta")
	[[ "$want" == *"type METADATA profile RAID1 "* ]]
	[ "${lines[2]}" = "$want" ]
	# The reference's own -v line for the block group follows.
	grep -qx "block group vaddr $meta length [0-9]* flags METADATA|RAID1 used [0-9]* used_pct [0-9]*" <<< "$output"
	run -0 "$HEATMAP" bg -v --vaddr "$data" -o x.png "$SINGLE"
	want=$(expect "$SINGLE" "$data")
	[[ "$want" == *"type DATA profile single "* ]]
	[ "${lines[2]}" = "$want" ]
	# The reference's command line prints only the reference's lines.
	run -0 "$HEATMAP" -v --blockgroup "$data" -o x.png "$SINGLE"
	grep -q "^block group vaddr $data " <<< "$output"
	run -1 grep -q "^block_group " <<< "$output"
}

@test "-q: no lines, the picture still written" {
	data=$(fullest_data_bg "$SINGLE")
	run "$HEATMAP" bg -q --vaddr "$data" -o "$BATS_TEST_TMPDIR/q.png" "$SINGLE"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -s "$BATS_TEST_TMPDIR/q.png" ]
}
