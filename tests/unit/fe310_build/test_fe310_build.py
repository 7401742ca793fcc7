"""Builds for the FE310 boards (hifive1, hifive1_revb), checked on the host.

- The execute-in-place image: entry at the board's flash address, every
  loaded byte in flash, .data running in the 16 KiB RAM and loaded from
  flash, nothing placed outside flash and RAM.
- The Rev B image boots where a Rev B starts (QEMU's sifive_e,revb=on)
  and runs the user-mode sample to its end, with the semihosting exit
  swapped in for the board's halt so that the run can end.
- The semihosting power-off: QEMU exits with the status given to
  sys_poweroff_exit() (a failure that is 0 modulo 256 still fails).
- What does not fit is refused at build time with a clear message: more
  RAM than the board has (ld names the region and the bytes over), a tick
  rate that does not divide the 32768 Hz mtime, a baud rate the 16 MHz
  clock cannot make within 2%.

Each build runs cmake and ninja as a user would, in a temporary folder
outside the tree. Run with:
    VIREO_BASE=/work/main /usr/bin/python3 -m unittest -v test_fe310_build.py
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.realpath(os.environ.get("VIREO_BASE")
                        or os.path.join(HERE, "..", "..", ".."))
READELF = "riscv64-unknown-elf-readelf"
RAM = (0x80000000, 16 * 1024)
FLASH = {"hifive1": (0x20400000, 12 * 1024 * 1024),
         "hifive1_revb": (0x20010000, 4032 * 1024)}

MAIN_C = '#include <vireo/kernel.h>\n\nint main(void) { printk("x\\n"); return 0; }\n'
EXIT_C = ('#include <vireo/sys/poweroff.h>\n\n'
          'int main(void) { sys_poweroff_exit(STATUS); return 0; }\n')
BIG_C = ('#include <vireo/kernel.h>\n\nstatic volatile char big[20000];\n'
         'int main(void) { big[1] = 1; printk("%d\\n", big[0]); return 0; }\n')


def inside(addr, size, region):
    base, length = region
    return base <= addr and addr + size <= base + length


class Fe310Build(unittest.TestCase):
    def setUp(self):
        self.tmp = os.path.realpath(tempfile.mkdtemp(prefix="vireo-fe310-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def app(self, main=MAIN_C, prj=""):
        app = os.path.join(self.tmp, "app")
        os.makedirs(os.path.join(app, "src"), exist_ok=True)
        with open(os.path.join(app, "prj.conf"), "w", encoding="utf-8") as f:
            f.write(prj)
        with open(os.path.join(app, "src", "main.c"), "w", encoding="utf-8") as f:
            f.write(main)
        return app

    def build(self, board, app, *defs):
        """(returncode, output) of configure + build."""
        build = os.path.join(self.tmp, "build-" + board)
        cmd = ["cmake", "-S", BASE, "-B", build, "-G", "Ninja", f"-DBOARD={board}",
               f"-DAPP={app}"] + list(defs)
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if r.returncode != 0:
            return r.returncode, r.stdout, build
        r = subprocess.run(["ninja", "-C", build], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        return r.returncode, r.stdout, build

    def readelf(self, *args):
        return subprocess.run([READELF] + list(args), stdout=subprocess.PIPE, text=True,
                              check=True).stdout

    def check_image(self, board, elf):
        flash = FLASH[board]
        entry = int(re.search(r"Entry point address:\s+(0x[0-9a-f]+)",
                              self.readelf("-h", elf)).group(1), 16)
        self.assertEqual(entry, flash[0], "the boot ROM/bootloader jumps to the flash base")
        # Program headers: every byte the loader writes goes to flash.
        loads = re.findall(r"^\s+LOAD\s+0x[0-9a-f]+ (0x[0-9a-f]+) (0x[0-9a-f]+) "
                           r"(0x[0-9a-f]+) (0x[0-9a-f]+)", self.readelf("-lW", elf), re.M)
        self.assertTrue(loads)
        for vaddr, paddr, filesz, memsz in loads:
            vaddr, paddr, filesz, memsz = (int(x, 16) for x in (vaddr, paddr, filesz, memsz))
            if filesz:
                self.assertTrue(inside(paddr, filesz, flash), f"load at {paddr:#x} not in flash")
            self.assertTrue(inside(vaddr, memsz, flash) or inside(vaddr, memsz, RAM),
                            f"segment at {vaddr:#x} outside flash and RAM")
        # Sections: code and rodata in flash, .data in RAM.
        sections = {m[0]: (int(m[1], 16), int(m[2], 16)) for m in re.findall(
            r"\]\s+(\.\S+)\s+\S+\s+([0-9a-f]{8}) [0-9a-f]+ ([0-9a-f]+)", self.readelf("-SW", elf))}
        for name in (".text", ".rodata"):
            self.assertTrue(inside(*sections[name], flash), f"{name} not in flash")
        for name in (".data", ".bss", ".noinit"):
            self.assertTrue(inside(*sections[name], RAM), f"{name} not in RAM")

    def test_xip_images(self):
        app = self.app()
        for board in FLASH:
            with self.subTest(board=board):
                rc, out, build = self.build(board, app)
                self.assertEqual(rc, 0, out)
                self.check_image(board, os.path.join(build, "vireo.elf"))

    def test_default_sample_with_user_mode_fits(self):
        rc, out, build = self.build("hifive1", os.path.join(BASE, "samples", "shared_ringbuf"))
        self.assertEqual(rc, 0, out)
        with open(os.path.join(build, ".config"), encoding="utf-8") as f:
            self.assertIn("CONFIG_USERSPACE=y", f.read())
        self.check_image("hifive1", os.path.join(build, "vireo.elf"))

    def test_poweroff_status_is_qemu_exit_status(self):
        sys_path = os.path.join(BASE, "scripts")
        for status, want in ((0, 0), (3, 3), (256, 1), (-1, 255)):
            with self.subTest(status=status):
                app = self.app(main=EXIT_C.replace("STATUS", str(status)))
                rc, out, build = self.build("hifive1", app)
                self.assertEqual(rc, 0, out)
                r = subprocess.run([sys.executable,
                                    os.path.join(sys_path, "qemu_run.py"), "--build-dir",
                                    build, "--timeout", "30"],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                self.assertEqual(r.returncode, want, r.stdout)

    def test_revb_image_runs_user_mode_sample(self):
        rc, out, build = self.build("hifive1_revb",
                                    os.path.join(BASE, "samples", "shared_ringbuf"),
                                    "-DCONFIG_POWEROFF_HALT=n", "-DCONFIG_POWEROFF_SEMIHOSTING=y")
        self.assertEqual(rc, 0, out)
        r = subprocess.run(["qemu-system-riscv32", "-machine", "sifive_e,revb=on", "-nographic",
                            "-semihosting-config", "enable=on,target=native",
                            "-icount", "shift=0,align=off,sleep=off",
                            "-kernel", os.path.join(build, "vireo.elf")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=60, stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertRegex(r.stdout, r"on hifive1_revb \(rv32imac M-mode, user mode on\)")
        self.assertRegex(r.stdout, r"items: 10000, errors: 0")
        self.assertIn("shared_ringbuf: done, consumer stopped by the PMP as expected", r.stdout)

    def test_ram_overflow_names_region_and_bytes(self):
        rc, out, _ = self.build("hifive1", self.app(main=BIG_C))
        self.assertNotEqual(rc, 0, out)
        m = re.search(r"region `RAM' overflowed by (\d+) bytes", out)
        self.assertIsNotNone(m, out)
        # 20000 bytes of array alone are 3616 over 16 KiB: the rest is the kernel.
        self.assertGreater(int(m.group(1)), 20000 - RAM[1])

    def test_tick_rate_must_divide_mtime(self):
        rc, out, _ = self.build("hifive1", self.app(), "-DCONFIG_SYS_CLOCK_TICKS_PER_SEC=1000")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("SYS_CLOCK_TICKS_PER_SEC must divide SYS_CLOCK_HW_CYCLES_PER_SEC", out)

    def test_baud_the_clock_cannot_make(self):
        # 16 MHz / 3 Mbaud = 5.33: 5 clocks a bit is 3.2 Mbaud, 6.7% fast.
        rc, out, _ = self.build("hifive1", self.app(), "-DCONFIG_UART_SIFIVE_BAUD=3000000")
        self.assertNotEqual(rc, 0, out)
        self.assertIn("UART_SIFIVE_BAUD is more than 2% off with this clock", out)


if __name__ == "__main__":
    unittest.main()
