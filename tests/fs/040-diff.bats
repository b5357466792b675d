#!/usr/bin/env bats
# diff: two pictures of one filesystem before and after a deletion and a
# balance, a picture against the live filesystem and against itself, the
# reference's pictures by their pixels, JSON, and every refusal.

load ../common

setup_file() {
	require_loop_root
	MNT=$(fs_make diff "3G")
	export MNT
	OUT="$BATS_FILE_TMPDIR/out"
	mkdir -p "$OUT"
	export OUT
	dd if=/dev/urandom of="$MNT/f1" bs=1M count=600 status=none
	dd if=/dev/urandom of="$MNT/keep" bs=1M count=100 status=none
	btrfs filesystem sync "$MNT"
	btrfs filesystem df -b "$MNT" > "$OUT/df-before"
	btrfs filesystem usage -b "$MNT" > "$OUT/usage-before"
	"$HEATMAP" show -q -o "$OUT/before.png" "$MNT"
	"$HEATMAP" bg -q --all -o "$OUT/bg-before.png" "$MNT"
	"$REF_HEATMAP" -q -o "$OUT/ref-before.png" "$MNT"
	rm "$MNT/f1"
	btrfs filesystem sync "$MNT"
	btrfs balance start -dusage=100 "$MNT" >/dev/null
	btrfs filesystem sync "$MNT"
	freeze "$MNT"
	btrfs filesystem df -b "$MNT" > "$OUT/df-after"
	btrfs filesystem usage -b "$MNT" > "$OUT/usage-after"
	"$HEATMAP" show -q -o "$OUT/after.png" "$MNT"
	"$REF_HEATMAP" -q -o "$OUT/ref-after.png" "$MNT"
}

teardown_file() {
	fs_teardown_all
}

# df_field FILE TYPE PROFILE total|used: a number of btrfs filesystem df -b.
df_field() {
	sed -n "s/^$2, $3: total=\([0-9]*\), used=\([0-9]*\)$/\1 \2/p" "$1" |
		awk -v f="$4" '{ print (f == "total") ? $1 : $2 }'
}

@test "diff of two pictures: allocated and used bytes are btrfs filesystem df's" {
	run "$HEATMAP" diff -o "$OUT/d.png" "$OUT/before.png" "$OUT/after.png"
	[ "$status" -eq 0 ]
	[ -s "$OUT/d.png" ]
	local t
	for t in Data Metadata System; do
		local prof b a
		prof=$(sed -n "s/^$t, \([A-Za-z0-9]*\):.*/\1/p" "$OUT/df-before")
		b=$(df_field "$OUT/df-before" "$t" "$prof" total)
		a=$(df_field "$OUT/df-after" "$t" "$prof" total)
		[[ "$output" == *"allocated $t $prof before $b after $a change $((a - b))"* ]]
		b=$(df_field "$OUT/df-before" "$t" "$prof" used)
		a=$(df_field "$OUT/df-after" "$t" "$prof" used)
		[[ "$output" == *"used $t $prof before $b after $a change $((a - b))"* ]]
	done
	[[ "$output" == *"removed type Data"* ]]
	[[ "$output" == *"pixels freed"* ]]
	[[ "$output" == *$'\nchanged'* ]]
}

@test "diff: unallocated bytes per device are btrfs filesystem usage's" {
	run "$HEATMAP" diff -o "$OUT/d.png" "$OUT/before.png" "$OUT/after.png"
	[ "$status" -eq 0 ]
	local b a
	b=$(awk '/Device unallocated:/ { print $3 }' "$OUT/usage-before")
	a=$(awk '/Device unallocated:/ { print $3 }' "$OUT/usage-after")
	[[ "$output" == *"unallocated devid 1 before $b after $a change $((a - b))"* ]]
}

@test "diff --format json: valid JSON with the text's numbers" {
	run "$HEATMAP" diff --format json -o "$OUT/d.png" "$OUT/before.png" "$OUT/after.png"
	[ "$status" -eq 0 ]
	echo "$output" | python3 -m json.tool >/dev/null
	text=$("$HEATMAP" diff -o "$OUT/d.png" "$OUT/before.png" "$OUT/after.png")
	from_json=$(echo "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
for k in ("allocated", "used"):
    for p in d[k]:
        print(k, p["type"], p["profile"], "before", p["before"], "after", p["after"], "change", p["change"])
for u in d["unallocated"]:
    print("unallocated devid", u["devid"], "before", u["before"], "after", u["after"], "change", u["change"])
b = d["block_groups"]
print("block_groups before %d after %d added %d removed %d changed %d" % (b["before"], b["after"], b["added"], b["removed"], b["changed"]))
')
	while read -r line; do
		[[ "$text" == *"$line"* ]] || { echo "not in text: $line"; return 1; }
	done <<< "$from_json"
}

@test "diff of a picture against itself: nothing changed, exit 0" {
	run "$HEATMAP" diff -o "$OUT/same.png" "$OUT/after.png" "$OUT/after.png"
	[ "$status" -eq 0 ]
	[[ "$output" == *"block_groups before"*"added 0 removed 0 changed 0"* ]]
	[[ "$output" == *"pixels equal 1048576 100.00%"* ]]
	[[ "${lines[-1]}" == "no change" ]]
}

@test "diff of a picture against the live filesystem" {
	run "$HEATMAP" diff -o "$OUT/live.png" "$OUT/after.png" "$MNT"
	[ "$status" -eq 0 ]
	[[ "$output" == *"new $MNT live scan at"* ]]
	[[ "${lines[-1]}" == "no change" ]]
	run "$HEATMAP" diff -o "$OUT/live2.png" "$OUT/before.png" "$MNT"
	[ "$status" -eq 0 ]
	[[ "$output" == *"removed type Data"* ]]
}

@test "diff of two btrfs-heatmap 9 pictures: pixels alone" {
	run "$HEATMAP" diff -o "$OUT/ref.png" "$OUT/ref-before.png" "$OUT/ref-after.png"
	[ "$status" -eq 0 ]
	[[ "$output" == *"old $OUT/ref-before.png pixels only"* ]]
	[[ "$output" == *"pixels freed"* ]]
	[[ "$output" != *"allocated Data"* ]]
	# Same pixels as ours: the same classes.
	ours=$("$HEATMAP" diff -o "$OUT/d.png" "$OUT/before.png" "$OUT/after.png" | grep '^pixels')
	[ "$(echo "$output" | grep '^pixels' | sed 's/ bytes.*//')" = "$(echo "$ours" | sed 's/ bytes.*//')" ]
}

@test "show pictures keep the reference's pixels and carry a scan; --no-scan does not" {
	assert_same_pixels "$OUT/ref-after.png" "$OUT/after.png"
	grep -q scAN "$OUT/after.png"
	run "$HEATMAP" show -q --no-scan -o "$OUT/bare.png" "$MNT"
	[ "$status" -eq 0 ]
	run grep -c scAN "$OUT/bare.png"
	[ "$output" = 0 ]
	assert_same_pixels "$OUT/ref-after.png" "$OUT/bare.png"
}

@test "diff refuses different geometries and scopes with one error line" {
	"$HEATMAP" show -q --sort virtual -o "$OUT/virtual.png" "$MNT"
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/after.png" "$OUT/virtual.png"
	[[ "$output" == "ERROR: different geometries: "*"show-physical"*"show-virtual"* ]]
	[ ! -e "$OUT/x.png" ]
	"$HEATMAP" show -q --size 9 -o "$OUT/small.png" "$MNT"
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/after.png" "$OUT/small.png"
	[[ "$output" == "ERROR: different picture sizes: "* ]]
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/bg-before.png" "$OUT/after.png"
	[[ "$output" == "ERROR: different "* ]]
	[ ! -e "$OUT/x.png" ]
}

@test "diff refuses pictures of different filesystems" {
	local other
	other=$(fs_make other "1G")
	"$HEATMAP" show -q --size 10 --order "$(sed -n 's/.*order \([0-9]*\).*/\1/p' <("$HEATMAP" show -o /dev/null "$MNT"))" -o "$OUT/other.png" "$other"
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/after.png" "$OUT/other.png"
	[[ "$output" == "ERROR: different filesystems: "* ]]
	[ "${#lines[@]}" -eq 1 ]
}

@test "diff refuses what is no picture: one error line, exit 1, no output" {
	local f
	echo "no picture" > "$OUT/text.png"
	head -c 3000 "$OUT/after.png" > "$OUT/truncated.png"
	for f in "$OUT/text.png" "$OUT/truncated.png" "$OUT" /dev/null \
		 "$TOP"/tests/fuzz/corpus/*.png; do
		case "$f" in */show.png) continue ;; esac
		run -1 "$HEATMAP" diff -o "$OUT/x.png" "$OUT/after.png" "$f"
		[ "${#lines[@]}" -eq 1 ] || { echo "$f: $output"; return 1; }
		[[ "$output" == "ERROR: "* ]]
		[ ! -e "$OUT/x.png" ]
	done
	run -1 "$HEATMAP" diff -o "$OUT/x.png" "$TOP/tests/fuzz/corpus/hostile-scan.png" "$OUT/after.png"
	[[ "$output" == "ERROR: damaged or hostile scan in "* ]]
}

@test "diff --exit-code: 0 when nothing changed, 2 when something did, 1 on errors" {
	run -0 "$HEATMAP" diff --exit-code -o "$OUT/e.png" "$OUT/after.png" "$OUT/after.png"
	[[ "${lines[-1]}" == "no change" ]]
	run -2 "$HEATMAP" diff --exit-code -o "$OUT/e.png" "$OUT/before.png" "$OUT/after.png"
	[[ "${lines[-1]}" == "changed" ]]
	[ -s "$OUT/e.png" ]
	run -2 "$HEATMAP" diff --exit-code -q -o "$OUT/e.png" "$OUT/before.png" "$MNT"
	[ -z "$output" ]
	run -1 "$HEATMAP" diff --exit-code -o "$OUT/e.png" "$OUT/after.png" "$OUT/nothing.png"
	[[ "$output" == "ERROR: "* ]]
	# Without it, a change is no error.
	run -0 "$HEATMAP" diff -o "$OUT/e.png" "$OUT/before.png" "$OUT/after.png"
}

@test "diff -v: a line for every changed block group" {
	run -0 "$HEATMAP" diff -v -o "$OUT/v.png" "$OUT/before.png" "$OUT/after.png"
	local added removed changed
	read -r added removed changed < <(echo "$output" |
		sed -n 's/^block_groups .* added \([0-9]*\) removed \([0-9]*\) changed \([0-9]*\)$/\1 \2 \3/p')
	[ "$(echo "$output" | grep -c '^block_group ')" -eq $((added + removed + changed)) ]
	[ "$(echo "$output" | grep -c '^block_group [0-9]* removed ')" -eq "$removed" ]
	[ "$(echo "$output" | grep -c '^block_group [0-9]* added ')" -eq "$added" ]
	# JSON lists the same changes, and the device sizes.
	run -0 "$HEATMAP" diff -v --format json -o "$OUT/v.png" "$OUT/before.png" "$OUT/after.png"
	echo "$output" | python3 -c '
import json, sys
d = json.load(sys.stdin)
b = d["block_groups"]
assert len(d["changes"]) == b["added"] + b["removed"] + b["changed"], d["changes"]
assert [s["change"] for s in d["size"]] == [0], d["size"]
assert d["pixels"]["new_space"]["count"] == 0'
}
