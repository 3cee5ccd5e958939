# jikgu's two commands and the steps they are made of, plus the fuzzers (run by hand).
#
#   make serve   install what is missing, build the release app, serve it on http://127.0.0.1:8080
#   make test    install what is missing (plus Chromium), then every test tier, stopping at the first red
#   make fuzz    install cargo-fuzz if missing, then fuzz each parser for FUZZ_SECONDS (default 60) each
#
# Every target installs its own tools idempotently (scripts/tools.sh): a second run installs nothing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

JIKGU_TOOLS ?= $(HOME)/.cache/jikgu-tools
export JIKGU_TOOLS
# npm's wasm-opt must come before any other on PATH: Trunk runs whichever it finds.
export PATH := $(JIKGU_TOOLS)/binaryen/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium
CARGO ?= cargo
WASM := --target wasm32-unknown-unknown

.PHONY: help serve dist test test-native test-browser test-e2e lint size bench fuzz tools tools-test tools-bench tools-fuzz tools-check clean

help:
	@sed -n '3,5p' Makefile | sed 's/^# //'

## The two commands ---------------------------------------------------------------------------------

serve: tools tools-check
	@echo "jikgu: building the release app, then serving it (Ctrl-C stops)."
	@echo "jikgu:   calculator   http://127.0.0.1:8080/"
	@echo "jikgu:   single file  $(CURDIR)/dist/jikgu.html (works from file://, no network)"
	trunk serve --release --no-autoreload

test: tools-test tools-check
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory test-e2e
	$(MAKE) --no-print-directory lint
	@echo "jikgu: every tier passed"

## Tiers ----------------------------------------------------------------------------------------------

# The pure core, charts drawn to SVG, and the app rendered through yew's SSR, on the host.
test-native:
	$(CARGO) test --workspace

# wasm-bindgen-test in headless Chromium through chromedriver (flags in webdriver.json).
test-browser:
	$(CARGO) test $(WASM) --test browser

# The built app in headless Chromium: served over 127.0.0.1, and dist/jikgu.html from file:// offline.
test-e2e: dist
	$(CARGO) run --quiet --release -p xtask --no-default-features -- size-check dist
	cd tests/e2e && node --test --test-concurrency=1

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	# On wasm32: the app and its browser tests (native-only test crates use proptest and tokio).
	$(CARGO) clippy $(WASM) --lib --bins --test browser --test browser_bench -- -D warnings

## Builds and measurements ----------------------------------------------------------------------------

dist: tools tools-check
	trunk build --release

size: dist
	$(CARGO) run --quiet --release -p xtask --no-default-features -- size dist

# Every speed measure, then one table with budgets (tests/e2e/bench/run.mjs): the full recompute
# natively (criterion) and as wasm in headless Chromium (tests/browser_bench.rs), input-to-paint of
# one edit, navigation to the first chart painted from dist/jikgu.html over file:// beside a Chart.js
# page drawing the same series, and Lighthouse on dist/ served with brotli.
bench: tools-bench dist
	node tests/e2e/bench/run.mjs

# The number parser, the share-link decoder and the dataset parser under cargo-fuzz (nightly), one
# after the other, FUZZ_SECONDS each; not part of `make test` or CI. See scripts/fuzz.sh.
FUZZ_SECONDS ?= 60
fuzz: tools-fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

## Tools ----------------------------------------------------------------------------------------------

tools:
	scripts/tools.sh build

tools-test:
	scripts/tools.sh test

tools-bench:
	scripts/tools.sh bench

tools-fuzz:
	scripts/tools.sh fuzz

# Trunk.toml's wasm-bindgen must be the one Cargo.lock builds against, or Trunk refuses offline.
tools-check:
	@lock=$$(awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock); \
	trunk=$$(awk -F'"' '/^wasm_bindgen *=/ { print $$2 }' Trunk.toml); \
	if [ "$$lock" != "$$trunk" ]; then \
	  echo "Trunk.toml wants wasm-bindgen $$trunk but Cargo.lock has $$lock: make them agree"; exit 1; \
	fi

clean:
	rm -rf dist
	$(CARGO) clean
