#!/usr/bin/env bats
# show against the reference (btrfs-heatmap 9) on one filesystem with the
# mkfs defaults (data single, metadata DUP): the same pixels and the same
# lines for every sort, curve, order and size, and the output options.

load ../common
load show-golden

setup_file() {
	require_loop_root
	MNT=$(fs_make single "1G")
	fill_files "$MNT"
	freeze "$MNT"
	export MNT
}

teardown_file() {
	fs_teardown_all
}

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

@test "default options: same pixels and lines as the reference" {
	same_as_reference "$MNT"
	# the lines themselves, so that a reference that printed nothing fails
	run -0 cat "$LAST_CMP/ours.out"
	[ "${lines[0]}" = "scope device 1" ]
	[[ "${lines[1]}" =~ ^grid\ curve\ hilbert\ order\ 3\ size\ 10\ height\ 8\ width\ 8\ total_bytes\ 1073741824\ bytes_per_pixel\ 16777216.0$ ]]
	[ "${lines[2]}" = "pngfile pic.png" ]
	[ "${#lines[@]}" -eq 3 ]
	# and a picture that is not empty
	not_all_black "$LAST_CMP/ours/pic.png"
}

@test "both sorts, every curve" {
	local sort curve
	for sort in physical virtual; do
		for curve in hilbert linear snake; do
			same_as_reference "$MNT" --sort "$sort" --curve "$curve"
			same_as_reference "$MNT" --sort "$sort" --curve "$curve" --order 5
		done
	done
}

@test "orders and sizes" {
	same_as_reference "$MNT" --order 4
	same_as_reference "$MNT" --order 6 --size 8
	same_as_reference "$MNT" --sort virtual --order 7 --size 7
	same_as_reference "$MNT" --order 1
	same_as_reference "$MNT" --order 0
	same_as_reference "$MNT" --size 0 --curve linear
	same_as_reference "$MNT" --size 5
	same_as_reference "$MNT" --size 11 --curve snake
	same_as_reference "$MNT" --order 8 --size 10 --sort virtual --curve linear
}

@test "--order 11: a picture larger than the default size" {
	same_as_reference "$MNT" --order 11
	grep -q "^grid curve hilbert order 11 size 11 height 2048 width 2048 " "$LAST_CMP/ours.out"
}

@test "-v: the same dev_extent lines (physical) and block group lines (virtual)" {
	same_as_reference "$MNT" -v
	grep -q "^dev_extent devid 1 paddr [0-9]* length [0-9]* pend [0-9]* type DATA used_pct [0-9.]*$" "$LAST_CMP/ours.out"
	grep -q "type METADATA|DUP used_pct" "$LAST_CMP/ours.out"
	same_as_reference "$MNT" --sort virtual -v
	grep -q "^block group vaddr [0-9]* length [0-9]* flags DATA used [0-9]* used_pct [0-9]*$" "$LAST_CMP/ours.out"
	grep -q "^chunk vaddr [0-9]* type METADATA|DUP length [0-9.]*MiB num_stripes 2$" "$LAST_CMP/ours.out"
	grep -q "^allocated physical space for chunk at [0-9]*: " "$LAST_CMP/ours.out"
}

@test "-vv and -vvv: the pixel lines too" {
	same_as_reference "$MNT" -vv --order 5
	grep -q "^    first_pixel [0-9]* [0-9.]*% last_pixel [0-9]* [0-9.]*%$" "$LAST_CMP/ours.out"
	same_as_reference "$MNT" -vv --sort virtual --curve snake --order 6
	grep -q "^    stripe devid 1 offset [0-9]*$" "$LAST_CMP/ours.out"
	same_as_reference "$MNT" -vvv --order 4
	grep -q "^        pixel y [0-9]* x[0-9]* linear [0-9]* rgb #[0-9a-f]\{6\}$" "$LAST_CMP/ours.out"
	same_as_reference "$MNT" -vvv --order 4 --sort virtual --curve linear
	# -v and -q count against each other, as in the reference
	same_as_reference "$MNT" -v -v -q
}

@test "-q and -qq print nothing, and still write the picture" {
	same_as_reference "$MNT" -q
	[ ! -s "$LAST_CMP/ours.out" ]
	same_as_reference "$MNT" --sort virtual -qq
	[ ! -s "$LAST_CMP/ours.out" ]
	[ -s "$LAST_CMP/ours/pic.png" ]
}

@test "-o -: only the PNG on stdout, the reference's pixels" {
	local args
	for args in "" "--sort virtual --curve snake" "-v --order 5"; do
		"$REF_HEATMAP" $args -o - "$MNT" > ref.png
		"$HEATMAP" show $args -o - "$MNT" > ours.png 2> ours.err
		[ ! -s ours.err ]
		# the PNG signature first, the IEND chunk last: no text around it
		[ "$(head -c 8 ours.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
		[ "$(tail -c 12 ours.png | od -An -tx1 | tr -d ' \n')" = 0000000049454e44ae426082 ]
		assert_same_pixels ref.png ours.png
	done
	# and no file named "-"
	[ ! -e ./- ]
}

# auto_name_check DIR PATTERN_SUFFIX BEFORE AFTER: DIR holds exactly one
# file, fsid_<uuid><SUFFIX>_at_<time>.png with BEFORE <= time <= AFTER.
auto_name_check() {
	local dir=$1 suffix=$2 before=$3 after=$4 uuid name t
	uuid=$(fsid "$MNT")
	[[ "$uuid" =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]]
	[ "$(ls -A "$dir" | wc -l)" -eq 1 ] || { ls -A "$dir" >&2; return 1; }
	name=$(ls -A "$dir")
	[[ "$name" =~ ^fsid_${uuid}${suffix}_at_([0-9]+)\.png$ ]] ||
		{ echo "name $name, wanted fsid_${uuid}${suffix}_at_<time>.png" >&2; return 1; }
	t=${BASH_REMATCH[1]}
	[ "$t" -ge "$before" ] && [ "$t" -le "$after" ]
	AUTO_NAME=$name
}

@test "-o DIR: the reference's automatic name inside DIR" {
	local args suffix before after ref_name
	while read -r suffix args; do
		rm -rf out refout && mkdir out refout
		before=$(date +%s)
		run --separate-stderr "$HEATMAP" show $args -o out "$MNT"
		after=$(date +%s)
		[ "$status" -eq 0 ]
		auto_name_check out "${suffix#-}" "$before" "$after"
		[ "${lines[-1]}" = "pngfile out/$AUTO_NAME" ]
		# the reference's name is the same up to the time
		"$REF_HEATMAP" $args -o refout "$MNT" > /dev/null
		ref_name=$(ls refout)
		[ "${ref_name%_at_*}" = "${AUTO_NAME%_at_*}" ]
		assert_same_pixels "refout/$ref_name" "out/$AUTO_NAME"
	done <<-EOF
	- --sort physical
	_chunks --sort virtual
	_linear --curve linear
	_snake_chunks --curve snake --sort virtual
	_linear_chunks --sort virtual --curve linear --order 5
	EOF
	# a trailing slash does not double
	rm -rf out && mkdir out
	run "$HEATMAP" show -o out/ "$MNT"
	[ "$status" -eq 0 ]
	[[ "${lines[-1]}" =~ ^pngfile\ out/fsid_[0-9a-f-]*_at_[0-9]*\.png$ ]]
}

@test "no -o: the automatic name in the current directory" {
	local before after
	mkdir here && cd here
	before=$(date +%s)
	run --separate-stderr "$HEATMAP" show --sort virtual "$MNT"
	after=$(date +%s)
	[ "$status" -eq 0 ]
	auto_name_check . _chunks "$before" "$after"
	[ "${lines[-1]}" = "pngfile $AUTO_NAME" ]
	# the reference's command line names it the same way
	mkdir ../legacy && cd ../legacy
	before=$(date +%s)
	run --separate-stderr "$HEATMAP" --curve snake "$MNT"
	after=$(date +%s)
	[ "$status" -eq 0 ]
	auto_name_check . _snake "$before" "$after"
}

@test "the reference's command line: same pixels and lines" {
	legacy_same_as_reference "$MNT"
	legacy_same_as_reference "$MNT" --sort virtual --curve snake
	legacy_same_as_reference "$MNT" --order=5
	# argparse takes unambiguous abbreviations, and so do we
	legacy_same_as_reference "$MNT" --ord 5 --cur linear --so virtual
	legacy_same_as_reference "$MNT" --sort=virtual --curve=linear --size=9 -v
	legacy_same_as_reference "$MNT" -vv --order 6
	legacy_same_as_reference "$MNT" -q
}

@test "show --device 1 on a one-device filesystem: the reference's device walk" {
	local curve
	for curve in hilbert snake; do
		devices_same_as_reference "$MNT" physical "$curve" - - 1
		grep -qx "scope device 1" "$LAST_CMP/ours.out"
		devices_same_as_reference "$MNT" virtual "$curve" 5 - 1
		grep -qx "scope chunk stripes on devices 1" "$LAST_CMP/ours.out"
	done
}

@test "a path inside the filesystem draws the whole filesystem" {
	same_as_reference "$MNT/small"
	same_as_reference "$MNT/big2" --sort virtual
}

@test "--sync on a read-only filesystem works and draws the same" {
	local args
	mkdir ref ours
	for args in "" "-q --sort virtual"; do
		(cd ref && "$REF_HEATMAP" $args -o pic.png "$MNT") > ref.out
		cd ours
		run --separate-stderr "$HEATMAP" show --sync $args -o pic.png "$MNT"
		cd ..
		[ "$status" -eq 0 ]
		[ -z "$stderr" ]
		[ "$output" = "$(cat ref.out)" ]
		assert_same_pixels ref/pic.png ours/pic.png
	done
}

@test "--sync: data written just now shows" {
	local mnt
	# A filesystem of its own, written to and not frozen: nothing in it
	# is empty for the kernel to remove in the background, and commit=300
	# keeps the kernel from committing on its own while we look.
	mnt=$(fs_make syncfs "512M")
	dd if=/dev/urandom of="$mnt/first" bs=1M count=16 status=none
	btrfs filesystem sync "$mnt"
	mount -o remount,commit=300 "$mnt"
	dd if=/dev/urandom of="$mnt/second" bs=1M count=64 status=none
	"$REF_HEATMAP" --order 5 -o before.png "$mnt" > /dev/null
	run --separate-stderr "$HEATMAP" show --sync --order 5 -o after.png "$mnt"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	"$REF_HEATMAP" --order 5 -o ref-after.png "$mnt" > /dev/null
	assert_same_pixels ref-after.png after.png
	# the 64 MiB written before --sync made the data brighter
	if "$PNGCMP" before.png after.png > /dev/null; then
		echo "--sync made no difference" >&2
		return 1
	fi
}
