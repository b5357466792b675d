#!/usr/bin/env bats
# A clone anywhere builds and passes its tests: nothing in it reaches out
# of the checkout for fixtures, scripts or tools.

load ../common

# Spelled in two parts so that this file does not match itself.
OUTSIDE='\.\./shared|/work/''shared'

@test "nothing in the project reads the directory beside the checkout" {
	cd "$TOP"
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		run git grep --untracked -I -n -E "$OUTSIDE" -- tests bin .ci Makefile
	else
		run grep -r -I -n -E "$OUTSIDE" tests bin .ci Makefile
	fi
	if [ "$status" -ne 1 ]; then
		echo "files that refer outside the checkout:" >&2
		echo "$output" >&2
		return 1
	fi
}

@test "every fixture the tests read is part of the project, none left out by .gitignore" {
	cd "$TOP"
	git rev-parse --is-inside-work-tree >/dev/null 2>&1 ||
		skip_or_fail "not a git checkout"
	run -0 git ls-files --others --ignored --exclude-standard -- tests/fixtures
	if [ -n "$output" ]; then
		echo "fixtures git does not track: $output" >&2
		return 1
	fi
	run -0 git ls-files -- tests/fixtures
	[ "${#lines[@]}" -ge 3 ]
}
