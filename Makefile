# jsvm: build, demo, tests and benchmarks.
#
#   make demo    release build, run examples/demo.hack (output + wall time)
#   make test    what CI runs: fmt check, clippy -D warnings, every test
#   make bench   release build, jsvm vs PHP (interp, JIT) vs C -> BENCHMARKS.md
#   make bench-quick  one run, C and jsvm only, nothing written (harness sanity)
#
# Knobs: TEST_PROFILE (cargo profile of `make test`, default dev: fastest to
# build on 2 cores, and keeps overflow checks on), BENCH_ARGS (passed to
# jsvm-bench, e.g. BENCH_ARGS="--only fib --runs 1"), JSVM_MODES (conformance
# modes, default: all of jsvm_tests::DEFAULT_MODES).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO ?= cargo
TEST_PROFILE ?= dev
BENCH_ARGS ?=
# the default target dir unless the caller overrides it
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)

.PHONY: all setup setup-bench build release demo test fmt-check clippy test-build test-run bench bench-quick clean

all: build

setup:
	@scripts/setup.sh

setup-bench:
	@scripts/setup.sh --bench

build: setup
	$(CARGO) build

release: setup
	$(CARGO) build --release

demo: release
	@scripts/demo.sh $(TARGET_DIR)/release/jsvm

fmt-check:
	$(CARGO) fmt --all -- --check

clippy: setup
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# The conformance runner (tests/tests/conformance.rs) runs the jsvm binary of
# the same profile, which `cargo test` does not build: build it first.
test-build: setup
	$(CARGO) build --profile $(TEST_PROFILE) -p jsvm --bin jsvm

test-run: test-build
	$(CARGO) test --profile $(TEST_PROFILE) --workspace --no-fail-fast

# Runs every step even if an earlier one fails (CI shows all problems at
# once), then fails if any step failed.
test: setup
	@start=$$(date +%s); failed=""; \
	for step in fmt-check clippy test-run; do \
	  $(MAKE) --no-print-directory $$step || failed="$$failed $$step"; \
	done; \
	secs=$$(( $$(date +%s) - start )); \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed ($$secs s)"; exit 1; fi; \
	echo "make test: fmt, clippy and all tests passed ($$secs s)"

bench: setup-bench release
	$(TARGET_DIR)/release/jsvm-bench $(BENCH_ARGS)

# sanity check of the harness: one run, C and jsvm only, report on stdout
bench-quick: setup release
	$(TARGET_DIR)/release/jsvm-bench --quick $(BENCH_ARGS)

clean:
	$(CARGO) clean
