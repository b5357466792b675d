#!/usr/bin/env bats
# make install and make uninstall, from a copy of the tracked files as a
# fresh clone or a tarball has them (no built man pages, no .git): into a
# temporary DESTDIR, with PREFIX, BINDIR, MANDIR and the completion and
# unit directories chosen or left to their defaults.  Exactly these files
# land, and make uninstall removes every one of them.

load ../common

setup_file() {
	SRC="$BATS_FILE_TMPDIR/src"
	mkdir "$SRC"
	git -C "$TOP" ls-files -z | (cd "$TOP" && xargs -0 cp -a --parents -t "$SRC")
	[ ! -e "$SRC/.git" ] && [ ! -e "$SRC/Documentation/btrfs-heatmap.8" ]
	export SRC
}

# mk ARGS...: make in the copy, not as part of an outer make's job.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$SRC" -j2 "$@"
}

# landed DIR: every file and link under DIR with its mode or target.
landed() {
	(cd "$1" && find . ! -type d -printf '%y %m %P%l\n' | sed 's/^l 777 \(.*\)/l \1/' | sort)
}

# want_list BIN MAN COMP UNITS: what install puts there, as landed prints it.
want_list() {
	local bin=${1#/} man=${2#/} comp=${3#/} units=${4#/}
	{
		echo "f 755 $bin/btrfs-heatmap"
		echo "l $bin/btrfs-balance-least-usedbtrfs-heatmap"
		for page in btrfs-heatmap btrfs-heatmap-balance-least-used \
			    btrfs-heatmap-bg btrfs-heatmap-diff btrfs-heatmap-film \
			    btrfs-heatmap-show; do
			echo "f 644 $man/man8/$page.8"
		done
		echo "l $man/man8/btrfs-balance-least-used.8btrfs-heatmap-balance-least-used.8"
		echo "f 644 $comp/btrfs-heatmap"
		echo "l $comp/btrfs-balance-least-usedbtrfs-heatmap"
		echo "f 644 $units/btrfs-heatmap@.service"
		echo "f 644 $units/btrfs-heatmap@.timer"
	} | sort
}

@test "make install: defaults under PREFIX, completion and units where pkg-config says" {
	local d="$BATS_TEST_TMPDIR/dest" comp units
	comp=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null) ||
		comp=/usr/share/bash-completion/completions
	units=$(pkg-config --variable=systemdsystemunitdir systemd 2>/dev/null) ||
		units=/usr/lib/systemd/system
	[ -n "$comp" ] && [ -n "$units" ]
	run mk install DESTDIR="$d" PREFIX=/usr
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
	assert_lines "$(want_list /usr/bin /usr/share/man "$comp" "$units")" \
		"$(landed "$d")"
	# the installed program and its other name work from there
	run "$d/usr/bin/btrfs-heatmap" --version
	[ "$output" = "btrfs-heatmap $(sed -n 's/^VERSION := //p' "$SRC/Makefile")" ]
	run "$d/usr/bin/btrfs-balance-least-used" --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: btrfs-heatmap balance-least-used [options] <path>" ]
	# the service runs the binary where it is installed
	grep -q ' /usr/bin/btrfs-heatmap show ' "$d$units/btrfs-heatmap@.service"
	run ! grep -q @BINDIR@ "$d$units/btrfs-heatmap@.service"

	run mk uninstall DESTDIR="$d" PREFIX=/usr
	[ "$status" -eq 0 ]
	assert_lines "" "$(landed "$d")"
}

@test "make install: PREFIX, BINDIR, MANDIR, BASHCOMPDIR, SYSTEMDUNITDIR" {
	local d="$BATS_TEST_TMPDIR/dest" vars
	vars=(DESTDIR="$d" PREFIX=/opt/hm BINDIR=/opt/hm/sbin MANDIR=/opt/man
	      BASHCOMPDIR=/opt/hm/completions SYSTEMDUNITDIR=/etc/systemd/system)
	run mk install "${vars[@]}"
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
	assert_lines "$(want_list /opt/hm/sbin /opt/man /opt/hm/completions \
		/etc/systemd/system)" "$(landed "$d")"
	grep -q ' /opt/hm/sbin/btrfs-heatmap show ' \
		"$d/etc/systemd/system/btrfs-heatmap@.service"
	# the installed completion is the one of the source
	cmp "$TOP/bin/completion/btrfs-heatmap.bash" \
		"$d/opt/hm/completions/btrfs-balance-least-used"
	# installing again changes nothing; uninstalling twice is no error
	run mk install "${vars[@]}"
	[ "$status" -eq 0 ]
	[ "$(landed "$d" | wc -l)" -eq 13 ]
	run mk uninstall "${vars[@]}"
	[ "$status" -eq 0 ]
	assert_lines "" "$(landed "$d")"
	run mk uninstall "${vars[@]}"
	[ "$status" -eq 0 ]
}

@test "make install: only DESTDIR and PREFIX: BINDIR and MANDIR follow PREFIX" {
	local d="$BATS_TEST_TMPDIR/dest"
	run mk install DESTDIR="$d" PREFIX=/usr/local BASHCOMPDIR=/c \
		SYSTEMDUNITDIR=/u
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
	assert_lines "$(want_list /usr/local/bin /usr/local/share/man /c /u)" \
		"$(landed "$d")"
	run mk uninstall DESTDIR="$d" PREFIX=/usr/local BASHCOMPDIR=/c \
		SYSTEMDUNITDIR=/u
	assert_lines "" "$(landed "$d")"
}
