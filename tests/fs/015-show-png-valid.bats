#!/usr/bin/env bats
# The PNG files themselves: every picture is valid for pngcheck (chunk
# CRCs, the zlib stream and its Adler-32, the row filters) as well as for
# libpng and PIL (the pixel comparisons), at every size from 1x1 to the
# largest, 32768 pixels square, written to a pipe.

load ../common
load show-golden

setup_file() {
	require_loop_root
	command -v pngcheck >/dev/null || skip_or_fail "needs pngcheck (bin/install-deps)"
	MNT=$(fs_make pngs "2G")
	fill_files "$MNT"
	freeze "$MNT"
	export MNT
}

teardown_file() {
	fs_teardown_all
}

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# valid_png FILE: pngcheck finds nothing wrong with FILE.
valid_png() {
	run pngcheck -q "$1"
	if [ "$status" -ne 0 ]; then
		echo "pngcheck: $1: $output" >&2
		return 1
	fi
}

@test "pictures of every size: the reference's pixels, and pngcheck passes" {
	local args
	while read -r args; do
		same_as_reference "$MNT" $args
		valid_png "$LAST_CMP/ours/pic.png"
	done <<-EOF
	--size 0
	--order 0 --size 1
	--size 5 --curve snake
	--order 3 --size 9
	--sort virtual --order 7
	--order 9
	--order 11
	--order 6 --size 12
	EOF
}

@test "bg pictures pass pngcheck" {
	local vaddr
	vaddr=$("$HEATMAP" show -v -o /dev/null --sort virtual "$MNT" |
		sed -n 's/^block group vaddr \([0-9]*\) .*flags DATA.*/\1/p' | head -1)
	[ -n "$vaddr" ]
	"$HEATMAP" bg --vaddr "$vaddr" -o bg.png "$MNT" > /dev/null
	valid_png bg.png
	"$HEATMAP" bg --vaddr "$vaddr" --size 12 -o bg12.png "$MNT" > /dev/null
	valid_png bg12.png
}

# big_to_pipe OPTIONS...: show OPTIONS -o - into tests/pngstream, which
# checks the PNG as it comes (pngcheck stops inflating a picture this large
# before the end of the zlib stream, so it would not see a wrong Adler-32);
# the peak memory of show goes to mem.
big_to_pipe() {
	run bash -o pipefail -c '/usr/bin/time -f %M -o mem "$0" show "${@:2}" -o - "$MNT" | "$1"' \
		"$HEATMAP" "$TOP/tests/pngstream" "$@"
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
	[ "$output" = "OK 32768x32768" ] || { echo "$output" >&2; return 1; }
	# the memory stays bounded: not a picture (3 GiB), not even a band per row
	[ "$(tail -1 mem)" -lt $((64 * 1024)) ] || { cat mem >&2; return 1; }
}

@test "--size 15 -o -: a 32768-pixel square down a pipe, valid, in bounded memory" {
	big_to_pipe --order 10 --size 15
	big_to_pipe --order 0 --size 15
	big_to_pipe --order 13 --size 15 --curve linear
	# and pngcheck too
	run bash -o pipefail -c '"$0" show --order 9 --size 15 -o - "$MNT" | pngcheck -' "$HEATMAP"
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^OK:\ stdin\ \(32768x32768,\ 24-bit\ RGB ]]
}
