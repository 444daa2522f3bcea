# Installs attnscope like a command-line tool, and regenerates the files that ship with it.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]   release build, then the binary, completions, man page
#   make uninstall [PREFIX=/usr/local]            removes exactly what install copied
#   make completions                              regenerates completions/ from the debug build
#   make man                                      regenerates man/attnscope.1 (swift-argument-parser's plugin)
#
# GNU make, on Linux and macOS (whose /usr/bin/make is GNU make; no Mac was at hand to try it).
# The tests check that completions/ and man/ match the built binary.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift

BINDIR = $(DESTDIR)$(PREFIX)/bin
MAN1DIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

# Linux: link the Swift runtime and Foundation statically, so the binary runs without a Swift
# toolchain (it still needs the system's libncursesw). macOS ships the Swift runtime in the OS
# and has no static one.
ifeq ($(shell uname -s),Linux)
RELEASE_FLAGS = -c release --static-swift-stdlib
else
RELEASE_FLAGS = -c release
endif

.PHONY: all release install uninstall completions man

all: release

release:
	$(SWIFT) build $(RELEASE_FLAGS)

install: release
	install -d "$(BINDIR)" "$(MAN1DIR)" "$(BASHDIR)" "$(ZSHDIR)" "$(FISHDIR)"
	install -m 755 "$$($(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/attnscope" "$(BINDIR)/attnscope"
	install -m 644 man/attnscope.1 "$(MAN1DIR)/attnscope.1"
	install -m 644 completions/attnscope.bash "$(BASHDIR)/attnscope"
	install -m 644 completions/_attnscope "$(ZSHDIR)/_attnscope"
	install -m 644 completions/attnscope.fish "$(FISHDIR)/attnscope.fish"

uninstall:
	rm -f "$(BINDIR)/attnscope" "$(MAN1DIR)/attnscope.1" "$(BASHDIR)/attnscope" \
		"$(ZSHDIR)/_attnscope" "$(FISHDIR)/attnscope.fish"

# The scripts swift-argument-parser generates from the command's declarations.
completions:
	$(SWIFT) build --product attnscope
	bin="$$($(SWIFT) build --show-bin-path)/attnscope" && \
		"$$bin" --generate-completion-script bash > completions/attnscope.bash && \
		"$$bin" --generate-completion-script zsh > completions/_attnscope && \
		"$$bin" --generate-completion-script fish > completions/attnscope.fish

# The page swift-argument-parser's generate-manual plugin writes; see scripts/update-manual.sh.
man:
	scripts/update-manual.sh
