#!/usr/bin/env bash
# Install what building and testing jsvm needs; a fast no-op when it is there.
#
#   scripts/setup.sh          # LLVM 19 (static), gcc, a Rust toolchain check
#   scripts/setup.sh --bench  # also php8.2-cli (+ opcache) and, if available, hyperfine
#
# Uses apt-get (with sudo when not root). Idempotent: each package is only
# installed when the command or file it provides is missing.
set -euo pipefail

bench=0
for arg in "$@"; do
  case "$arg" in
    --bench) bench=1 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup.sh: not root and no sudo; install packages by hand" >&2
  fi
fi

missing=()
need() { # need PACKAGE: queue it for installation
  missing+=("$1")
}

# LLVM 19 for inkwell/llvm-sys, statically linked (TOOLCHAIN.md section 1):
# Polly and zstd are needed by `llvm-config-19 --link-static`.
command -v llvm-config-19 >/dev/null 2>&1 || need llvm-19-dev
[ -e /usr/lib/llvm-19/lib/libPolly.a ] || need libpolly-19-dev
[ -e /usr/include/zstd.h ] || need libzstd-dev
[ -e /usr/include/zlib.h ] || need zlib1g-dev
command -v gcc >/dev/null 2>&1 || need gcc
command -v make >/dev/null 2>&1 || need make

if [ "$bench" -eq 1 ]; then
  command -v php >/dev/null 2>&1 || need php8.2-cli
  # the PHP JIT peer needs opcache (php8.2-opcache ships opcache.so)
  if command -v php >/dev/null 2>&1 || printf '%s\n' "${missing[@]}" | grep -q php8.2-cli; then
    php_ext="$(php -r 'echo ini_get("extension_dir");' 2>/dev/null || true)"
    { [ -n "$php_ext" ] && [ -e "$php_ext/opcache.so" ]; } || need php8.2-opcache
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# hyperfine is optional (jsvm-bench does its own timing): install it only when
# the package exists, never fail because of it.
if [ "$bench" -eq 1 ] && ! command -v hyperfine >/dev/null 2>&1; then
  if apt-cache show hyperfine >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends hyperfine >&2 || true
  fi
fi

command -v cargo >/dev/null 2>&1 || {
  echo "setup.sh: cargo not found; install a Rust toolchain (rustup) first" >&2
  exit 1
}
command -v llvm-config-19 >/dev/null 2>&1 || { echo "setup.sh: llvm-config-19 still missing" >&2; exit 1; }
if [ "$bench" -eq 1 ]; then
  command -v php >/dev/null 2>&1 || { echo "setup.sh: php still missing" >&2; exit 1; }
fi
exit 0
