#!/usr/bin/env python3
"""Post-link check that an ELF uses only what its hart implements.

  check_isa.py --elf vireo.elf --objdump riscv64-unknown-elf-objdump
               [--no-atomics] [--absent-csr mie,mip,...]

--no-atomics: no AMO and no LR/SC instruction may appear (harts without the
A extension, such as the ESP32-C3, take an illegal-instruction trap on
them). --absent-csr: no instruction may name these CSRs, the counter reads
objdump prints as rdcycle, rdtime, rdinstret[h] included. Each offending
instruction is listed with its address and function; the exit status is 1.
Runs after every link of such a configuration (cmake/link.cmake), so a
library or compiler change that slips one in fails the build.
"""
import argparse
import re
import subprocess
import sys

ATOMIC = re.compile(r"^(amo[a-z]+|lr|sc)\.[wd](\.|$)")
# objdump shows csrrs rd, cycle/time/instret[h], zero under these aliases.
COUNTER_READ = re.compile(r"^rd(cycle|time|instret)(h?)$")


def scan(lines, no_atomics, csrs):
    """[(address, function, instruction text)] that break the rules."""
    bad, func = [], "?"
    for line in lines:
        m = re.match(r"^[0-9a-f]+ <(.+)>:$", line)
        if m:
            func = m.group(1)
            continue
        m = re.match(r"^\s*([0-9a-f]+):\s+[0-9a-f]+\s+(\S+)\s*(.*)$", line)
        if not m:
            continue
        addr, mnem, ops = m.groups()
        if no_atomics and ATOMIC.match(mnem):
            bad.append((addr, func, f"{mnem} {ops}"))
        elif mnem.startswith("csr") and csrs & set(re.split(r"[,\s]+", ops)):
            bad.append((addr, func, f"{mnem} {ops}"))
        elif COUNTER_READ.match(mnem) and "".join(COUNTER_READ.match(mnem).groups()) in csrs:
            bad.append((addr, func, f"{mnem} {ops}"))
    return bad


def main():
    ap = argparse.ArgumentParser(description="check an ELF against its hart's ISA")
    ap.add_argument("--elf", required=True)
    ap.add_argument("--objdump", required=True)
    ap.add_argument("--no-atomics", action="store_true")
    ap.add_argument("--absent-csr", default="")
    args = ap.parse_args()
    csrs = {c for c in args.absent_csr.split(",") if c}
    out = subprocess.run([args.objdump, "-d", "--no-show-raw-insn", args.elf],
                         check=True, capture_output=True, text=True).stdout
    # --no-show-raw-insn drops the encoding column; put a dummy one back.
    lines = [re.sub(r"^(\s*[0-9a-f]+:)\s+", r"\1 0 ", ln) for ln in out.splitlines()]
    bad = scan(lines, args.no_atomics, csrs)
    for addr, func, text in bad:
        print(f"check_isa: {args.elf}: 0x{addr} in {func}: {text}", file=sys.stderr)
    if bad:
        what = []
        if args.no_atomics:
            what.append("no atomic (AMO, LR/SC) instructions")
        if csrs:
            what.append("no access to " + ", ".join(sorted(csrs)))
        print(f"check_isa: {len(bad)} instruction(s) this hart does not have "
              f"(it needs {' and '.join(what)})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
