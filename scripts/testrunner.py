#!/usr/bin/env python3
"""QEMU test runner: finds test apps, builds one, runs it, judges the console.

  testrunner.py list --root DIR
      One line per test and board: '<name>|<app folder>|<variant>|<board>';
      CTest (tests/CMakeLists.txt) registers one test per line.
  testrunner.py run --app DIR --variant NAME --board BOARD --build-root DIR
      Configures (first time) and builds the app in its own build folder,
      runs it in QEMU with the test's timeout and checks the expectations.
      The console is printed; the last line says PASS or FAIL and why. On a
      board without an emulator the test is the build alone.

Boards take part through boards/<board>/board.ini:

  [board]
  tests = qemu           ; qemu: tests build and run in QEMU; build: they
                         ; only build (no emulator for this board)
  features = pmp userspace  ; what the board offers (see `requires`):
                         ; pmp (M-mode PMP, stack guards), isr_stack_guard
                         ; (PMP entries to spare for it), userspace, plic,
                         ; ns16550 (tests that drive that UART directly)

A test is an app folder with a testcase.ini:

  [test]
  harness = ztest        ; ztest (default) or console
  exit = pass            ; pass: QEMU exits 0; fail: it exits non-zero
  timeout = 60           ; seconds; a hang is a failure
  requires = userspace  ; board features the test needs (default: none)
  boards =               ; only these boards (default: every board whose
                         ; features cover `requires`)
  exclude_boards =       ; boards it does not fit (say why in a comment)
  expect =               ; regexes (multiline mode) that must match, in order;
                         ; {board} stands for the board's name, {priv}
                         ; for the kernel's privilege letter (m or s: the
                         ; fault report's mcause/scause, ...)
      ^Hello
  reject =               ; regexes that must not match anywhere
      ^not reached
  extra_config =         ; Kconfig lines applied after prj.conf
      CONFIG_FOO=y
  stdin =                ; text typed on the console (\n ends each line)

  [variant.coop]         ; another run of the same app: keys override [test]
  extra_config = CONFIG_BAR=y

The ztest harness also requires the closing line with at least one case
passed and none failed, and no FAIL line.
"""
import argparse
import configparser
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import qemu_run  # noqa: E402

DEFAULTS = {"harness": "ztest", "exit": "pass", "timeout": "60",
            "requires": "", "boards": "", "exclude_boards": "",
            "expect": "", "reject": "", "extra_config": "", "stdin": ""}
BOARD_TESTS = ("qemu", "build")
FEATURES = ("pmp", "isr_stack_guard", "userspace", "plic", "ns16550")
ZTEST_SUMMARY = re.compile(r"^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$", re.M)


def load(app):
    """The test's variants: {variant name: settings}; 'default' first."""
    cp = configparser.ConfigParser(interpolation=None)
    path = os.path.join(app, "testcase.ini")
    if not cp.read(path):
        raise SystemExit(f"testrunner: cannot read {path}")
    base = dict(DEFAULTS)
    if cp.has_section("test"):
        base.update(cp["test"])
    variants = {"default": base}
    for sect in cp.sections():
        if sect.startswith("variant."):
            v = dict(base)
            v.update(cp[sect])
            variants[sect[len("variant."):]] = v
        elif sect != "test":
            raise SystemExit(f"testrunner: {path}: unknown section [{sect}]")
    for name, v in variants.items():
        unknown = set(v) - set(DEFAULTS)
        if unknown:
            raise SystemExit(f"testrunner: {path}: unknown key(s) {sorted(unknown)}")
        if v["harness"] not in ("ztest", "console") or v["exit"] not in ("pass", "fail"):
            raise SystemExit(f"testrunner: {path}: bad harness or exit in '{name}'")
    return variants


def load_boards():
    """{board: {"tests": qemu|build, "features": set}} from boards/*/board.ini."""
    boards = {}
    root = os.path.join(BASE, "boards")
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name, "board.ini")
        if not os.path.isfile(path):
            continue
        cp = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=(";",))
        cp.read(path)
        if not cp.has_section("board"):
            raise SystemExit(f"testrunner: {path}: no [board] section")
        b = cp["board"]
        unknown = set(b) - {"tests", "features"}
        if unknown:
            raise SystemExit(f"testrunner: {path}: unknown key(s) {sorted(unknown)}")
        tests = b.get("tests", "qemu").strip()
        if tests not in BOARD_TESTS:
            raise SystemExit(f"testrunner: {path}: tests must be one of {BOARD_TESTS}")
        features = set(b.get("features", "").split())
        if features - set(FEATURES):
            raise SystemExit(f"testrunner: {path}: unknown feature(s) "
                             f"{sorted(features - set(FEATURES))} (known: {' '.join(FEATURES)})")
        boards[name] = {"tests": tests, "features": features}
    return boards


def boards_for(v, boards, where):
    """The boards a test variant runs on, in board order."""
    requires = set(v["requires"].split())
    if requires - set(FEATURES):
        raise SystemExit(f"testrunner: {where}: unknown feature(s) in requires "
                         f"{sorted(requires - set(FEATURES))} (known: {' '.join(FEATURES)})")
    explicit = v["boards"].split()
    excluded = set(v["exclude_boards"].split())
    for name in explicit + sorted(excluded):
        if name not in boards:
            raise SystemExit(f"testrunner: {where}: unknown board '{name}' "
                             f"(known: {', '.join(boards)})")
    chosen = []
    for name in (explicit or boards):
        missing = requires - boards[name]["features"]
        if missing and explicit:
            raise SystemExit(f"testrunner: {where}: board '{name}' lacks {sorted(missing)}")
        if not missing and name not in excluded:
            chosen.append(name)
    return chosen


def lines_of(value):
    return [ln.strip() for ln in value.splitlines() if ln.strip()]


def cmd_list(root):
    boards = load_boards()
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        if "testcase.ini" not in filenames:
            continue
        rel = os.path.relpath(dirpath, BASE)
        name = rel.replace(os.sep, ".").removeprefix("tests.")
        for variant, v in load(dirpath).items():
            for board in boards_for(v, boards, f"{rel}/testcase.ini [{variant}]"):
                suffix = "" if variant == "default" else "." + variant
                print(f"{board}:{name}{suffix}|{dirpath}|{variant}|{board}")


def quiet(cmd):
    """Run cmd; on failure show its output (the build log) and return False."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout.decode("utf-8", errors="replace"))
    return proc.returncode == 0


def build(app, v, board, build_dir):
    """Configure once, then let ninja decide what to rebuild."""
    os.makedirs(build_dir, exist_ok=True)
    frag = os.path.join(build_dir, "testcase.conf")
    text = "\n".join(lines_of(v["extra_config"])) + "\n"
    if not os.path.exists(frag) or open(frag, encoding="utf-8").read() != text:
        with open(frag, "w", encoding="utf-8") as f:
            f.write(text)
    if not os.path.exists(os.path.join(build_dir, "build.ninja")):
        cmd = ["cmake", "-S", BASE, "-B", build_dir, "-G", "Ninja",
               f"-DBOARD={board}", f"-DAPP={app}", f"-DEXTRA_CONF_FILE={frag}"]
        if not quiet(cmd):
            # Leave no half-configured folder for the next run to trust.
            shutil.rmtree(build_dir, ignore_errors=True)
            return False
    return quiet(["ninja", "-C", build_dir])


def expand(pattern, names):
    """pattern with each {name} replaced by its value, as literal text."""
    for key, value in names.items():
        pattern = pattern.replace("{" + key + "}", re.escape(value))
    return pattern


def build_names(board, build_dir):
    """The placeholders of expected-output patterns for this build."""
    config = os.path.join(build_dir, ".config")
    s_mode = os.path.exists(config) and \
        "CONFIG_RISCV_S_MODE=y\n" in open(config, encoding="utf-8").read()
    return {"board": board, "priv": "s" if s_mode else "m"}


def judge(v, status, text, timed_out, names):
    """Return None when the run meets its expectations, else the reason.

    names: the values of the patterns' placeholders (build_names()).
    """
    if timed_out:
        return f"timed out after {v['timeout']} s"
    if v["exit"] == "pass" and status != 0:
        return f"QEMU exited with {status}, expected 0"
    if v["exit"] == "fail" and status == 0:
        return "QEMU exited with 0, expected a failure status"
    pos = 0
    for pattern in lines_of(v["expect"]):
        pattern = expand(pattern, names)
        m = re.compile(pattern, re.M).search(text, pos)
        if m is None:
            return f"expected output not found (in order): {pattern}"
        pos = m.end()
    for pattern in lines_of(v["reject"]):
        if re.search(expand(pattern, names), text, re.M):
            return f"output that must not appear was found: {pattern}"
    if v["harness"] == "ztest":
        summaries = ZTEST_SUMMARY.findall(text)
        if not summaries:
            return "no ztest summary line"
        passed, failed = int(summaries[-1][0]), int(summaries[-1][1])
        if failed or passed == 0 or re.search(r"^ FAIL - ", text, re.M):
            return f"ztest: {passed} passed, {failed} failed"
    return None


def cmd_run(app, variant, board, build_root):
    app = os.path.abspath(app)
    v = load(app)[variant]
    boards = load_boards()
    if board not in boards:
        print(f"FAIL: unknown board '{board}' (known: {', '.join(boards)})")
        return 1
    rel = os.path.relpath(app, BASE).replace(os.sep, "_")
    build_dir = os.path.join(build_root, board, rel, variant)
    if not build(app, v, board, build_dir):
        print(f"FAIL: build failed (rerun: ninja -C {build_dir})")
        return 1
    if boards[board]["tests"] == "build":
        print(f"PASS: built; {board} has no emulator here, so the test is the build")
        return 0
    typed = "".join(ln + "\n" for ln in lines_of(v["stdin"])).encode()
    status, text, timed_out = qemu_run.run_capture(build_dir, float(v["timeout"]), typed)
    sys.stdout.write(text)
    reason = judge(v, status, text, timed_out, build_names(board, build_dir))
    if reason:
        print(f"\nFAIL: {reason}")
        return 1
    print("\nPASS")
    return 0


def main():
    ap = argparse.ArgumentParser(description="Vireo QEMU test runner")
    sub = ap.add_subparsers(dest="cmd", required=True)
    lp = sub.add_parser("list")
    lp.add_argument("--root", required=True)
    rp = sub.add_parser("run")
    rp.add_argument("--app", required=True)
    rp.add_argument("--variant", default="default")
    rp.add_argument("--board", default="qemu_riscv32")
    rp.add_argument("--build-root", required=True)
    args = ap.parse_args()
    if args.cmd == "list":
        cmd_list(args.root)
        return 0
    return cmd_run(args.app, args.variant, args.board, args.build_root)


if __name__ == "__main__":
    sys.exit(main())
