#!/usr/bin/env bats
# Bash completion of what only a filesystem can tell: the devids for
# --device, the block group addresses for --vaddr and --blockgroup, and
# the mount points of btrfs filesystems for the path.  The addresses are
# compared with the chunk tree as btrfs inspect-internal dumps it.

load ../common

setup_file() {
	require_loop_root
	# two devices, and a space in the mount point as /proc/self/mounts
	# escapes it (\040)
	MNT=$(fs_make "with space" "512M 768M" -d raid1 -m raid1)
	dd if=/dev/urandom of="$MNT/data" bs=1M count=64 status=none
	freeze "$MNT"
	DEV1=$(head -n 1 "$BATS_FILE_TMPDIR/loops")
	export MNT DEV1
}

teardown_file() {
	fs_teardown_all
}

@test "completion: --device offers the devids of the path's filesystem" {
	run complete_words 3 "$HEATMAP" show --device '' "$MNT"
	[ "$output" = "$(printf '1\n2\n')" ]
	# a path inside the filesystem serves as well, also before the option
	run complete_words 4 "$HEATMAP" show "$MNT/data" --device 2
	[ "$output" = 2 ]
}

@test "completion: --vaddr and --blockgroup offer the block group addresses" {
	local want
	want=$(btrfs inspect-internal dump-tree -t chunk "$DEV1" |
		sed -n 's/.*key (FIRST_CHUNK_TREE CHUNK_ITEM \([0-9]*\)).*/\1/p' |
		sort)
	[ "$(wc -l <<< "$want")" -ge 3 ]
	run complete_words 3 "$HEATMAP" bg --vaddr '' "$MNT"
	[ "$output" = "$want" ]
	run complete_words 5 "$HEATMAP" bg "$MNT" --vaddr = ''
	[ "$output" = "$want" ]
	# the reference's command line
	run complete_words 2 "$HEATMAP" --blockgroup '' "$MNT"
	[ "$output" = "$want" ]
}

@test "completion: btrfs mount points for the path, unescaped" {
	run complete_words 2 "$HEATMAP" show ''
	grep -qxF "$MNT" <<< "$output"
	run complete_words 1 btrfs-balance-least-used "${MNT% space}"
	grep -qxF "$MNT" <<< "$output"
	run complete_words 1 "$HEATMAP" "$MNT"
	grep -qxF "$MNT" <<< "$output"
	run complete_words 2 "$HEATMAP" show /proc
	[ "$output" = /proc ]
}
