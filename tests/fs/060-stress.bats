#!/usr/bin/env bats
# Pictures of a filesystem that changes under them: writers, deleters with
# fsync and a balance relocating block groups run while show and bg draw
# 150 pictures.  Every picture is a valid PNG; a run fails only with one
# ERROR line that says the filesystem changed, never a crash, a hang or
# garbage.

load ../common

# STRESS_PICTURES=900 for a longer run by hand
NR_PICTURES=${STRESS_PICTURES:-150}

setup_file() {
	require_loop_root
	MNT=$(fs_make stress "2G")
	mkdir "$MNT/w"
	# data block groups partly used, some to relocate
	for i in $(seq 1 40); do
		head -c 8M /dev/urandom > "$MNT/w/seed$i"
	done
	sync
	rm -f "$MNT"/w/seed*[02468]
	btrfs filesystem sync "$MNT" >/dev/null
	export MNT
}

teardown_file() {
	fs_teardown_all
}

# The background jobs stop when the stop file appears, or are killed.
teardown() {
	local pid
	touch "$BATS_FILE_TMPDIR/stop"
	for pid in ${BG_PIDS:-}; do
		kill "$pid" 2>/dev/null || true
	done
	btrfs balance cancel "$MNT" >/dev/null 2>&1 || true
	for pid in ${BG_PIDS:-}; do
		wait "$pid" 2>/dev/null || true
	done
	BG_PIDS=
}

stopped() {
	[ -e "$BATS_FILE_TMPDIR/stop" ]
}

# writer N: write files of up to 4 MiB with fsync, delete older ones.
writer() {
	local n=$1 i=0
	while ! stopped; do
		dd if=/dev/urandom of="$MNT/w/$n.$i" bs=64k \
			count=$((RANDOM % 64 + 1)) conv=fsync status=none || true
		rm -f "$MNT/w/$n.$((i - 5))"
		i=$((i + 1))
	done
}

# balancer: relocate data and metadata block groups, one pass after the
# other.
balancer() {
	while ! stopped; do
		btrfs balance start -dusage=90 -musage=90 "$MNT" \
			>> "$BATS_FILE_TMPDIR/balance.out" 2>&1 || true
		sleep 0.2
	done
}

@test "$NR_PICTURES pictures while files are written, fsynced and deleted and a balance relocates" {
	local pic out=$BATS_TEST_TMPDIR/out nr_ok=0 nr_transient=0 relocated
	mkdir "$out"
	rm -f "$BATS_FILE_TMPDIR/stop" "$BATS_FILE_TMPDIR/balance.out"
	writer 1 3>&- &
	BG_PIDS="$!"
	writer 2 3>&- &
	BG_PIDS+=" $!"
	balancer 3>&- &
	BG_PIDS+=" $!"

	# not i: bats's run changes a caller's i
	for ((pic = 0; pic < NR_PICTURES; pic++)); do
		case $((pic % 3)) in
		0) run --separate-stderr "$HEATMAP" show -o "$out/$pic.png" "$MNT" ;;
		1) run --separate-stderr "$HEATMAP" bg --all -o "$out/$pic.png" "$MNT" ;;
		2) run --separate-stderr "$HEATMAP" show --sort virtual -o "$out/$pic.png" "$MNT" ;;
		esac
		if [ "$status" -eq 0 ]; then
			[ -z "$stderr" ]
			[ -s "$out/$pic.png" ] || { echo "no picture $pic: $output" >&2; return 1; }
			nr_ok=$((nr_ok + 1))
			continue
		fi
		# The one failure allowed: a clear line about the change, exit
		# 1, and no picture, not even half of one.
		echo "# picture $pic: exit $status: $stderr" >&3
		[ "$status" -eq 1 ]
		[ "${#stderr_lines[@]}" -eq 1 ]
		[[ "$stderr" == "ERROR: "*"changed"* ]]
		[ ! -e "$out/$pic.png" ]
		nr_transient=$((nr_transient + 1))
	done
	teardown

	# Every picture drawn is a PNG an independent decoder reads whole.
	/usr/bin/python3 - "$out"/*.png <<-'EOF'
		import sys
		from PIL import Image
		for name in sys.argv[1:]:
		    with Image.open(name) as im:
		        im.verify()
		    with Image.open(name) as im:
		        im.load()
	EOF
	[ "$nr_ok" -ge $((NR_PICTURES * 9 / 10)) ]
	# and the balance did move block groups under them
	relocated=$(awk '/^Done, had to relocate/ { n += $5 } END { print n + 0 }' \
		"$BATS_FILE_TMPDIR/balance.out")
	[ "$relocated" -gt 0 ]
	# the filesystem took no harm either
	run -0 btrfs scrub start -B "$MNT"
	echo "# $nr_ok pictures, $nr_transient transient failures, $relocated block groups relocated" >&3
}
