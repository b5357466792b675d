#!/usr/bin/env bats
# --format json on show and bg: one JSON document instead of the
# reference's lines, its numbers those of btrfs filesystem usage -b and
# btrfs filesystem df -b; the option before the command too.

load ../common

setup_file() {
	require_loop_root
	MNT=$(fs_make json "1G 1G" -d raid1 -m raid1)
	export MNT
	head -c 80M /dev/urandom > "$MNT/a"
	sync
}

teardown_file() {
	fs_teardown_all
}

# py SCRIPT FILE: run python SCRIPT with the JSON document in FILE as d.
py() {
	python3 -c "import json, sys; d = json.load(open(sys.argv[1])); $1" "$2"
}

# What btrfs filesystem df -b says: "Type profile total used" per line.
df_lines() {
	btrfs filesystem df -b "$MNT" | grep -v GlobalReserve |
		sed -E 's/^([A-Za-z+]+), ([A-Za-z0-9]+): total=([0-9]+), used=([0-9]+)$/\1 \2 \3 \4/' | sort
}

@test "show --format json: devices as btrfs filesystem usage, space as btrfs filesystem df" {
	run --separate-stderr "$HEATMAP" show --format json -o "$BATS_TEST_TMPDIR/s.png" "$MNT"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/s.json"
	python3 -m json.tool "$BATS_TEST_TMPDIR/s.json" >/dev/null
	[ "$(py 'print(d["file"])' "$BATS_TEST_TMPDIR/s.json")" = "$BATS_TEST_TMPDIR/s.png" ]
	[ -s "$BATS_TEST_TMPDIR/s.png" ]
	[ "$(py 'g = d["geometry"]; print(g["curve"], g["size"], g["width"], g["height"])' "$BATS_TEST_TMPDIR/s.json")" = "hilbert 10 1024 1024" ]
	assert_lines "$(df_lines)" \
		"$(py 'print("\n".join("%s %s %d %d" % (p["type"], p["profile"], p["allocated"], p["used"]) for p in d["profiles"]))' "$BATS_TEST_TMPDIR/s.json" | sort)"
	# per device: size and unallocated, as btrfs device usage -b (the
	# per-device part of btrfs filesystem usage)
	local devid size unalloc
	[ "$(py 'print(len(d["devices"]))' "$BATS_TEST_TMPDIR/s.json")" -eq 2 ]
	for devid in 1 2; do
		btrfs device usage -b "$MNT" | sed -n "/, ID: $devid\$/,/^\$/p" > "$BATS_TEST_TMPDIR/dev"
		size=$(awk '/Device size:/ { print $3 }' "$BATS_TEST_TMPDIR/dev")
		unalloc=$(awk '/Unallocated:/ { print $2 }' "$BATS_TEST_TMPDIR/dev")
		[ -n "$size" ] && [ -n "$unalloc" ]
		[ "$(py "print(*[(x['size'], x['unallocated']) for x in d['devices'] if x['devid'] == $devid][0])" "$BATS_TEST_TMPDIR/s.json")" = "$size $unalloc" ]
	done
	# and the whole: btrfs filesystem usage -b's device size and unallocated
	[ "$(py 'print(sum(x["size"] for x in d["devices"]), sum(x["unallocated"] for x in d["devices"]))' "$BATS_TEST_TMPDIR/s.json")" = \
	  "$(btrfs filesystem usage -b "$MNT" | awk '/Device size:/ { s = $3 } /Device unallocated:/ { u = $3 } END { print s, u }')" ]
}

@test "show: the default output stays the reference's lines; --format text the same" {
	run --separate-stderr "$HEATMAP" show -o "$BATS_TEST_TMPDIR/t.png" "$MNT"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "pngfile $BATS_TEST_TMPDIR/t.png" ]
	[[ "${lines[0]}" == "scope device 1 2" ]]
	text=$output
	run --separate-stderr "$HEATMAP" show --format text -o "$BATS_TEST_TMPDIR/t.png" "$MNT"
	[ "$output" = "$text" ]
}

@test "bg --format json: every block group with address, type, profile, length, used" {
	run --separate-stderr "$HEATMAP" bg --all --format json -o "$BATS_TEST_TMPDIR/b.png" "$MNT"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/b.json"
	python3 -m json.tool "$BATS_TEST_TMPDIR/b.json" >/dev/null
	# the block groups of -v's lines, to the byte
	"$HEATMAP" show --sort virtual -v -o /dev/null "$MNT" |
		sed -n 's/^block group vaddr \([0-9]*\) length \([0-9]*\) flags \([A-Z0-9]*\)|\([A-Z0-9]*\) used \([0-9]*\) .*/\1 \2 \5/p' | sort > "$BATS_TEST_TMPDIR/want"
	[ -s "$BATS_TEST_TMPDIR/want" ]
	py 'print("\n".join("%d %d %d" % (b["vaddr"], b["length"], b["used"]) for b in d["block_groups"]))' "$BATS_TEST_TMPDIR/b.json" | sort > "$BATS_TEST_TMPDIR/got"
	assert_lines "$(cat "$BATS_TEST_TMPDIR/want")" "$(cat "$BATS_TEST_TMPDIR/got")"
	[ "$(py 'print(sorted(set((b["type"], b["profile"]) for b in d["block_groups"])))' "$BATS_TEST_TMPDIR/b.json")" = "[('Data', 'RAID1'), ('Metadata', 'RAID1'), ('System', 'RAID1')]" ]
	[ "$(py 'print(d["command"], d["file"])' "$BATS_TEST_TMPDIR/b.json")" = "bg $BATS_TEST_TMPDIR/b.png" ]
}

@test "--format json before the command, as btrfs-progs has it" {
	run --separate-stderr "$HEATMAP" --format json show -o "$BATS_TEST_TMPDIR/g.png" "$MNT"
	[ "$status" -eq 0 ]
	printf '%s\n' "$output" | python3 -m json.tool >/dev/null
	run --separate-stderr "$HEATMAP" --format=json bg --newest 1 -o "$BATS_TEST_TMPDIR/g.png" "$MNT"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["block_groups"]))')" = 1 ]
}

@test "--format: bad values and conflicts get one ERROR line" {
	run -1 --separate-stderr "$HEATMAP" show --format xml "$MNT"
	[[ "$stderr" == "ERROR: invalid --format 'xml': choose text or json"* ]]
	run -1 --separate-stderr "$HEATMAP" show --format json -o - "$MNT"
	[[ "$stderr" == "ERROR: --format json and --output - both want standard output"* ]]
	[ -z "$output" ]
	run -1 --separate-stderr "$HEATMAP" show --format json --no-scan -o /dev/null "$MNT"
	[[ "$stderr" == "ERROR: --format json describes the picture from its scan: not with --no-scan"* ]]
	run -1 --separate-stderr "$HEATMAP" --format json film "$MNT"
	[[ "$stderr" == "ERROR: "* ]]
}
