# Helpers for the show tests: run the reference and ours on the same
# mounted filesystem and compare pixels and lines.  Load after ../common.

# cmp_dir: a fresh directory for one comparison, with ref/ and ours/ in it.
cmp_dir() {
	local d
	d=$(mktemp -d "$BATS_TEST_TMPDIR/cmp.XXXXXX")
	mkdir "$d/ref" "$d/ours"
	echo "$d"
}

# same_lines REF OURS: the two outputs are the same, or show how not.
same_lines() {
	if ! cmp -s "$1" "$2"; then
		echo "output differs from the reference's:" >&2
		diff -u "$1" "$2" | head -40 >&2
		return 1
	fi
}

# _compare MNT SUBCOMMAND OPTIONS...: the reference (btrfs-heatmap 9, or the
# command in $REF_RUN) and
# ours with SUBCOMMAND ("show", or "" for the reference's command line),
# both given OPTIONS and "-o pic.png MNT" in their own directories: the
# same lines on stdout (so "pngfile pic.png" too), nothing on our stderr,
# the same pixels.
_compare() {
	local mnt=$1 sub=$2 d
	shift 2
	d=$(cmp_dir)
	echo "$*" > "$d/args"
	(cd "$d/ref" && "${REF_RUN:-$REF_HEATMAP}" "$@" -o pic.png "$mnt") \
		> "$d/ref.out" 2> "$d/ref.err" ||
		{ echo "reference failed: $*" >&2; cat "$d/ref.err" >&2; return 1; }
	(cd "$d/ours" && "$HEATMAP" $sub "$@" -o pic.png "$mnt") \
		> "$d/ours.out" 2> "$d/ours.err" ||
		{ echo "ours failed: $sub $*" >&2; cat "$d/ours.err" >&2; return 1; }
	[ ! -s "$d/ours.err" ] || { cat "$d/ours.err" >&2; return 1; }
	same_lines "$d/ref.out" "$d/ours.out" || { echo "options: $*" >&2; return 1; }
	assert_same_pixels "$d/ref/pic.png" "$d/ours/pic.png" ||
		{ echo "options: $*" >&2; return 1; }
	LAST_CMP=$d
}

# same_as_reference MNT OPTIONS...: show OPTIONS against the reference.
same_as_reference() {
	local mnt=$1
	shift
	_compare "$mnt" show "$@"
}

# legacy_same_as_reference MNT OPTIONS...: our reference command line.
legacy_same_as_reference() {
	local mnt=$1
	shift
	_compare "$mnt" "" "$@"
}

SHOW_REF="$BATS_TEST_DIRNAME/show-reference"

# ref_devices MNT OUT SORT CURVE ORDER SIZE DEVID...: the reference's picture
# of only some devices, through its scripting API (btrfs-heatmap 9 has no
# option for it), in the order given; ORDER and SIZE may be "-".  Prints
# the reference's lines.  $REF_TREE11 set: read tree 11 (show-reference).
ref_devices() {
	"$SHOW_REF" ${REF_TREE11:+--tree11} devices "$@"
}

# ref_tree11 OPTIONS...: the reference's command line reading block group
# items from the block group tree, as python-btrfs 15 does.
ref_tree11() {
	"$SHOW_REF" --tree11 cli "$@"
}

# devices_same_as_reference MNT SORT CURVE ORDER SIZE DEVID...: our
# "show --device" against the reference's walk of those devices.
devices_same_as_reference() {
	local mnt=$1 sort=$2 curve=$3 order=$4 size=$5 d devid
	local args=(--sort "$sort" --curve "$curve")
	shift 5
	[ "$order" = - ] || args+=(--order "$order")
	[ "$size" = - ] || args+=(--size "$size")
	for devid in "$@"; do
		args+=(--device "$devid")
	done
	d=$(cmp_dir)
	(cd "$d/ref" && ref_devices "$mnt" pic.png "$sort" "$curve" "$order" \
		"$size" "$@") > "$d/ref.out"
	(cd "$d/ours" && "$HEATMAP" show "${args[@]}" -o pic.png "$mnt") \
		> "$d/ours.out"
	same_lines "$d/ref.out" "$d/ours.out" || { echo "options: ${args[*]}" >&2; return 1; }
	assert_same_pixels "$d/ref/pic.png" "$d/ours/pic.png" ||
		{ echo "options: ${args[*]}" >&2; return 1; }
	LAST_CMP=$d
}

# devids MNT: the device ids of the filesystem, one per line.
devids() {
	btrfs filesystem show "$1" | awk '$1 == "devid" { print $2 }' | sort -n
}

# fsid MNT: the filesystem's uuid as btrfs filesystem show prints it.
fsid() {
	btrfs filesystem show "$1" | sed -n 's/.*uuid: \([0-9a-f-]*\).*/\1/p' | head -1
}

# not_all_black PNG: some pixel of the picture is not black.
not_all_black() {
	/usr/bin/python3 -c '
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("RGB")
sys.exit(0 if img.getbbox() else 1)' "$1"
}

