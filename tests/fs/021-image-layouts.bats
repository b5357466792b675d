#!/usr/bin/env bats
# show and bg on image files and unmounted devices: for every layout the
# golden tests draw (single, DUP, RAID0/1/10/1C3/5/6, mixed, unequal and
# several devices), the pictures drawn while mounted (those are compared
# with the reference in 010, 011 and 030) and the ones drawn from the
# image files after unmounting, and from the loop devices: the same
# pixels, the same lines, the same automatic names.

load ../common

# The option sets every layout is drawn with; "auto" means no -o.
OPTION_SETS=(
	"show"
	"show --sort virtual"
	"show -v"
	"show -vv --sort virtual --order 6"
	"show --curve snake --order 5 --size 8"
	"show --device 1"
	"show auto"
	"show --sort virtual auto"
	"bg --all"
	"bg --all -v --curve linear"
	"bg --newest 1 auto"
)
LAYOUTS="single dup raid0 raid1 raid10 raid1c3 raid5 raid6 mixed several"

# draw DIR SOURCE... : every option set on SOURCE, each into DIR/N/.
draw() {
	local dir=$1 i set args
	shift
	for i in "${!OPTION_SETS[@]}"; do
		set=${OPTION_SETS[$i]}
		mkdir -p "$dir/$i"
		args=(${set% auto})
		[[ "$set" == *" auto" ]] || args+=(-o pic.png)
		(cd "$dir/$i" && "$HEATMAP" "${args[@]}" "$@") \
			> "$dir/$i.out" 2> "$dir/$i.err" || {
			echo "$set $*: failed" >&2
			cat "$dir/$i.err" >&2
			return 1
		}
	done
}

setup_file() {
	require_loop_root
	local name mnt i
	fs_make single "1G" -d single -m single > /dev/null
	fs_make dup "1G" -d dup > /dev/null
	fs_make raid0 "768M 768M" -d raid0 -m raid0 > /dev/null
	fs_make raid1 "1G 2G" -d raid1 -m raid1 > /dev/null
	fs_make raid10 "768M 768M 768M 768M" -d raid10 -m raid10 > /dev/null
	fs_make raid1c3 "1G 1G 1G" -d raid1c3 -m raid1c3 > /dev/null
	fs_make raid5 "512M 512M 512M" -d raid5 -m raid5 > /dev/null
	fs_make raid6 "512M 512M 512M 512M" -d raid6 -m raid6 > /dev/null
	fs_make mixed "1G" --mixed > /dev/null
	fs_make several "600M 700M 800M" -d single -m raid1 > /dev/null
	for name in $LAYOUTS; do
		mnt=$BATS_FILE_TMPDIR/$name
		# Lighter than fill_files: data in two block groups, partly
		# deleted, and metadata in tree blocks on every stripe.
		mkdir "$mnt/many"
		head -c 120M /dev/urandom > "$mnt/big1"
		head -c 100M /dev/zero > "$mnt/big2"
		for i in $(seq 1 200); do
			head -c $((i * 700)) /dev/urandom > "$mnt/many/f$i"
		done
		seq 1 3000 | sed "s|^|$mnt/many/|" | xargs touch
		sync
		rm -f "$mnt/big1" "$mnt"/many/f1?
		freeze "$mnt"
		draw "$BATS_FILE_TMPDIR/out/$name/mounted" "$mnt"
		# a mounted device is drawn through its mount point
		draw "$BATS_FILE_TMPDIR/out/$name/mounted-dev" \
			"$(findmnt -no SOURCE "$mnt")"
		fs_unmount "$mnt"
	done
}

teardown_file() {
	fs_teardown_all
}

# images NAME: the image files of layout NAME, last device first.
images() {
	ls "$BATS_FILE_TMPDIR/$1".*.img | sort -r
}

# loops NAME: the loop devices over them.
loops() {
	local img
	for img in $(images "$1"); do
		losetup -nO NAME -j "$img" | head -1
	done
}

# names DIR: the files in DIR, the time in automatic names masked.
names() {
	ls "$1" | sed 's/_at_[0-9]*/_at_T/'
}

# same_drawings A B: the pictures, lines and file names of A are B's
# (automatic names end in the time of drawing: that part may differ).
same_drawings() {
	local a=$1 b=$2 i fa fb
	for i in "${!OPTION_SETS[@]}"; do
		cmp -s <(sed 's/_at_[0-9]*/_at_T/' "$a/$i.out") \
		       <(sed 's/_at_[0-9]*/_at_T/' "$b/$i.out") || {
			echo "${OPTION_SETS[$i]}: lines differ" >&2
			diff -u "$a/$i.out" "$b/$i.out" >&2
			return 1
		}
		[ ! -s "$b/$i.err" ] || { cat "$b/$i.err" >&2; return 1; }
		[ "$(names "$a/$i")" = "$(names "$b/$i")" ] || {
			echo "${OPTION_SETS[$i]}: names differ" >&2
			ls "$a/$i" "$b/$i" >&2
			return 1
		}
		fa=$(ls "$a/$i"/*.png)
		fb=$(ls "$b/$i"/*.png)
		assert_same_pixels "$fa" "$fb" ||
			{ echo "${OPTION_SETS[$i]}" >&2; return 1; }
	done
}

# check_layout NAME: drawn from its images and its unmounted devices as
# it was drawn mounted.
check_layout() {
	local name=$1 out=$BATS_FILE_TMPDIR/out/$1
	# shellcheck disable=SC2046
	draw "$out/image" $(images "$name")
	same_drawings "$out/mounted" "$out/image"
	same_drawings "$out/mounted" "$out/mounted-dev"
	# shellcheck disable=SC2046
	draw "$out/dev" $(loops "$name")
	same_drawings "$out/mounted" "$out/dev"
}

@test "single" { check_layout single; }
@test "DUP data and metadata" { check_layout dup; }
@test "RAID0 data and metadata over two devices" { check_layout raid0; }
@test "RAID1 over a 1G and a 2G device" { check_layout raid1; }
@test "RAID10 over four devices" { check_layout raid10; }
@test "RAID1C3" { check_layout raid1c3; }
@test "RAID5 data and metadata: tree blocks read from their data stripes" {
	check_layout raid5
}
@test "RAID6 data and metadata" { check_layout raid6; }
@test "mixed block groups" { check_layout mixed; }
@test "three devices of unequal size, single data, RAID1 metadata" {
	check_layout several
	grep -qx "scope device 1 2 3" "$BATS_FILE_TMPDIR/out/several/image/0.out"
}

@test "an image file or device of a mounted filesystem: drawn through the mount" {
	local img dev mnt=$BATS_FILE_TMPDIR/single
	img=$(images single)
	dev=$(loops single)
	fs_mount "$dev" "$mnt" -o ro
	draw "$BATS_FILE_TMPDIR/out/single/remounted-img" "$img"
	same_drawings "$BATS_FILE_TMPDIR/out/single/mounted" \
		"$BATS_FILE_TMPDIR/out/single/remounted-img"
	# a file in the mounted filesystem that is no image: the kernel's
	draw "$BATS_FILE_TMPDIR/out/single/file-in-it" "$mnt/many/1"
	same_drawings "$BATS_FILE_TMPDIR/out/single/mounted" \
		"$BATS_FILE_TMPDIR/out/single/file-in-it"
	# through the kernel: an unprivileged user is told to run as root
	# (our own loop device, readable for the moment)
	chmod o+r "$dev"
	run --separate-stderr setpriv --reuid=nobody --regid=nogroup \
		--clear-groups "$HEATMAP" show -o - "$dev"
	chmod o-r "$dev"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: $dev is mounted at $mnt: reading btrfs metadata there needs CAP_SYS_ADMIN: run as root" ]
	fs_unmount "$mnt"
}
