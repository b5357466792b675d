# btrfs-heatmap: hand-written, quiet by default; V=1 shows the commands.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
# Where bash-completion and systemd look, else under PREFIX.
BASHCOMPDIR ?= $(or $(shell pkg-config --variable=completionsdir \
	bash-completion 2>/dev/null),$(PREFIX)/share/bash-completion/completions)
SYSTEMDUNITDIR ?= $(or $(shell pkg-config --variable=systemdsystemunitdir \
	systemd 2>/dev/null),$(PREFIX)/lib/systemd/system)
DESTDIR ?=
VERSION := 1.0
# In a git checkout with a v* tag, git describe says more: 1.0-3-gabc1234.
ifneq ($(wildcard .git),)
GIT_VERSION := $(patsubst v%,%,$(shell git describe --tags --match 'v[0-9]*' \
	--dirty 2>/dev/null))
endif
FULL_VERSION := $(or $(GIT_VERSION),$(VERSION))

PKGS := libpng zlib libbtrfsutil
CC ?= cc
# The checksums of image files, each from its library where it is installed:
# without one, images with that checksum type are refused.
CSUM_PKGS := $(shell for p in libisal libxxhash libgcrypt; do \
	pkg-config --exists $$p 2>/dev/null && echo $$p; done)
CSUM_DEFS := $(patsubst LIB%,-DHAVE_%,$(shell echo $(CSUM_PKGS) | tr a-z A-Z))
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(CSUM_PKGS) 2>/dev/null) \
	$(CSUM_DEFS)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lpng16 -lz -lbtrfsutil) \
	$(shell pkg-config --libs $(CSUM_PKGS) 2>/dev/null) -lpthread

# No fused multiply-add: pixels must round exactly as the reference's do.
WARNINGS := -Wall -Wextra -Wshadow -Wno-missing-field-initializers
CFLAGS ?= -O2 -g
ALL_CFLAGS = $(CFLAGS) $(WARNINGS) -std=gnu11 -ffp-contract=off \
	-D_GNU_SOURCE -I. $(PKG_CFLAGS) \
	-MMD -MP
LDLIBS = $(PKG_LIBS) -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

PROGS := btrfs-heatmap
LINKS := btrfs-balance-least-used
COMMON_SRCS := $(sort $(wildcard common/*.c))
CMD_SRCS := $(sort $(wildcard cmds/*.c))
OBJS := $(COMMON_SRCS:.c=.o) $(CMD_SRCS:.c=.o) btrfs-heatmap.o

UNIT_SRCS := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BINS := $(UNIT_SRCS:.c=)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

# The image reader's parsers under libFuzzer (clang): check-fuzz runs each
# file of the seed corpus once, fuzz runs for FUZZ_TIME seconds.
FUZZ_BIN := tests/fuzz/fuzz-image
FUZZ_CORPUS := tests/fuzz/image
FUZZ_SRCS := $(sort $(wildcard common/image-*.c)) common/signals.c
FUZZ_TIME ?= 60
FUZZ_WORK ?= tests/fuzz/work

BENCH_PROGS := $(patsubst %.c,%,$(wildcard tests/bench/*.c))

MAN_PAGES := $(patsubst Documentation/%.rst,Documentation/%.8,\
	$(wildcard Documentation/btrfs-*.rst))

.PHONY: all check check-unit check-cli check-fs check-fuzz fuzz deps demo \
	man install uninstall clean bench bench-clean version FORCE

all: $(PROGS) $(LINKS)

%.o: %.c
	@$(if $(Q),echo "    [CC]     $@")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

btrfs-heatmap: $(OBJS)
	@$(if $(Q),echo "    [LD]     $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The version is compiled into one object, rebuilt when the version changes.
cmds/version.o: ALL_CFLAGS += -DHEATMAP_VERSION='"$(FULL_VERSION)"'
cmds/version.o: .version

.version: FORCE
	$(Q)echo '$(FULL_VERSION)' | cmp -s - $@ || echo '$(FULL_VERSION)' > $@

version:
	@echo '$(FULL_VERSION)'

$(LINKS): btrfs-heatmap
	@$(if $(Q),echo "    [LN]     $@")
	$(Q)ln -sf btrfs-heatmap $@

# Unit tests: the common layers they test, built with sanitizers.
tests/unit/test-%: tests/unit/test-%.c $(COMMON_SRCS) tests/unit/unit.h \
		tests/unit/image-mem.h
	@$(if $(Q),echo "    [CC]     $@")
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) -Werror -std=gnu11 -ffp-contract=off \
		-D_GNU_SOURCE -I. $(PKG_CFLAGS) $(SAN_FLAGS) -o $@ $< \
		$(COMMON_SRCS) $(LDLIBS)

deps:
	$(Q)bin/install-deps

check: deps
	$(Q)$(MAKE) --no-print-directory clean-objs
	$(Q)$(MAKE) --no-print-directory all CFLAGS="$(CFLAGS) -Werror"
	$(Q)$(MAKE) --no-print-directory man
	$(Q)$(MAKE) --no-print-directory check-unit check-fuzz check-cli check-fs

check-unit: $(UNIT_BINS)
	$(Q)set -e; for t in $(UNIT_BINS); do \
		echo "    [UNIT]   $$t"; \
		ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $$t; \
	done

$(FUZZ_BIN): tests/fuzz/fuzz-image.c $(FUZZ_SRCS) tests/unit/image-mem.h
	@$(if $(Q),echo "    [FUZZ]   $@")
	$(Q)clang -g -O1 -std=gnu11 -D_GNU_SOURCE -I. $(CSUM_DEFS) \
		-DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ $(filter %.c,$^) \
		$(shell pkg-config --libs $(CSUM_PKGS) 2>/dev/null) -lpthread

check-fuzz: $(FUZZ_BIN)
	@echo "    [FUZZ]   $(FUZZ_CORPUS) (each input once)"
	$(Q)$(FUZZ_BIN) -malloc_limit_mb=64 $(filter-out %.md,$(wildcard $(FUZZ_CORPUS)/*)) 2>$(FUZZ_BIN).log || \
		{ cat $(FUZZ_BIN).log; exit 1; }

fuzz: $(FUZZ_BIN)
	$(Q)mkdir -p $(FUZZ_WORK)
	$(Q)$(FUZZ_BIN) -max_total_time=$(FUZZ_TIME) -malloc_limit_mb=64 \
		-timeout=5 $(FUZZ_WORK) $(FUZZ_CORPUS)

check-cli: all
	$(Q)bats tests/cli

check-fs: all
	$(Q)bats tests/fs

demo: deps all
	$(Q)bin/demo

# The benchmark (root): builds its filesystems once, keeps them until
# bench-clean, writes BENCHMARKS.md.  Not part of check: it reports.
tests/bench/%: tests/bench/%.c
	@$(if $(Q),echo "    [CC]     $@")
	$(Q)$(CC) $(CFLAGS) $(WARNINGS) -std=gnu11 -D_GNU_SOURCE -o $@ $<

bench: all $(BENCH_PROGS)
	$(Q)tests/bench/run

bench-clean:
	$(Q)tests/bench/run clean

man: $(MAN_PAGES)

Documentation/%.8: Documentation/%.rst
	@$(if $(Q),echo "    [MAN]    $@")
	$(Q)rst2man --halt=warning $< $@

# Builds first, after installing what building needs (rst2man too), as
# check does: a fresh clone installs as the README says.
install:
	$(Q)bin/install-deps --build
	$(Q)$(MAKE) --no-print-directory all man
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(SYSTEMDUNITDIR)
	install -m 755 btrfs-heatmap $(DESTDIR)$(BINDIR)/btrfs-heatmap
	ln -sf btrfs-heatmap $(DESTDIR)$(BINDIR)/btrfs-balance-least-used
	install -m 644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man8/
	ln -sf btrfs-heatmap-balance-least-used.8 \
		$(DESTDIR)$(MANDIR)/man8/btrfs-balance-least-used.8
	install -m 644 bin/completion/btrfs-heatmap.bash \
		$(DESTDIR)$(BASHCOMPDIR)/btrfs-heatmap
	ln -sf btrfs-heatmap $(DESTDIR)$(BASHCOMPDIR)/btrfs-balance-least-used
	sed 's|@BINDIR@|$(BINDIR)|g' 'bin/systemd/btrfs-heatmap@.service.in' \
		> '$(DESTDIR)$(SYSTEMDUNITDIR)/btrfs-heatmap@.service'
	chmod 644 '$(DESTDIR)$(SYSTEMDUNITDIR)/btrfs-heatmap@.service'
	install -m 644 'bin/systemd/btrfs-heatmap@.timer' \
		$(DESTDIR)$(SYSTEMDUNITDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/btrfs-heatmap \
		$(DESTDIR)$(BINDIR)/btrfs-balance-least-used
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(MAN_PAGES))) \
		$(DESTDIR)$(MANDIR)/man8/btrfs-balance-least-used.8
	rm -f $(DESTDIR)$(BASHCOMPDIR)/btrfs-heatmap \
		$(DESTDIR)$(BASHCOMPDIR)/btrfs-balance-least-used
	rm -f '$(DESTDIR)$(SYSTEMDUNITDIR)/btrfs-heatmap@.service' \
		'$(DESTDIR)$(SYSTEMDUNITDIR)/btrfs-heatmap@.timer'

clean-objs:
	$(Q)rm -f $(OBJS) $(OBJS:.o=.d) $(PROGS) $(LINKS) .version

clean: clean-objs
	$(Q)rm -f $(UNIT_BINS) $(BENCH_PROGS) $(MAN_PAGES) $(FUZZ_BIN) \
		$(FUZZ_BIN).log
	$(Q)rm -rf demo-out

-include $(OBJS:.o=.d)
