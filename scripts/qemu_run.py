#!/usr/bin/env python3
"""Run a built Vireo image in QEMU, with the console through the symbolizer.

Usage: qemu_run.py --build-dir BUILD [--gdb] [--timeout SECONDS] [--raw]

The QEMU command line comes from BUILD/qemu.json, written by the build
(cmake/targets.cmake), so 'ninja run', './vireo run' and the test runner run
exactly the same thing. The exit status is QEMU's (the power-off driver turns
a pass/fail verdict into it), 124 after a timeout, like timeout(1).

Also a module: run_capture() is what scripts/testrunner.py uses.
"""
import argparse
import json
import os
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
SYMBOLIZE = os.path.join(HERE, "symbolize.py")
TIMEOUT_STATUS = 124


def qemu_command(build_dir, gdb=False):
    """The QEMU argv for the image in build_dir, and the ELF path."""
    path = os.path.join(build_dir, "qemu.json")
    try:
        with open(path, encoding="utf-8") as f:
            desc = json.load(f)
    except FileNotFoundError:
        sys.exit(f"qemu_run: {path} not found: configure the build first")
    if not desc["qemu"]:
        sys.exit(f"qemu_run: {desc['board']} has no emulator here; write the image to the "
                 f"board with './vireo flash -b {desc['board']}' (or 'ninja flash')")
    cmd = list(desc["qemu"]) + ["-kernel", desc["elf"]]
    if gdb:
        # -S: wait for the debugger before the first instruction.
        cmd += ["-S", "-gdb", "tcp::1234"]
    return cmd, desc["elf"]


def _start(cmd, elf, stdin, out, symbolize):
    """Start QEMU, and the symbolizer behind it when asked; return both."""
    try:
        qemu = subprocess.Popen(cmd, stdin=stdin,
                                stdout=subprocess.PIPE if symbolize else out,
                                stderr=subprocess.STDOUT)
    except FileNotFoundError:
        sys.exit(f"qemu_run: {cmd[0]} not found: install it with "
                 "'apt-get install -y qemu-system-misc' (or run ./vireo setup)")
    filt = None
    if symbolize:
        filt = subprocess.Popen([sys.executable, SYMBOLIZE, "--elf", elf],
                                stdin=qemu.stdout, stdout=out)
        qemu.stdout.close()  # the filter owns the pipe now
    return qemu, filt


def _wait(qemu, filt, timeout):
    """Wait for QEMU (killing it after timeout) and the filter; return status."""
    try:
        status = qemu.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        qemu.kill()
        qemu.wait()
        status = TIMEOUT_STATUS
    if filt is not None:
        filt.wait()
    return status


def run_interactive(build_dir, gdb=False, timeout=None, symbolize=True):
    cmd, elf = qemu_command(build_dir, gdb)
    qemu, filt = _start(cmd, elf, None, None, symbolize)
    try:
        return _wait(qemu, filt, timeout)
    except KeyboardInterrupt:
        qemu.kill()
        return _wait(qemu, filt, None)


def run_capture(build_dir, timeout, typed=b""):
    """Run with `typed` as console input; return (status, console text, timed_out)."""
    cmd, elf = qemu_command(build_dir)
    qemu, filt = _start(cmd, elf, subprocess.PIPE if typed else subprocess.DEVNULL,
                        subprocess.PIPE, True)
    if typed:
        # The UART takes what the pipe holds as the guest reads it.
        qemu.stdin.write(typed)
        qemu.stdin.close()
    chunks = []
    reader = threading.Thread(target=lambda: chunks.append(filt.stdout.read()))
    reader.start()
    status = _wait(qemu, filt, timeout)
    reader.join()
    text = b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")
    return status, text, status == TIMEOUT_STATUS


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--gdb", action="store_true", help="wait for gdb on tcp::1234")
    ap.add_argument("--timeout", type=float, help="kill QEMU after this many seconds")
    ap.add_argument("--raw", action="store_true", help="do not symbolize the console")
    args = ap.parse_args()
    status = run_interactive(os.path.abspath(args.build_dir), args.gdb, args.timeout,
                             not args.raw)
    if status == TIMEOUT_STATUS:
        print(f"qemu_run: timed out after {args.timeout} s", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
