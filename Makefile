# Seleksi Ad Hoc. Two commands matter:
#   make run    installs what is missing, builds, starts the app on a demo database of its
#               own (never the installed app's database)
#   make test   installs what is missing, then runs every check
#   make dist   (for whoever publishes a release) the Windows installer, the
#               portable Windows zip and the .deb, with their checksums, in dist/
# Everything else here is a step of those.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

CARGO ?= cargo
NPM ?= npm
# `npm ci` runs with a pinned npm 10: the npm 11 on these machines writes lock
# files without other platforms' optional packages (npm/cli#4828) and then
# refuses them in its own `npm ci`. npm 10.9.2 installs from the same lock.
NPM_CI ?= npx --yes npm@10.9.2 ci --no-audit --no-fund
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export CARGO_TERM_COLOR ?= never
export PATH := $(HOME)/.cargo/bin:$(PATH)
# A CI build starts from scratch every time: incremental caches would only
# take disk space.
ifneq ($(CI),)
export CARGO_INCREMENTAL := 0
endif

# Debian packages: to build the desktop app, and to test it (Xvfb, WebDriver, PDF tools).
APT_BUILD := libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev \
             libssl-dev pkg-config build-essential
APT_TEST  := xvfb xauth webkit2gtk-driver poppler-utils qpdf sqlite3 python3-venv
# Windows from Linux: the mingw-w64 toolchain, NSIS for the installer, Wine
# to run the Windows CLI and the installer in the tests.
APT_WIN   := gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 nsis wine64
APT_DIST  := dpkg-dev
WIN       := x86_64-pc-windows-gnu

APP   := target/debug/seleksi-adhoc
ADHOC := target/debug/adhoc
# `make run` never opens the installed app's database (DATA/seleksi-adhoc.db):
# the demo's passwords are published in the README. The demo, and the empty
# start, live in folders of their own, with their own backups and scans.
DATA  := $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/id.seleksiadhoc.desktop
DEMO_DB  ?= $(DATA)/demo/seleksi-adhoc-demo.db
EMPTY_DB ?= $(DATA)/kosong/seleksi-adhoc-kosong.db
DB    ?= $(if $(EMPTY),$(EMPTY_DB),$(DEMO_DB))
XVFB  := xvfb-run -a -s "-screen 0 1400x900x24"

.PHONY: help run test dist disk build ui deps deps-system deps-test deps-ui deps-e2e deps-windows toolchain \
        fmt-check clippy rust-test bindings-check ui-test e2e windows-build windows-test seeds seeds-check clean

help:
	@echo "make run    build and start Seleksi Ad Hoc on a demo database of its own (EMPTY=1: on an empty one)"
	@echo "make test   run every check: fmt, clippy, Rust tests, UI tests, end-to-end tests under Xvfb"

## ---- the two commands ------------------------------------------------------

run: deps build
	@if [ ! -e "$(DB)" ] && [ -z "$(EMPTY)" ]; then \
	  echo "No demo database yet at $(DB): creating it (make run EMPTY=1 starts on an empty one)."; \
	  $(ADHOC) --db "$(DB)" demo; \
	fi
	@if [ -e "$(DATA)/seleksi-adhoc.db" ]; then \
	  echo "Note: make run does not open $(DATA)/seleksi-adhoc.db, the installed app's database."; \
	  echo "      An older make run put the demo there; if that file is the demo, delete it."; \
	fi
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display found: run it under a virtual display with: xvfb-run -a make run"; exit 1; \
	fi
	$(APP) --db "$(DB)"

test: disk deps deps-test fmt-check seeds-check ui build clippy rust-test bindings-check ui-test e2e windows-test
	@echo "All checks passed."

# The release artefacts in dist/ (see scripts/dist).
dist: deps deps-windows
	$(call apt_install,$(APT_DIST))
	scripts/dist

# Free space where the build goes: a clean `make test` fills target/ with about
# 3 GB (10 GB before the tests became one binary without dependency debug info).
disk:
	@df -h . | awk 'NR==2 { print "Free disk space here: " $$4 }'

## ---- installing what is missing --------------------------------------------

toolchain:
	@command -v $(CARGO) >/dev/null || { echo "Rust (cargo) is missing: install it with rustup, then run make again."; exit 1; }
	@command -v node >/dev/null && command -v $(NPM) >/dev/null || { echo "Node.js 20 and npm are missing: apt-get install nodejs npm"; exit 1; }

# Installs the listed Debian packages that are not installed yet (nothing when all are).
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps-system:
	$(call apt_install,$(APT_BUILD))

deps-ui: ui/node_modules/.installed
ui/node_modules/.installed: ui/package.json ui/package-lock.json
	cd ui && $(NPM_CI)
	@touch $@

deps: toolchain deps-system deps-ui

deps-test:
	$(call apt_install,$(APT_TEST))

deps-windows:
	$(call apt_install,$(APT_WIN))
	@rustup target list --installed | grep -qx $(WIN) || rustup target add $(WIN)

deps-e2e: .venv/.installed
	@command -v tauri-driver >/dev/null || $(CARGO) install tauri-driver --locked --version '^2'
.venv/.installed: tests/e2e/requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
	@touch $@

## ---- building ---------------------------------------------------------------

ui: deps-ui
	cd ui && $(NPM) run build

build: ui
	$(CARGO) build --workspace

## ---- checks -----------------------------------------------------------------

fmt-check:
	$(CARGO) fmt --all --check

clippy: ui
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test: ui
	$(CARGO) test --workspace

# The TypeScript bindings, and the roles' operations the UI tests read, are
# generated from the Rust code by `cargo test`; the committed ones must be
# exactly what the code generates.
GENERATED_UI := ui/src/bindings ui/src/test/permissions.ts
bindings-check: rust-test
	@git diff --quiet -- $(GENERATED_UI) && [ -z "$$(git status --porcelain -- $(GENERATED_UI))" ] || \
	  { echo "$(GENERATED_UI) out of date: commit what cargo test generated."; git status --short -- $(GENERATED_UI); exit 1; }

ui-test: deps-ui
	cd ui && $(NPM) run typecheck && $(NPM) test

e2e: deps-test deps-e2e build
	cd tests/e2e && $(XVFB) ../../.venv/bin/python -m pytest -p no:cacheprovider -v .

# The Windows programs, cross-built with mingw-w64 (debug, as the tests use them).
windows-build: deps-windows ui
	$(CARGO) build --target $(WIN) -p adhoc --bin adhoc -p adhoc-desktop --bin seleksi-adhoc

# The desktop .exe and the CLI import only Windows' own DLLs; the CLI passes
# its tests under Wine.
windows-test: deps-test deps-e2e windows-build
	scripts/check-windows-dlls target/$(WIN)/debug/seleksi-adhoc.exe target/$(WIN)/debug/adhoc.exe
	cd tests/windows && ../../.venv/bin/python -m pytest -p no:cacheprovider -v .

## ---- region data ------------------------------------------------------------

seeds/node_modules/.installed: seeds/package.json seeds/package-lock.json
	cd seeds && $(NPM_CI)
	@touch $@

# Regenerates seeds/wilayah.csv from the idn-area-data package.
seeds: seeds/node_modules/.installed
	node seeds/build_wilayah.mjs

# The committed region file must be what the script produces.
seeds-check: seeds/node_modules/.installed
	@tmp=$$(mktemp); node seeds/build_wilayah.mjs "$$tmp"; \
	  cmp -s "$$tmp" seeds/wilayah.csv || { echo "seeds/wilayah.csv differs from what build_wilayah.mjs generates"; rm -f "$$tmp"; exit 1; }; \
	  rm -f "$$tmp"; echo "seeds/wilayah.csv is reproducible."

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules seeds/node_modules .venv
