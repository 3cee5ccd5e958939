#!/usr/bin/env bash
# Installs what jikgu's build and tests need, and only what is missing, so a second run installs
# nothing. Nothing here downloads from outside the package registries (crates.io, Debian, npm).
#
#   scripts/tools.sh build     wasm32 target, trunk, wasm-bindgen-cli (= Cargo.lock), wasm-opt
#   scripts/tools.sh test      the above, plus chromium, chromium-driver and the e2e test's npm packages
#   scripts/tools.sh bench     the above, plus Lighthouse (npm, kept apart: `make test` needs none of it)
#   scripts/tools.sh fuzz      the nightly toolchain and cargo-fuzz, for `make fuzz`
#
# Versions are pinned here and in Trunk.toml; `make tools-check` verifies they agree.
set -euo pipefail

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
CARGO_FUZZ_VERSION=0.13.2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS=${JIKGU_TOOLS:-$HOME/.cache/jikgu-tools}
export PATH="$TOOLS/binaryen/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[tools]\033[0m %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The wasm-bindgen version the crate is locked to; the CLI must match it exactly.
lock_version() {
  if [ ! -f "$ROOT/Cargo.lock" ]; then
    (cd "$ROOT" && cargo generate-lockfile --offline 2>/dev/null || cargo generate-lockfile)
  fi
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    # trunk 0.22 needs a newer rustc than this machine's; 0.21.14 builds with --locked (about 10 min).
    say "installing trunk $TRUNK_VERSION (about 10 minutes on two cores)"
    cargo install --locked "trunk@$TRUNK_VERSION"
  fi
}

ensure_wasm_bindgen() {
  local want; want=$(lock_version)
  if [ -z "$want" ]; then say "no wasm-bindgen in Cargo.lock"; exit 1; fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ] ||
     [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $want" ]; then
    say "installing wasm-bindgen-cli $want (matches Cargo.lock)"
    # The crate's own lock file pins a webpki-roots release the registry no longer serves, so
    # --locked fails; fall back to resolving its dependencies afresh.
    cargo install --locked --force wasm-bindgen-cli --version "$want" ||
      cargo install --force wasm-bindgen-cli --version "$want"
  fi
}

ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
}

ensure_wasm_opt() {
  # Debian's binaryen (108) cannot read what wasm-bindgen 0.2.130 emits; npm's binaryen can.
  if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
    ensure_node
    say "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm into $TOOLS/binaryen"
    mkdir -p "$TOOLS/binaryen"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION"
  fi
}

ensure_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  # Korean glyphs, so screenshots of the Korean page show text rather than boxes.
  [ -n "$(fc-list :lang=ko 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
}

ensure_e2e_packages() {
  ensure_node
  local dir="$ROOT/tests/e2e"
  # A stamp of the lock file tells whether node_modules is what the lock file asks for.
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.jikgu-lock"; then
    say "installing the end-to-end tests' npm packages (playwright-core, no browser download)"
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund)
    cp "$dir/package-lock.json" "$dir/node_modules/.jikgu-lock"
  fi
}

ensure_lighthouse() {
  ensure_node
  local dir="$ROOT/tests/e2e/lighthouse"
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.jikgu-lock"; then
    say "installing Lighthouse for make bench (npm, no browser download)"
    (cd "$dir" && npm ci --silent --no-audit --no-fund)
    cp "$dir/package-lock.json" "$dir/node_modules/.jikgu-lock"
  fi
}

ensure_nightly() {
  # cargo-fuzz builds with sanitizer and coverage flags that only nightly rustc accepts.
  if ! rustup toolchain list | grep -q '^nightly'; then
    say "installing the nightly toolchain (minimal profile)"
    rustup toolchain install nightly --profile minimal
  fi
}

ensure_cargo_fuzz() {
  if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (a few minutes)"
    cargo install --locked --force "cargo-fuzz@$CARGO_FUZZ_VERSION"
  fi
}

case "${1:-build}" in
  build)
    ensure_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt ;;
  test)
    ensure_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; ensure_browser; ensure_e2e_packages ;;
  bench)
    ensure_target; ensure_trunk; ensure_wasm_bindgen; ensure_wasm_opt; ensure_browser; ensure_e2e_packages
    ensure_lighthouse ;;
  fuzz)
    ensure_nightly; ensure_cargo_fuzz ;;
  path)
    # Printed for the Makefile: the PATH under which the pinned tools are found first.
    echo "$PATH" ;;
  *)
    echo "usage: $0 build|test|bench|fuzz|path" >&2; exit 2 ;;
esac
