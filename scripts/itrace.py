#!/usr/bin/env python3
"""Where do the instructions go? Count a QEMU instruction trace by function.

Record a trace, one line per executed instruction:
  qemu-system-riscv32 <board args> -singlestep -d exec,nochain -D trace.log -kernel vireo.elf
then:
  itrace.py --elf vireo.elf --log trace.log --start k_yield [--nth 3] [--end SYMBOL]

It takes the window from the nth execution of --start's first instruction
to the next execution of --end's (default: --start again), and prints the
instructions spent in each function, in order of first appearance, and the
total. Used to find the cuts described in docs/PERFORMANCE.md.
"""
import argparse
import bisect
import re
import subprocess
import sys

PC = re.compile(r"\[[0-9a-f]+/([0-9a-f]+)/")


def symbols(elf, nm):
    out = subprocess.run([nm, "-n", elf], capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    return syms


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--elf", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--start", required=True, help="function whose entry opens the window")
    ap.add_argument("--end", help="function whose entry closes it (default: --start)")
    ap.add_argument("--nth", type=int, default=1, help="which execution of --start (1-based)")
    ap.add_argument("--nm", default="riscv64-unknown-elf-nm")
    args = ap.parse_args()

    syms = symbols(args.elf, args.nm)
    addrs = [a for a, _ in syms]
    by_name = {name: a for a, name in syms}
    for name in (args.start, args.end or args.start):
        if name not in by_name:
            sys.exit(f"itrace: no symbol {name} in {args.elf}")
    start, end = by_name[args.start], by_name[args.end or args.start]

    counts, seen, total = {}, 0, 0
    inside = False
    with open(args.log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = PC.search(line)
            if not m:
                continue
            pc = int(m.group(1), 16)
            if inside and pc == end:
                break
            if not inside and pc == start:
                seen += 1
                inside = seen == args.nth
            if inside:
                i = bisect.bisect_right(addrs, pc) - 1
                name = syms[i][1] if i >= 0 else "?"
                counts[name] = counts.get(name, 0) + 1
                total += 1
    if not inside:
        sys.exit(f"itrace: {args.start} ran fewer than {args.nth} times")
    for name, n in counts.items():
        print(f"{n:6d}  {name}")
    print(f"{total:6d}  total")


if __name__ == "__main__":
    main()
