"""Tests for scripts/check_isa.py, the post-link check that an ELF for a hart
without the A extension has no AMO or LR/SC instruction and no access to
CSRs the hart lacks (ESP32-C3: mie, mip, cycle, mcounteren...). The scanner
runs on objdump-style text written here, then on real objects assembled
with and without atomics when the cross toolchain is installed.

Run: /usr/bin/python3 -m unittest -v test_check_isa.py (CTest: unit.esp32_check_isa).
"""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
BASE = os.environ.get("VIREO_BASE") or os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SCRIPT = os.path.join(BASE, "scripts", "check_isa.py")

spec = importlib.util.spec_from_file_location("check_isa", SCRIPT)
isa = importlib.util.module_from_spec(spec)
spec.loader.exec_module(isa)

LISTING = """
40380000 <atomic_add>:
40380000:\t0 amoadd.w.aqrl\ta0,a1,(a0)
40380004:\t0 lr.w\ta5,(a0)
40380008:\t0 sc.w\ta4,a1,(a0)
40380010 <boot>:
40380010:\t0 csrw\tmie,zero
40380014:\t0 csrr\ta0,mcause
40380018:\t0 csrs\tmstatus,a0
4038001c:\t0 addi\ta0,a0,1
40380020:\t0 csrr\ta0,cycleh
40380024 <counters>:
40380024:\t0 rdtime\ta0
40380028:\t0 rdinstreth\ta1
""".splitlines()


class Scan(unittest.TestCase):
    def test_atomics_found_with_function(self):
        bad = isa.scan(LISTING, True, set())
        self.assertEqual([(a, f) for a, f, _ in bad],
                         [("40380000", "atomic_add"), ("40380004", "atomic_add"),
                          ("40380008", "atomic_add")])

    def test_absent_csrs_only(self):
        bad = isa.scan(LISTING, False, {"mie", "cycleh"})
        self.assertEqual([t for _, _, t in bad], ["csrw mie,zero", "csrr a0,cycleh"])
        self.assertEqual(isa.scan(LISTING, False, {"mip"}), [])

    def test_counter_read_aliases(self):
        # objdump prints csrr rd, time as rdtime: still an access to time.
        bad = isa.scan(LISTING, False, {"time", "instreth"})
        self.assertEqual([t for _, _, t in bad], ["rdtime a0", "rdinstreth a1"])
        self.assertEqual(isa.scan(LISTING, False, {"timeh", "instret"}), [])

    def test_clean_listing(self):
        self.assertEqual(isa.scan(LISTING[7:10], True, {"mie"}), [])


@unittest.skipUnless(shutil.which("riscv64-unknown-elf-gcc"), "no cross toolchain")
class RealObjects(unittest.TestCase):
    def run_check(self, code, march, *args):
        with tempfile.TemporaryDirectory() as d:
            src, obj = os.path.join(d, "a.c"), os.path.join(d, "a.o")
            with open(src, "w") as f:
                f.write(code)
            subprocess.run(["riscv64-unknown-elf-gcc", "-march=" + march, "-mabi=ilp32", "-O2",
                            "-c", src, "-o", obj], check=True)
            return subprocess.run([sys.executable, SCRIPT, "--elf", obj, "--objdump",
                                   "riscv64-unknown-elf-objdump", *args],
                                  capture_output=True, text=True)

    CODE = "int c; int f(int x) { return __atomic_fetch_add(&c, x, __ATOMIC_SEQ_CST); }\n"

    def test_fails_on_amo(self):
        p = self.run_check(self.CODE, "rv32imac", "--no-atomics")
        self.assertEqual(p.returncode, 1)
        self.assertIn("amoadd.w", p.stderr)
        self.assertIn("in f:", p.stderr)

    def test_passes_without_a(self):
        p = self.run_check("int c; int f(int x) { return c += x; }\n", "rv32imc",
                           "--no-atomics", "--absent-csr", "mie,cycle")
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_fails_on_counter_read(self):
        p = self.run_check("unsigned long f(void) { unsigned long x;"
                           " __asm__ volatile(\"csrr %0, cycle\" : \"=r\"(x)); return x; }\n",
                           "rv32imc_zicsr", "--absent-csr", "cycle,time")
        self.assertEqual(p.returncode, 1)
        self.assertIn("rdcycle", p.stderr)

    def test_fails_on_csr(self):
        p = self.run_check("void f(void) { __asm__ volatile(\"csrw mie, zero\"); }\n",
                           "rv32imc_zicsr", "--absent-csr", "mie,mip")
        self.assertEqual(p.returncode, 1)
        self.assertIn("csrw", p.stderr)


if __name__ == "__main__":
    unittest.main()
