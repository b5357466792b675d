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

PKGS := libpng zlib libbtrfsutil json-c libisal
CC ?= cc
# The other checksums of image files (crc32c is libisal's, above), each from
# its library where it is installed: without one, images with that checksum
# type are refused.
CSUM_PKGS := $(shell for p in libxxhash libgcrypt; do \
	pkg-config --exists $$p 2>/dev/null && echo $$p; done)
CSUM_DEFS := -DHAVE_ISAL \
	$(patsubst LIB%,-DHAVE_%,$(shell echo $(CSUM_PKGS) | tr a-z A-Z))
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(CSUM_PKGS) 2>/dev/null) \
	$(CSUM_DEFS)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lpng16 -lz -lbtrfsutil -ljson-c -lisal) \
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
# Build-time generators, run on the build machine.
HOSTCC ?= $(CC)
HOST_PROGS := common/draw/mkcurvetables
GENERATED := common/draw/curve-tables.h
LINKS := btrfs-balance-least-used
# The layers, lowest first (README.md, Architecture; tests/check-layers).
LAYERS := kernel-lib common common/btrfs common/draw common/picture \
	common/balance
layer_srcs = $(filter-out $(HOST_PROGS:=.c),$(wildcard $(addsuffix /*.c,$(1))))
COMMON_SRCS := $(call layer_srcs,$(LAYERS))
CMD_SRCS := $(sort $(wildcard cmds/*.c))
OBJS := $(COMMON_SRCS:.c=.o) $(CMD_SRCS:.c=.o) btrfs-heatmap.o

UNIT_SRCS := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BINS := $(UNIT_SRCS:.c=)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# clang: gcc's UBSan runtime next to ASan ignores log_path, and check-asan
# finds every report by its log file.
SAN_CC ?= clang
ASAN_DIR := asan
ASAN_OBJS := $(addprefix $(ASAN_DIR)/,$(OBJS))
UNIT_OBJS := $(addprefix $(ASAN_DIR)/,$(UNIT_SRCS:.c=.o))

BENCH_PROGS := $(patsubst %.c,%,$(wildcard tests/bench/*.c))

# libFuzzer harnesses of what reads pictures from outside (clang).
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BINS := $(FUZZ_SRCS:.c=)
FUZZ_SECONDS ?= 60

MAN_PAGES := $(patsubst Documentation/%.rst,Documentation/%.8,\
	$(wildcard Documentation/btrfs-*.rst))

.PHONY: all check check-layers check-unit check-cli check-fs check-asan \
	check-fuzz fuzz lint valgrind deps demo man install uninstall clean \
	bench bench-clean version FORCE

all: $(PROGS) $(LINKS)

%.o: %.c
	@$(if $(Q),echo "    [CC]     $@")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

common/draw/mkcurvetables: common/draw/mkcurvetables.c
	@$(if $(Q),echo "    [HOSTCC] $@")
	$(Q)$(HOSTCC) $(WARNINGS) -O2 -o $@ $<

common/draw/curve-tables.h: common/draw/mkcurvetables
	@$(if $(Q),echo "    [GEN]    $@")
	$(Q)./$< > $@.tmp && mv $@.tmp $@

# Before the first build no .d file says who includes the tables.
common/draw/curve.o $(ASAN_DIR)/common/draw/curve.o \
	$(ASAN_DIR)/tests/unit/test-curve.o: common/draw/curve-tables.h

btrfs-heatmap: $(OBJS)
	@$(if $(Q),echo "    [LD]     $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The version is compiled into one object, rebuilt when the version changes.
cmds/version.o $(ASAN_DIR)/cmds/version.o: ALL_CFLAGS += -DHEATMAP_VERSION='"$(FULL_VERSION)"'
cmds/version.o $(ASAN_DIR)/cmds/version.o: .version
# The scan every picture carries names the tool's version too.
common/scan.o $(ASAN_DIR)/common/scan.o: ALL_CFLAGS += -DHEATMAP_VERSION='"$(FULL_VERSION)"'
common/scan.o $(ASAN_DIR)/common/scan.o: .version

.version: FORCE
	$(Q)echo '$(FULL_VERSION)' | cmp -s - $@ || echo '$(FULL_VERSION)' > $@

version:
	@echo '$(FULL_VERSION)'

$(LINKS): btrfs-heatmap
	@$(if $(Q),echo "    [LN]     $@")
	$(Q)ln -sf btrfs-heatmap $@

# The sanitizer build (-Werror) in $(ASAN_DIR)/: the unit tests and
# check-asan run on it, the normal build stays as it is.  Objects carry
# their header dependencies, as the normal ones do.
$(ASAN_DIR)/%.o: %.c
	@$(if $(Q),echo "    [CC]     $@")
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) $(ALL_CFLAGS) -Werror $(SAN_FLAGS) -c $< -o $@

$(ASAN_DIR)/btrfs-heatmap: $(ASAN_OBJS)
	@$(if $(Q),echo "    [LD]     $@")
	$(Q)$(SAN_CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)

$(ASAN_DIR)/$(LINKS): $(ASAN_DIR)/btrfs-heatmap
	@$(if $(Q),echo "    [LN]     $@")
	$(Q)ln -sf btrfs-heatmap $@

# Unit tests, on the sanitizer build: each links the objects of the
# layers it tests and of those below them.
UNIT_LAYERS_test-units := kernel-lib common
UNIT_LAYERS_test-scan := kernel-lib common
UNIT_LAYERS_test-parse := kernel-lib common common/draw
UNIT_LAYERS_test-curve := kernel-lib common common/draw
UNIT_LAYERS_test-grid := kernel-lib common common/draw
UNIT_LAYERS_test-diff-pixels := kernel-lib common common/draw
UNIT_LAYERS_test-png-bands := kernel-lib common common/draw
UNIT_LAYERS_test-strip := kernel-lib common common/draw
UNIT_LAYERS_test-extent-items := kernel-lib common common/btrfs common/draw
UNIT_LAYERS_test-image := kernel-lib common common/btrfs
UNIT_LAYERS_test-items := $(LAYERS)
UNIT_LAYERS_test-balance-layers := $(LAYERS)
unit_layers = $(or $(UNIT_LAYERS_$(notdir $(1))),$(LAYERS))
unit_objs = $(addprefix $(ASAN_DIR)/,\
	$(patsubst %.c,%.o,$(call layer_srcs,$(call unit_layers,$(1)))))

.SECONDARY: $(UNIT_OBJS)
.SECONDEXPANSION:
tests/unit/test-%: $(ASAN_DIR)/tests/unit/test-%.o $$(call unit_objs,$$@)
	@$(if $(Q),echo "    [LD]     $@")
	$(Q)$(SAN_CC) $(CFLAGS) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)

check-layers:
	$(Q)tests/check-layers

deps:
	$(Q)bin/install-deps

check: deps
	$(Q)$(MAKE) --no-print-directory clean-objs
	$(Q)$(MAKE) --no-print-directory all CFLAGS="$(CFLAGS) -Werror"
	$(Q)$(MAKE) --no-print-directory man
	$(Q)$(MAKE) --no-print-directory check-layers
	$(Q)$(MAKE) --no-print-directory lint check-unit check-fuzz check-cli \
		check-fs check-asan check-tsan valgrind

check-unit: $(UNIT_BINS)
	$(Q)set -e; for t in $(UNIT_BINS); do \
		echo "    [UNIT]   $$t"; \
		ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \
		UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 $$t; \
	done

tests/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(COMMON_SRCS) $(GENERATED)
	@$(if $(Q),echo "    [FUZZ]   $@")
	$(Q)clang -g -O1 -std=gnu11 -D_GNU_SOURCE -I. $(PKG_CFLAGS) \
		-DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ $< $(COMMON_SRCS) $(LDLIBS)

# Each corpus file once through each harness.
check-fuzz: $(FUZZ_BINS)
	$(Q)set -e; for f in $(FUZZ_BINS); do \
		echo "    [FUZZ]   $$f"; \
		$$f -runs=0 tests/fuzz/corpus/* 2>/dev/null || \
			{ $$f -runs=0 tests/fuzz/corpus/*; exit 1; }; \
	done

# Fuzz each harness for FUZZ_SECONDS, new inputs into a scratch corpus.
fuzz: $(FUZZ_BINS)
	$(Q)set -e; for f in $(FUZZ_BINS); do \
		mkdir -p tests/fuzz/found-$$(basename $$f); \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			-rss_limit_mb=1024 tests/fuzz/found-$$(basename $$f) \
			tests/fuzz/corpus; \
	done

check-cli: all
	$(Q)bats tests/cli

check-fs: all
	$(Q)bats tests/fs

# The whole suite once more on the sanitizer build.  A report from any run
# fails it, even one whose exit status a test expected: every report goes
# to a file in $(ASAN_LOG), which must stay empty.
ASAN_LOG := $(ASAN_DIR)/log
ASAN_TESTS ?= tests/cli tests/fs
check-asan: $(ASAN_DIR)/btrfs-heatmap $(ASAN_DIR)/$(LINKS)
	$(Q)rm -rf $(ASAN_LOG) && mkdir -p $(ASAN_LOG)
	$(Q)HEATMAP=$(CURDIR)/$(ASAN_DIR)/btrfs-heatmap \
	BALANCE_LINK=$(CURDIR)/$(ASAN_DIR)/$(LINKS) \
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:log_path=$(CURDIR)/$(ASAN_LOG)/asan \
	UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1:log_path=$(CURDIR)/$(ASAN_LOG)/ubsan \
		bats $(ASAN_TESTS); rc=$$?; \
	if [ -n "$$(ls -A $(ASAN_LOG))" ]; then \
		echo "sanitizer reports in $(ASAN_LOG):" >&2; \
		head -n 40 $(ASAN_LOG)/* >&2; exit 1; \
	fi; exit $$rc

# The threaded code (lookups, search ahead in parts, band workers) once
# more on a ThreadSanitizer build in $(TSAN_DIR)/: the tests that start
# those threads, any report failing it as in check-asan.
TSAN_DIR := tsan
TSAN_FLAGS := -fsanitize=thread -fno-omit-frame-pointer
TSAN_OBJS := $(addprefix $(TSAN_DIR)/,$(OBJS))
TSAN_LOG := $(TSAN_DIR)/log
TSAN_TESTS ?= tests/fs/013-show-many-chunks.bats tests/fs/016-show-kernel-reply.bats \
	tests/fs/030-bg-golden.bats
$(TSAN_DIR)/%.o: %.c
	@$(if $(Q),echo "    [CC]     $@")
	@mkdir -p $(@D)
	$(Q)$(SAN_CC) $(ALL_CFLAGS) -Werror $(TSAN_FLAGS) -c $< -o $@

$(TSAN_DIR)/btrfs-heatmap: $(TSAN_OBJS)
	@$(if $(Q),echo "    [LD]     $@")
	$(Q)$(SAN_CC) $(CFLAGS) $(TSAN_FLAGS) -o $@ $^ $(LDLIBS)

check-tsan: $(TSAN_DIR)/btrfs-heatmap
	$(Q)rm -rf $(TSAN_LOG) && mkdir -p $(TSAN_LOG)
	$(Q)HEATMAP=$(CURDIR)/$(TSAN_DIR)/btrfs-heatmap \
	TSAN_OPTIONS=halt_on_error=1:log_path=$(CURDIR)/$(TSAN_LOG)/tsan \
		bats $(TSAN_TESTS); rc=$$?; \
	if [ -n "$$(ls -A $(TSAN_LOG))" ]; then \
		echo "ThreadSanitizer reports in $(TSAN_LOG):" >&2; \
		head -n 60 $(TSAN_LOG)/* >&2; exit 1; \
	fi; exit $$rc

# Static analysis, configured in .clang-tidy and .cppcheck-suppressions.
LINT_SRCS := $(COMMON_SRCS) $(CMD_SRCS) btrfs-heatmap.c $(UNIT_SRCS) \
	$(wildcard tests/bench/*.c)
LINT_DEFS := -D_GNU_SOURCE -DHEATMAP_VERSION='"$(VERSION)"' -I.
TIDY_RUNS := $(addprefix tidy/,$(LINT_SRCS))
lint: $(GENERATED)
	@$(if $(Q),echo "    [LINT]   cppcheck")
	$(Q)cppcheck -q --std=c11 --enable=warning,style,performance,portability \
		--inline-suppr --suppressions-list=.cppcheck-suppressions \
		--error-exitcode=1 -j $$(nproc) $(LINT_DEFS) $(LINT_SRCS)
	$(Q)$(MAKE) --no-print-directory -j $$(nproc) $(TIDY_RUNS)

# The benchmark's floors put their buffer behind the search header in a
# struct, a GNU extension gcc (their only compiler) takes.
tidy/%: %
	@$(if $(Q),echo "    [TIDY]   $<")
	$(Q)clang-tidy --quiet $< -- -std=gnu11 $(LINT_DEFS) $(PKG_CFLAGS) \
		$(if $(filter tests/bench/%,$<),-Wno-gnu-variable-sized-type-not-at-end) \
		2>/dev/null

# Memcheck over every command on a loop filesystem (root): no error, no
# leaked byte.
valgrind: all
	$(Q)tests/valgrind

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
	$(Q)rm -f $(OBJS) $(OBJS:.o=.d) $(PROGS) $(LINKS) $(UNIT_BINS) .version
	$(Q)rm -rf $(ASAN_DIR) $(TSAN_DIR)

clean: clean-objs
	$(Q)rm -f $(BENCH_PROGS) $(MAN_PAGES) $(FUZZ_BINS) $(HOST_PROGS) \
		$(GENERATED)
	$(Q)rm -rf demo-out

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(TSAN_OBJS:.o=.d)
