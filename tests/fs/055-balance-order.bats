#!/usr/bin/env bats
# balance-least-used's device-aware order: with --target-unallocated, on
# RAID1 over three devices of which two are full, the block groups on
# the full devices go first, and the unallocated space new chunks can use
# grows more than in the least-used order.

load ../common
load balance

setup_file() {
	require_loop_root
}

teardown_file() {
	fs_teardown_all
}

# three_devices NAME: RAID1 over devices 1 and 2 (1 GiB each) with block
# groups two thirds used, then device 3 (3 GiB) added and filled up with
# block groups one third used, each with a stripe on 3 and one on 1 or
# 2: devices 1 and 2 have no unallocated space left, 3's has no partner.
# Print the mountpoint.
three_devices() {
	local name=$1 mnt dev3 i
	mnt=$(fs_make "$name" "1G 1G" -d raid1 -m raid1)
	dev3=$(fs_images "$name.3" 3G 1)
	for i in $(seq 1 12); do
		head -c 40M /dev/zero > "$mnt/f$i"
	done
	sync
	btrfs device add -f "$dev3" "$mnt" >/dev/null
	for i in $(seq 1 60); do
		head -c 40M /dev/zero > "$mnt/g$i" 2>/dev/null || break
		sync
	done
	sync
	for i in $(seq 1 12); do [ $((i % 3)) -ne 0 ] || rm "$mnt/f$i"; done
	for i in $(seq 1 60); do [ $((i % 3)) -eq 0 ] || rm -f "$mnt/g$i"; done
	btrfs filesystem sync "$mnt"
	# the last, small block group the fill left empty
	btrfs balance start -dusage=0 "$mnt" >/dev/null
	echo "$mnt"
}

# unallocated MNT DEVID: the device's unallocated bytes, as btrfs device
# usage -b has them.
unallocated() {
	btrfs device usage -b "$1" | awk -v id="$2" '
		/, ID: / { dev = $NF } dev == id && /Unallocated:/ { print $2 }'
}

# usable MNT: the unallocated bytes new RAID1 chunks can use, from btrfs
# device usage -b: all of it, or twice what the devices other than the
# one with the most have, when that one has more than all the others.
usable() {
	btrfs device usage -b "$1" | awk '/Unallocated:/ {
		s += $2; if ($2 > m) m = $2 }
		END { r = s - m; printf "%.0f\n", (m > r ? 2 * r : s) }'
}

# data_chunks MNT: each data chunk's address, length and the devids of
# its two stripes, from the chunk tree.
data_chunks() {
	btrfs inspect-internal dump-tree -t chunk "$(findmnt -n -o SOURCE --target "$1")" |
		awk '/CHUNK_ITEM/ { v = $6; sub(/\)/, "", v); d = 0 }
			/type DATA/ { d = 1; ids = "" }
			/type DATA/ { len = $2 }
			/ devid / && d { ids = ids " " $4 }
			/dev_uuid/ && d && ids ~ / [0-9]+ [0-9]+$/ { print v, len ids; d = 0 }'
}

# chunk_of CHUNKS VADDR: "LENGTH DEVID DEVID" of the data chunk at VADDR.
chunk_of() {
	awk -v v="$2" '$1 == v { print $2, $3, $4 }' "$1"
}

@test "--target-unallocated on RAID1 with two full devices: their block groups first, more usable space" {
	local mnt first c u1 u2 before lu_gain da_gain len
	# the least-used order: a block group with a stripe on device 3
	mnt=$(three_devices least)
	data_chunks "$mnt" > "$BATS_TEST_TMPDIR/chunks.least"
	btrfs device usage -b "$mnt"
	cat "$BATS_TEST_TMPDIR/chunks.least"
	[ "$(unallocated "$mnt" 1)" -lt $((64 * 2**20)) ]
	[ "$(unallocated "$mnt" 2)" -lt $((64 * 2**20)) ]
	[ "$(unallocated "$mnt" 3)" -gt $((1024 * 2**20)) ]
	before=$(usable "$mnt")
	u1=$(unallocated "$mnt" 1) u2=$(unallocated "$mnt" 2)
	run --separate-stderr "$HEATMAP" balance-least-used --limit 1 "$mnt"
	echo "$output"
	[ "$status" -eq 0 ]
	first=$(sed -nE 's/^Balance block group vaddr ([0-9]+) .* total [0-9]+$/\1/p' <<< "$output")
	c=$(chunk_of "$BATS_TEST_TMPDIR/chunks.least" "$first")
	[[ " $c " == *" 3 "* ]]
	len=${c%% *}
	# one of the two full devices got space back, not both; the usable
	# space grew by the chunk's one stripe there, paired with device 3
	(( ($(unallocated "$mnt" 1) > u1) + ($(unallocated "$mnt" 2) > u2) == 1 ))
	lu_gain=$(($(usable "$mnt") - before))
	echo "least-used: usable +$lu_gain of a chunk of $len"
	(( lu_gain <= 2 * len + 2**20 ))
	fs_unmount "$mnt"

	# the device-aware order: a block group on devices 1 and 2
	mnt=$(three_devices aware)
	data_chunks "$mnt" > "$BATS_TEST_TMPDIR/chunks.aware"
	before=$(usable "$mnt")
	u1=$(unallocated "$mnt" 1) u2=$(unallocated "$mnt" 2)
	# usable space cannot reach the target: the dry run never says it would
	run --separate-stderr "$HEATMAP" balance-least-used --dry-run --target-unallocated 10g "$mnt"
	echo "$output" "$stderr"
	[ "$status" -eq 0 ]
	run ! grep -q "^Would stop here: unallocated would reach the target" <<< "$output"
	run --separate-stderr "$HEATMAP" balance-least-used -v --limit 1 --target-unallocated 10g "$mnt"
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q "^Order: block groups with stripes on devid 1, devid 2 first, least used first among those: these devices are short of unallocated space, which leaves the others' unusable by new RAID1 data chunks$" <<< "$output"
	first=$(sed -nE 's/^Balance block group vaddr ([0-9]+) .* total [0-9]+$/\1/p' <<< "$output")
	c=$(chunk_of "$BATS_TEST_TMPDIR/chunks.aware" "$first")
	[[ "$c" == *" 1 2" || "$c" == *" 2 1" ]]
	len=${c%% *}
	grep -q "^Taking block group vaddr $first used_pct [0-9]* before vaddr [0-9]* used_pct [0-9]*: 2 of its stripes are on devices short of usable unallocated space, 1 of the other's$" <<< "$output"
	# both full devices got space back, and device 3 pairs with both
	[ "$(unallocated "$mnt" 1)" -gt "$u1" ]
	[ "$(unallocated "$mnt" 2)" -gt "$u2" ]
	da_gain=$(($(usable "$mnt") - before))
	echo "device-aware: usable +$da_gain of a chunk of $len"
	# more than one stripe's worth: both stripes freed where space is
	# missing, each paired with device 3 (less any small chunk the kernel
	# made while relocating)
	(( da_gain >= 3 * len ))
	(( da_gain > lu_gain ))
	# the tool's own account of the usable space agrees with btrfs
	grep -q "^Usable by RAID1 data: unallocated .* -> $(pretty "$(usable "$mnt")") (of .* unallocated in all)$" <<< "$output"
	fs_unmount "$mnt"
}

# pretty BYTES: as the tool prints sizes, in MiB or GiB with two decimals.
pretty() {
	awk -v b="$1" 'BEGIN { if (b >= 2^30) printf "%.2fGiB\n", b / 2^30; else printf "%.2fMiB\n", b / 2^20 }'
}

@test "the reference's order where all the unallocated space is usable, even with a target" {
	local mnt
	mnt=$(fs_make even "1G 1G" -d raid1 -m raid1)
	for i in $(seq 1 8); do head -c 40M /dev/zero > "$mnt/f$i"; done
	sync
	rm "$mnt"/f[1357]
	btrfs filesystem sync "$mnt"
	run --separate-stderr "$HEATMAP" balance-least-used -v --dry-run --target-unallocated 10g "$mnt"
	[ "$status" -eq 0 ]
	local aware=$output
	run ! grep -q "^Order: \|^Taking block group" <<< "$aware"
	grep -q "^Would balance" <<< "$aware"
	diff -u <("$HEATMAP" balance-least-used --dry-run "$mnt" | grep "^Would balance") \
		<(grep "^Would balance" <<< "$aware")
	fs_unmount "$mnt"
}
