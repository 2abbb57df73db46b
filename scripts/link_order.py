#!/usr/bin/env python3
"""Writes tools/link/jsvm.order, the order in which the linker places jsvm's functions.

Usage: scripts/link_order.py [JSVM]   (default: target/release/jsvm; needs valgrind)

The binary is ~30 MB of machine code, mostly LLVM. Left in the default order, the ~1,700
functions a process runs before `main` (LLVM's static constructors, option registration) and
the ones it runs next are spread over most of it: every `jsvm` process took ~250 page faults
on its text, each mapping 64 KiB of which it used little. This script runs jsvm under
valgrind's callgrind on a few workloads and lists, for lld's `--symbol-ordering-file`:

1. the hot functions, hottest first: those that make up 99% of the instructions each workload
   runs in jsvm's own code (runtime helpers called by compiled code, the interpreter loop), so
   the steady state runs from a few pages;
2. every other function each workload runs, in workload order (`--version`, hello world, a
   warm-cache Jump-Start consumer, a consumer that compiles, the `auto` tier), so a process's
   start-up touches few pages.

Functions in no list keep the linker's order after these. Symbols that no longer exist are
ignored by the linker, so the file ages gracefully; rerun this script after large changes.
"""

import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "tools/warmup/server.hack")
HOT_SHARE = 0.99


def callgrind(jsvm, args, out):
    """Runs `jsvm ARGS` under callgrind; returns {function: self instructions} in first-seen
    order, for functions of the jsvm binary only."""
    subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--demangle=no",
            "--compress-strings=no",
            "--compress-pos=no",
            "--smc-check=all-non-file",
            f"--callgrind-out-file={out}",
            jsvm,
            *args,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    exe = os.path.realpath(jsvm)
    costs = {}
    obj = fn = None
    call_cost_next = False
    with open(out) as f:
        for line in f:
            if line.startswith("ob="):
                obj = os.path.realpath(line[3:].strip())
            elif line.startswith("fn="):
                # Callgrind names a function without a symbol by its address, and marks
                # recursion levels with a `'N` suffix.
                name = line[3:].strip().split("'")[0]
                fn = name if obj == exe and not name.startswith(("0x", "(")) else None
                if fn is not None:
                    costs.setdefault(fn, 0)
            elif line.startswith("calls="):
                call_cost_next = True
            elif line[:1].isdigit() or line[:1] in "+-*":
                if call_cost_next:
                    call_cost_next = False
                elif fn is not None:
                    parts = line.split()
                    if len(parts) >= 2 and parts[1].isdigit():
                        costs[fn] += int(parts[1])
    return costs


def main():
    jsvm = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/jsvm")
    with tempfile.TemporaryDirectory() as tmp:
        hello = os.path.join(tmp, "hello.hack")
        with open(hello, "w") as f:
            f.write('<?hh\n<<__EntryPoint>>\nfunction main(): void { echo "hello\\n"; }\n')
        jsp = os.path.join(tmp, "w.jsp")
        cache = os.path.join(tmp, "objects")
        consume = ["run", "--jumpstart-mode=consume", f"--jumpstart={jsp}"]
        # The seeder fills the object cache, under valgrind too (the cache's key includes the
        # host CPU, and valgrind's differs), so that the traced consumer hits it.
        subprocess.run(
            [
                "valgrind",
                "--tool=none",
                "--smc-check=all-non-file",
                jsvm,
                "run",
                "--jumpstart-mode=seed",
                f"--jumpstart={jsp}",
                f"--object-cache={cache}",
                SERVER,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workloads = [
            ["--version"],
            ["run", hello],
            [*consume, f"--object-cache={cache}", SERVER],
            [*consume, SERVER],
            ["run", "--tier=auto", SERVER],
        ]
        traces = []
        for i, args in enumerate(workloads):
            print("callgrind:", "jsvm", " ".join(args), file=sys.stderr)
            traces.append(callgrind(jsvm, args, os.path.join(tmp, f"{i}.cg")))

    hot = {}
    for costs in traces:
        total = sum(costs.values()) or 1
        acc = 0
        for fn, c in sorted(costs.items(), key=lambda kv: (-kv[1], kv[0])):
            if acc >= HOT_SHARE * total:
                break
            acc += c
            hot[fn] = hot.get(fn, 0) + c / total
    order = sorted(hot, key=lambda fn: (-hot[fn], fn))
    seen = set(order)
    for costs in traces:
        for fn in costs:
            if fn not in seen:
                seen.add(fn)
                order.append(fn)
    # Names with a `.llvm.NNNN` suffix (local functions promoted across codegen units) change
    # their suffix whenever their crate changes, and a stale name is skipped by the linker. Put
    # them last, so the place of everything else (the steady state's runtime helpers first)
    # does not depend on whether they still match: one stale name at the head of the list
    # moved every hot helper by 32 KiB, and the steady state of compiled code by 4%.
    order = [fn for fn in order if ".llvm." not in fn] + [fn for fn in order if ".llvm." in fn]
    out = os.path.join(ROOT, "tools/link/jsvm.order")
    with open(out, "w") as f:
        f.write("\n".join(order) + "\n")
    print(f"{out}: {len(hot)} hot functions, {len(order)} in all", file=sys.stderr)


if __name__ == "__main__":
    main()
