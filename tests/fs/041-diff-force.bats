#!/usr/bin/env bats
# diff --force: a device that grew (resize max after growing its loop
# image) and a device added, both sides drawn again from their scans in
# the larger geometry, the new raw space counted and drawn as such; what
# --force never compares; two bg pictures of one block group.

load ../common

setup_file() {
	require_loop_root
	MNT=$(fs_make grow "1G")
	export MNT
	OUT="$BATS_FILE_TMPDIR/out"
	mkdir -p "$OUT"
	export OUT
	dd if=/dev/urandom of="$MNT/f" bs=1M count=300 status=none
	btrfs filesystem sync "$MNT"
	btrfs filesystem usage -b "$MNT" > "$OUT/usage-before"
	"$HEATMAP" show -q -o "$OUT/before.png" "$MNT"
	"$HEATMAP" show -q --curve linear -o "$OUT/before-linear.png" "$MNT"
	"$HEATMAP" show -q --sort virtual -o "$OUT/before-virtual.png" "$MNT"
	# Grow the image and the loop device under it, then the filesystem.
	truncate -s 2G "$BATS_FILE_TMPDIR/grow.1.1.img"
	losetup -c "$(findmnt -no SOURCE "$MNT")"
	btrfs filesystem resize max "$MNT" >/dev/null
	btrfs filesystem sync "$MNT"
	btrfs filesystem usage -b "$MNT" > "$OUT/usage-grown"
	"$HEATMAP" show -q -o "$OUT/grown.png" "$MNT"
	"$HEATMAP" show -q --curve linear -o "$OUT/grown-linear.png" "$MNT"
	"$HEATMAP" show -q --sort virtual -o "$OUT/grown-virtual.png" "$MNT"
}

teardown_file() {
	fs_teardown_all
}

# usage_field FILE "Device size"|"Device unallocated": its bytes.
usage_field() {
	awk -v f="$2:" '{ line = $0; sub(/^[ \t]*/, "", line) }
		index(line, f) == 1 { print $NF; exit }' "$1"
}

# pixel_counts PNG: "RRGGBB count" per colour, most first.
pixel_counts() {
	/usr/bin/python3 -c '
import sys
from collections import Counter
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
print(im.size[0], im.size[1])
for c, n in Counter(im.getdata()).most_common():
    print("%02x%02x%02x %d" % (c + (n,)))' "$1"
}

@test "diff refuses a grown device without --force, saying why" {
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/before.png" "$OUT/grown.png"
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "ERROR: different geometries: $OUT/before.png spans 1073741824 bytes, $OUT/grown.png 2147483648 (a device grew or shrank); --force draws both in one geometry" ]]
	[ ! -e "$OUT/x.png" ]
}

@test "diff --force of a grown device: sizes and unallocated are btrfs filesystem usage's" {
	run -0 "$HEATMAP" diff --force -o "$OUT/d.png" "$OUT/before.png" "$OUT/grown.png"
	local sb sa ub ua
	sb=$(usage_field "$OUT/usage-before" "Device size")
	sa=$(usage_field "$OUT/usage-grown" "Device size")
	ub=$(usage_field "$OUT/usage-before" "Device unallocated")
	ua=$(usage_field "$OUT/usage-grown" "Device unallocated")
	[ "$sa" -gt "$sb" ]
	[[ "$output" == *"size devid 1 before $sb after $sa change $((sa - sb))"* ]]
	[[ "$output" == *"unallocated devid 1 before $ub after $ua change $((ua - ub))"* ]]
	# The new space is no change of the block groups there were.
	[[ "$output" == *"added 0 removed 0 changed 0"* ]]
	[[ "$output" == *"pixels new_space 524288 50.00% bytes $((sa - sb))"* ]]
	[[ "$output" == *"pixels equal 524288 50.00%"* ]]
	[[ "${lines[-1]}" == "changed" ]]
	run -0 "$HEATMAP" diff --force --format json -o "$OUT/d.png" "$OUT/before.png" "$OUT/grown.png"
	echo "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
sb, sa, ub, ua = map(int, sys.argv[1:5])
assert d["size"] == [{"before": sb, "after": sa, "change": sa - sb, "devid": 1}], d["size"]
assert d["unallocated"][0]["before"] == ub and d["unallocated"][0]["after"] == ua
assert d["pixels"]["new_space"]["count"] == 524288
assert d["unchanged"] is False' "$sb" "$sa" "$ub" "$ua"
}

@test "diff --force of a grown device: the picture is the larger geometry, the new half blue" {
	run -0 "$HEATMAP" diff -q --force -o "$OUT/lin.png" "$OUT/before-linear.png" "$OUT/grown-linear.png"
	# Linear curve: the device's second gigabyte is the bottom half.
	run /usr/bin/python3 -c '
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
w, h = im.size
px = im.load()
blue = (0x00, 0x72, 0xb2)
top = sum(1 for y in range(h // 2) for x in range(w) if px[x, y] == blue)
bottom = sum(1 for y in range(h // 2, h) for x in range(w) if px[x, y] == blue)
print(w, h, top, bottom)' "$OUT/lin.png"
	[ "$output" = "1024 1024 0 524288" ]
	# The grown side drawn again from its scan is its own picture.
	"$HEATMAP" diff -q --force --side-by-side -o "$OUT/sbs.png" "$OUT/before.png" "$OUT/grown.png"
	/usr/bin/python3 -c '
import sys
from PIL import Image
Image.open(sys.argv[1]).convert("RGB").crop((1024, 0, 2048, 1024)).save(sys.argv[2])' \
		"$OUT/sbs.png" "$OUT/sbs-new.png"
	assert_same_pixels "$OUT/grown.png" "$OUT/sbs-new.png"
}

@test "diff --force of a grown device drawn by virtual address: the tail is new space" {
	run -0 "$HEATMAP" diff --force -o "$OUT/v.png" "$OUT/before-virtual.png" "$OUT/grown-virtual.png"
	[[ "$output" == *"pixels new_space 524288 50.00%"* ]]
	[[ "$output" == *"added 0 removed 0 changed 0"* ]]
}

@test "diff --force against the live filesystem after it grew" {
	run -0 "$HEATMAP" diff --force -o "$OUT/live.png" "$OUT/before.png" "$MNT"
	[[ "$output" == *"new $MNT live scan at"* ]]
	[[ "$output" == *"pixels new_space 524288 50.00%"* ]]
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/before.png" "$MNT"
	[[ "$output" == "ERROR: different geometries: "*"--force"* ]]
}

@test "diff --force draws pictures of other curves in the newer one's" {
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/grown.png" "$OUT/grown-linear.png"
	[[ "$output" == "ERROR: different geometries: "*"hilbert"*"linear"*"; --force draws both in one geometry" ]]
	run -0 "$HEATMAP" diff --force -o "$OUT/c.png" "$OUT/grown.png" "$OUT/grown-linear.png"
	[[ "${lines[-1]}" == "no change" ]]
}

@test "diff --force still refuses other commands and other filesystems" {
	run -1 "$HEATMAP" diff --force -o "$OUT/x.png" "$OUT/grown.png" "$OUT/grown-virtual.png"
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "ERROR: different geometries: "*"show-physical"*"show-virtual"*"not even with --force" ]]
	local other
	other=$(fs_make other "1G")
	"$HEATMAP" show -q -o "$OUT/other.png" "$other"
	run -1 "$HEATMAP" diff --force -o "$OUT/x.png" "$OUT/grown.png" "$OUT/other.png"
	[ "${#lines[@]}" -eq 1 ]
	[[ "$output" == "ERROR: different filesystems: "* ]]
	[ ! -e "$OUT/x.png" ]
}

@test "diff --force after a device was added: the new device is new space" {
	local dev2 before after
	dev2=$(fs_images added 1G 1)
	"$HEATMAP" show -q -o "$OUT/one.png" "$MNT"
	btrfs device add -f "$dev2" "$MNT" >/dev/null
	btrfs filesystem sync "$MNT"
	btrfs filesystem usage -b "$MNT" > "$OUT/usage-added"
	"$HEATMAP" show -q -o "$OUT/two.png" "$MNT"
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/one.png" "$OUT/two.png"
	[[ "$output" == "ERROR: different geometries: "*"; --force draws both in one geometry" ]]
	run -0 "$HEATMAP" diff --force -o "$OUT/a.png" "$OUT/one.png" "$OUT/two.png"
	# The added device's unallocated space, as btrfs filesystem usage says.
	after=$(awk -v d="$dev2" '/^Unallocated:/ { u = 1 } u && $1 == d { print $2 }' "$OUT/usage-added")
	[ -n "$after" ]
	[[ "$output" == *"size devid 2 before 0 after 1073741824 change 1073741824"* ]]
	[[ "$output" == *"unallocated devid 2 before 0 after $after change $after"* ]]
	# About a third of the picture, drawn blue.
	local n
	n=$(echo "$output" | awk '$1 == "pixels" && $2 == "new_space" { print $3 }')
	[ "$n" -gt 300000 ] && [ "$n" -le 349526 ]
	run pixel_counts "$OUT/a.png"
	[ "${lines[0]}" = "1024 1024" ]
	[[ "$output" == *$'\n'"0072b2 $n"* ]]
}

@test "diff of two bg pictures of the same block groups: used bytes per block group" {
	"$HEATMAP" bg -q --all -o "$OUT/bg1.png" "$MNT"
	# Into the free space of the data block groups there are.
	dd if=/dev/urandom of="$MNT/g" bs=1M count=32 status=none
	btrfs filesystem sync "$MNT"
	"$HEATMAP" bg -q --all -o "$OUT/bg2.png" "$MNT"
	run -0 "$HEATMAP" diff -o "$OUT/bgd.png" "$OUT/bg1.png" "$OUT/bg2.png"
	[[ "$output" == *"used Data single before "*" change 33554432"* ]]
	[[ "$output" == *"added 0 removed 0 changed "[1-9]* ]]
	[[ "$output" == *"filled type Data profile single"* ]]
	[[ "$output" == *"pixels allocated "[1-9]* ]]
}
