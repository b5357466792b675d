#!/usr/bin/env bats
# btrfs-heatmap film: a folder of pictures played in time order, with the
# chart of the space allocated and used from the scans the pictures carry,
# checked in a real browser; the ffmpeg command; bad directories.

load ../common

setup_file() {
	require_loop_root
	MNT=$(fs_make film "1G")
	export MNT
	head -c 64M /dev/urandom > "$MNT/a"
	sync
}

teardown_file() {
	fs_teardown_all
}

setup() {
	DIR="$BATS_TEST_TMPDIR/pictures"
	mkdir "$DIR"
}

# The frames of the page, in the order it plays them.
page_frames() {
	sed -n '/^var frames = \[/,/^\];/p' "$1/index.html" | grep -o '^  \["[^"]*"' | cut -c5- | tr -d '"'
}

@test "film: plays pictures in time order, scan, then name, then mtime; a chart point per scan" {
	command -v chromium >/dev/null || skip_or_fail "needs chromium (bin/install-deps)"
	# the reference's pictures: no scan, times in the names
	"$REF_HEATMAP" -o "$DIR/z_at_100.png" "$MNT" >/dev/null
	cp "$DIR/z_at_100.png" "$DIR/a_at_300.png"
	cp "$DIR/z_at_100.png" "$DIR/m_at_200.png"
	cp "$DIR/z_at_100.png" "$DIR/old.png"
	touch -d @50 "$DIR/old.png"
	# ours: the scan's time wins over the name's
	"$HEATMAP" show -o "$DIR/b_at_1.png" "$MNT" >/dev/null
	head -c 32M /dev/urandom > "$MNT/b"
	sync
	"$HEATMAP" show -o "$DIR/c_at_2.png" "$MNT" >/dev/null
	echo 'not a picture' > "$DIR/bad.png"
	ln -s /etc/passwd "$DIR/link.png"
	run --separate-stderr "$HEATMAP" film "$DIR"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "skipped bad.png: not a PNG picture" ] || [ "${lines[1]}" = "skipped bad.png: not a PNG picture" ]
	[[ "$output" == *"skipped link.png: a symlink, not followed"* ]]
	[[ "$output" == *"film $DIR/index.html: 6 pictures, 2 with a scan"* ]]
	[[ "$output" == *"4 pictures carry no scan: the chart has no point for them"* ]]
	[[ "$output" == *"cd '$DIR' && ffmpeg -framerate 2 -pattern_type glob -i '*.png' -c:v libx264 -pix_fmt yuv420p heatmap.mp4"* ]] ||
	[[ "$output" == *"cd $DIR && ffmpeg -framerate 2 -pattern_type glob -i '*.png' -c:v libx264 -pix_fmt yuv420p heatmap.mp4"* ]]
	[ "$(page_frames "$DIR" | tr '\n' ' ')" = "old.png z_at_100.png m_at_200.png a_at_300.png b_at_1.png c_at_2.png " ]
	chrome --dump-dom "file://$DIR/index.html" > "$BATS_TEST_TMPDIR/dom.html"
	grep -q 'data-frames-done="true"' "$BATS_TEST_TMPDIR/dom.html"
	grep -q 'data-frames-loaded="6"' "$BATS_TEST_TMPDIR/dom.html"
	grep -q 'data-frames-failed="0"' "$BATS_TEST_TMPDIR/dom.html"
	grep -q 'data-points="2"' "$BATS_TEST_TMPDIR/dom.html"
	[ "$(grep -Eo '<circle class="point" data-step="[0-9]+"' "$BATS_TEST_TMPDIR/dom.html" | cut -d'"' -f4 | tr '\n' ' ')" = "4 5 " ]
	# the last point: what btrfs filesystem df says is allocated now
	alloc=$(btrfs filesystem df -b "$MNT" | grep -v GlobalReserve | grep -o 'total=[0-9]*' | cut -d= -f2 | paste -sd+ | bc)
	used=$(btrfs filesystem df -b "$MNT" | grep -v GlobalReserve | grep -o 'used=[0-9]*' | cut -d= -f2 | paste -sd+ | bc)
	grep -q "<circle class=\"point\" data-step=\"5\" data-value=\"$alloc\"" "$BATS_TEST_TMPDIR/dom.html"
	grep -q "<rect class=\"bar\" data-step=\"5\" data-value=\"$used\"" "$BATS_TEST_TMPDIR/dom.html"
	# the labels say where each time came from
	grep -q 'old.png (time from the mtime)' "$BATS_TEST_TMPDIR/dom.html"
	# the screenshot stays as an artifact of the test, as 054's does
	chrome --screenshot="$BATS_TEST_TMPDIR/film.png" --window-size=1200,1400 "file://$DIR/index.html"
	[ -s "$BATS_TEST_TMPDIR/film.png" ]
	keep_artifact "$BATS_TEST_TMPDIR/film.png" film-page.png
}

@test "film: pictures without a scan get a page without a chart, and say so" {
	"$REF_HEATMAP" -o "$DIR/x_at_100.png" "$MNT" >/dev/null
	run --separate-stderr "$HEATMAP" film "$DIR"
	[ "$status" -eq 0 ]
	[[ "$output" == *"no picture carries a scan"*"no chart"* ]]
	run ! grep -q 'var numbers' "$DIR/index.html"
	grep -q '"x_at_100.png"' "$DIR/index.html"
}

@test "film: names are escaped in the page and in the shell line" {
	weird="$BATS_TEST_TMPDIR/it's <b>&"
	mkdir "$weird"
	"$HEATMAP" show -o "$weird/<img src=x onerror=alert(1)>\"'.png" "$MNT" >/dev/null
	run --separate-stderr "$HEATMAP" film "$weird"
	[ "$status" -eq 0 ]
	line=$(printf '%s\n' "$output" | grep '^cd ')
	run ! grep -q '<img src=x' "$weird/index.html"
	run ! grep -q '<b>&' "$weird/index.html"
	grep -q '&lt;b&gt;&amp;' "$weird/index.html"
	# the printed command, run by a shell, reaches the directory
	line=${line%% && *}
	( eval "$line" && [ "$PWD" = "$weird" ] )
}

@test "film --video: runs ffmpeg with the README's arguments, in the directory" {
	"$HEATMAP" show -o "$DIR/" "$MNT" >/dev/null
	bin="$BATS_TEST_TMPDIR/bin"
	mkdir "$bin"
	printf '#!/bin/sh\npwd > "%s"\nprintf "%%s\\n" "$@" >> "%s"\n' \
		"$BATS_TEST_TMPDIR/ran" "$BATS_TEST_TMPDIR/ran" > "$bin/ffmpeg"
	chmod +x "$bin/ffmpeg"
	cd "$BATS_TEST_TMPDIR"
	PATH="$bin:$PATH" run --separate-stderr "$HEATMAP" film --video out.mp4 "$DIR"
	[ "$status" -eq 0 ]
	# the printed command names the video where --video put it
	[[ "$output" == *"&& ffmpeg -framerate 2 -pattern_type glob -i '*.png' -c:v libx264 -pix_fmt yuv420p $BATS_TEST_TMPDIR/out.mp4" ]]
	[ "$(head -1 "$BATS_TEST_TMPDIR/ran")" = "$DIR" ]
	[ "$(tail -n +2 "$BATS_TEST_TMPDIR/ran" | tr '\n' ' ')" = "-nostdin -n -framerate 2 -pattern_type glob -i *.png -c:v libx264 -pix_fmt yuv420p $BATS_TEST_TMPDIR/out.mp4 " ]
}

@test "film --video without ffmpeg: prints the command (also with -q), a WARNING, exit 0, the page written" {
	"$HEATMAP" show -o "$DIR/" "$MNT" >/dev/null
	bin="$BATS_TEST_TMPDIR/bin"
	mkdir "$bin"
	cd "$BATS_TEST_TMPDIR"
	run -0 --separate-stderr env PATH="$bin" "$HEATMAP" film -q --video out.mp4 "$DIR"
	[ "$stderr" = "WARNING: ffmpeg is not installed (no ffmpeg in PATH): no video made; the command above makes it" ]
	[ "$output" = "cd $DIR && ffmpeg -framerate 2 -pattern_type glob -i '*.png' -c:v libx264 -pix_fmt yuv420p $BATS_TEST_TMPDIR/out.mp4" ]
	[ -s "$DIR/index.html" ]
	[ ! -e out.mp4 ]
}

@test "film: bad directories get one ERROR line and exit 1, no page" {
	run -1 --separate-stderr "$HEATMAP" film "$DIR"
	[ "$stderr" = "ERROR: no pictures (*.png) in $DIR" ]
	[ ! -e "$DIR/index.html" ]
	touch "$DIR/file"
	run -1 --separate-stderr "$HEATMAP" film "$DIR/file"
	[ "$stderr" = "ERROR: not a directory: $DIR/file" ]
	run -1 --separate-stderr "$HEATMAP" film "$DIR/none"
	[ "$stderr" = "ERROR: cannot read the directory $DIR/none: No such file or directory" ]
	mkdir "$DIR/closed"
	chmod 000 "$DIR/closed"
	run -1 --separate-stderr setpriv --reuid=nobody --regid=nogroup --clear-groups "$HEATMAP" film "$DIR/closed"
	[ "$stderr" = "ERROR: cannot read the directory $DIR/closed: Permission denied" ]
	run -1 --separate-stderr "$HEATMAP" film
	[[ "$stderr" == "ERROR: "* ]]
	[ "${#stderr_lines[@]}" -eq 1 ]
}
