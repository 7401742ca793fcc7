"""Tests of the real configure step and build: cmake + Kconfig + ninja.

Each test creates its applications and build folders in a fresh temporary
directory OUTSIDE the Vireo tree, runs `cmake -S <base> -B <build> -G Ninja`
and `ninja -C <build>` exactly as a user would (DESIGN.md section 1), and
checks .config, include/generated/autoconf.h, the images and the messages.
Nothing in the Vireo tree is written; the one test that edits a Kconfig file
does so in a private copy of the tree.

Needs cmake, ninja, the riscv64-unknown-elf toolchain and Debian's
python3-kconfiglib. Run with:
    VIREO_BASE=/work/main /usr/bin/python3 -m unittest -v test_configure.py
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.path.realpath(os.environ.get("VIREO_BASE")
                        or os.path.join(HERE, "..", "..", ".."))
BOARD = "qemu_riscv32"

MAIN_C = '#include <vireo/kernel.h>\n\nint main(void) { printk("x\\n"); return 0; }\n'


def flat(text):
    """text with all whitespace runs folded to one space (CMake wraps messages)."""
    return " ".join(text.split())


class VireoBuildCase(unittest.TestCase):
    """Helpers: temp folders, apps, cmake/ninja runs, reading the outputs."""

    def setUp(self):
        # realpath: the paths in error messages are the ones we pass in.
        self.tmp = os.path.realpath(tempfile.mkdtemp(prefix="vireo-configure-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    # -- files -------------------------------------------------------------

    def write(self, path, text):
        path = os.path.join(self.tmp, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def make_app(self, name="app", prj="", main=MAIN_C):
        """An app folder with prj.conf and src/main.c; returns its path."""
        self.write(os.path.join(name, "prj.conf"), prj)
        if main is not None:
            self.write(os.path.join(name, "src", "main.c"), main)
        return os.path.join(self.tmp, name)

    def edit_newer(self, path, text, *refs):
        """Writes path so that its mtime is strictly newer than every ref file."""
        ref = max(os.stat(r).st_mtime_ns for r in refs)
        for _ in range(300):
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            if os.stat(path).st_mtime_ns > ref:
                return
            time.sleep(0.01)
        self.fail("could not make {} newer than {}".format(path, refs))

    @staticmethod
    def read(path):
        with open(path, encoding="utf-8") as f:
            return f.read()

    # -- running -----------------------------------------------------------

    def run_cmd(self, cmd, cwd=None):
        cwd = cwd or self.tmp
        # PWD as a shell would set it: cmake/board.cmake resolves a relative
        # APP from $ENV{PWD}.
        env = dict(os.environ, PWD=cwd)
        r = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=300)
        r.output = r.stdout
        return r

    def cmake(self, build, app, board=BOARD, extra=None, defines=(), base=None, cwd=None):
        cmd = ["cmake", "-S", base or BASE, "-B", build, "-G", "Ninja",
               "-DBOARD=" + board, "-DAPP=" + app]
        if extra is not None:
            cmd.append("-DEXTRA_CONF_FILE=" + ";".join(extra))
        cmd += ["-D" + d for d in defines]
        return self.run_cmd(cmd, cwd=cwd)

    def cmake_ok(self, *args, **kwargs):
        r = self.cmake(*args, **kwargs)
        self.assertEqual(r.returncode, 0, r.output)
        return r

    def cmake_fails(self, *args, **kwargs):
        r = self.cmake(*args, **kwargs)
        self.assertNotEqual(r.returncode, 0, "configure should have failed:\n" + r.output)
        self.assertNotIn("Traceback", r.output)
        return r.output

    def ninja(self, build, *targets):
        return self.run_cmd(["ninja", "-C", build] + list(targets))

    def ninja_ok(self, build, *targets):
        r = self.ninja(build, *targets)
        self.assertEqual(r.returncode, 0, r.output)
        return r.output

    # -- outputs -----------------------------------------------------------

    def defines(self, build):
        text = self.read(os.path.join(build, "include", "generated", "autoconf.h"))
        return dict(re.findall(r"^#define (CONFIG_\w+) (.*)$", text, re.M))

    def dotconfig(self, build):
        return self.read(os.path.join(build, ".config")).splitlines()

    def assertConfig(self, build, name, value):
        """value as autoconf.h writes it; None for a bool that is n."""
        got = self.defines(build).get(name)
        self.assertEqual(got, value, "{} in autoconf.h of {}".format(name, build))
        lines = self.dotconfig(build)
        if value is None:
            # "# X is not set", or no line at all for a member of an
            # optional choice left empty.
            self.assertFalse([ln for ln in lines if ln.startswith(name + "=")], name)
        else:
            shown = "y" if value == "1" else value
            self.assertIn("{}={}".format(name, shown), lines)

    def assertErrorAt(self, output, where, *words):
        """One line of output starts with '<where>: error' and has every word."""
        lines = [ln for ln in output.splitlines() if ln.startswith(where + ": error")]
        self.assertTrue(lines, "no '{}: error' line in:\n{}".format(where, output))
        for w in words:
            self.assertTrue(any(w in ln for ln in lines),
                            "'{}' missing from {}".format(w, lines))


class ConfigureTest(VireoBuildCase):
    """Configure only (cmake): merge order and every kind of refusal."""

    def test_merge_order(self):
        # Baseline: .config.defaults gives BOOT_BANNER=y, the board defconfig
        # SRAM_SIZE=16384, Kconfig's default MAIN_STACK_SIZE 2048.
        app0 = self.make_app("app0", "")
        b0 = os.path.join(self.tmp, "b0")
        self.cmake_ok(b0, app0)
        self.assertConfig(b0, "CONFIG_BOOT_BANNER", "1")
        self.assertConfig(b0, "CONFIG_SRAM_SIZE", "16384")
        self.assertConfig(b0, "CONFIG_MAIN_STACK_SIZE", "2048")

        # prj.conf overrides .config.defaults and the board defconfig.
        app = self.make_app("app", "# from prj.conf\n"
                            "# CONFIG_BOOT_BANNER is not set\n"
                            "CONFIG_SRAM_SIZE=8192\n"
                            "CONFIG_MAIN_STACK_SIZE=1024\n"
                            "CONFIG_ISR_STACK_SIZE=1024\n")
        b1 = os.path.join(self.tmp, "b1")
        self.cmake_ok(b1, app)
        self.assertConfig(b1, "CONFIG_BOOT_BANNER", None)
        self.assertConfig(b1, "CONFIG_SRAM_SIZE", "8192")
        self.assertConfig(b1, "CONFIG_MAIN_STACK_SIZE", "1024")
        self.assertConfig(b1, "CONFIG_ISR_STACK_SIZE", "1024")

        # Extra fragments override prj.conf; of two, the second wins.
        x1 = self.write("frag/x1.conf", "CONFIG_BOOT_BANNER=y\n"
                        "CONFIG_MAIN_STACK_SIZE=1536\nCONFIG_ISR_STACK_SIZE=1536\n")
        x2 = self.write("frag/x2.conf", "CONFIG_MAIN_STACK_SIZE=3072\n")
        b2 = os.path.join(self.tmp, "b2")
        self.cmake_ok(b2, app, extra=[x1, x2])
        self.assertConfig(b2, "CONFIG_BOOT_BANNER", "1")
        self.assertConfig(b2, "CONFIG_SRAM_SIZE", "8192")
        self.assertConfig(b2, "CONFIG_MAIN_STACK_SIZE", "3072")
        self.assertConfig(b2, "CONFIG_ISR_STACK_SIZE", "1536")

        # -DCONFIG_X overrides everything, also when added on a re-run of
        # cmake over the same build folder.
        self.cmake_ok(b2, app, extra=[x1, x2],
                      defines=["CONFIG_MAIN_STACK_SIZE=4096", "CONFIG_BOOT_BANNER=n"])
        self.assertConfig(b2, "CONFIG_BOOT_BANNER", None)
        self.assertConfig(b2, "CONFIG_SRAM_SIZE", "8192")
        self.assertConfig(b2, "CONFIG_MAIN_STACK_SIZE", "4096")
        self.assertConfig(b2, "CONFIG_ISR_STACK_SIZE", "1536")

    def test_app_board_fragment(self):
        # boards/<board>.conf of the app comes after prj.conf, before the
        # extra fragments; another board's file is not read.
        app = self.make_app("app", "CONFIG_MAIN_STACK_SIZE=1024\nCONFIG_ISR_STACK_SIZE=1024\n")
        self.write("app/boards/{}.conf".format(BOARD),
                   "CONFIG_MAIN_STACK_SIZE=1536\nCONFIG_ISR_STACK_SIZE=1536\n")
        self.write("app/boards/no_such_board.conf", "CONFIG_NOT_A_SYMBOL=y\n")
        x = self.write("frag/x.conf", "CONFIG_ISR_STACK_SIZE=3072\n")
        b = os.path.join(self.tmp, "b")
        self.cmake_ok(b, app, extra=[x])
        self.assertConfig(b, "CONFIG_MAIN_STACK_SIZE", "1536")
        self.assertConfig(b, "CONFIG_ISR_STACK_SIZE", "3072")

    def test_unknown_symbol_in_prj_conf(self):
        app = self.make_app(prj="# comment\nCONFIG_MAIN_STACK_SIZE=1024\n\n"
                            "CONFIG_NO_SUCH_SYMBOL=y\n")
        build = os.path.join(self.tmp, "build")
        out = self.cmake_fails(build, app)
        self.assertErrorAt(out, os.path.join(app, "prj.conf") + ":4",
                           "CONFIG_NO_SUCH_SYMBOL")
        self.assertNotIn(":2: error", out)
        # Nothing half-configured is left behind.
        self.assertFalse(os.path.exists(os.path.join(build, "build.ninja")))
        self.assertFalse(os.path.exists(os.path.join(build, ".config")))
        self.assertFalse(os.path.exists(
            os.path.join(build, "include", "generated", "autoconf.h")))

    def test_unknown_symbol_in_extra_fragment(self):
        app = self.make_app()
        x1 = self.write("x1.conf", "CONFIG_MAIN_STACK_SIZE=1024\n")
        x2 = self.write("x2.conf", "\n\nCONFIG_MAIN_STAK_SIZE=1024\n")
        out = self.cmake_fails(os.path.join(self.tmp, "build"), app, extra=[x1, x2])
        self.assertErrorAt(out, x2 + ":3", "CONFIG_MAIN_STAK_SIZE")

    def test_every_error_reported_at_once(self):
        prj = "CONFIG_NOPE_ONE=y\nCONFIG_MAIN_STACK_SIZE=1024\nCONFIG_NOPE_TWO=y\n"
        app = self.make_app(prj=prj)
        out = self.cmake_fails(os.path.join(self.tmp, "build"), app)
        conf = os.path.join(app, "prj.conf")
        self.assertErrorAt(out, conf + ":1", "CONFIG_NOPE_ONE")
        self.assertErrorAt(out, conf + ":3", "CONFIG_NOPE_TWO")

    def test_value_out_of_range(self):
        app = self.make_app(prj="CONFIG_MAIN_STACK_SIZE=1024\nCONFIG_ISR_STACK_SIZE=12\n")
        out = self.cmake_fails(os.path.join(self.tmp, "build"), app)
        self.assertErrorAt(out, os.path.join(app, "prj.conf") + ":2",
                           "ISR_STACK_SIZE", "256", "65536")

    def test_user_mode_refused_in_s_mode_with_the_reason(self):
        # qemu_riscv64_sbi: the PMP is OpenSBI's; the error says so, for
        # user mode and for the PMP stack guards alike.
        app = self.make_app(prj="CONFIG_USERSPACE=y\n")
        out = self.cmake_fails(os.path.join(self.tmp, "b1"), app, board="qemu_riscv64_sbi")
        self.assertErrorAt(out, os.path.join(app, "prj.conf") + ":1", "USERSPACE",
                           "PMP belongs to the firmware", "page-table backend")
        out = self.cmake_fails(os.path.join(self.tmp, "b2"), self.make_app("app2"),
                               board="qemu_riscv64_sbi", defines=["CONFIG_PMP_STACK_GUARD=y"])
        self.assertIn("PMP belongs to the firmware", flat(out))
        # The same fragment configures on the M-mode 64-bit board.
        self.cmake_ok(os.path.join(self.tmp, "b3"), app, board="qemu_riscv64")
        self.assertConfig(os.path.join(self.tmp, "b3"), "CONFIG_USERSPACE", "1")

    def test_machine_timer_refused_in_s_mode(self):
        # The CLINT's mtimecmp and the machine timer interrupt are the
        # firmware's under OpenSBI: choosing that timer on the S-mode board
        # must fail at configure time, not fault at boot (load access fault
        # on mtime).
        app = self.make_app(prj="CONFIG_RISCV_SBI_TIMER=n\nCONFIG_RISCV_MACHINE_TIMER=y\n")
        out = self.cmake_fails(os.path.join(self.tmp, "b1"), app, board="qemu_riscv64_sbi")
        self.assertErrorAt(out, os.path.join(app, "prj.conf") + ":2", "RISCV_MACHINE_TIMER",
                           "RISCV_M_MODE")

    def test_value_of_wrong_type(self):
        app = self.make_app(prj="\nCONFIG_MAIN_STACK_SIZE=big\nCONFIG_BOOT_BANNER=2048\n")
        conf = os.path.join(app, "prj.conf")
        out = self.cmake_fails(os.path.join(self.tmp, "build"), app)
        self.assertErrorAt(out, conf + ":2", "MAIN_STACK_SIZE")
        self.assertErrorAt(out, conf + ":3", "BOOT_BANNER")

    def test_unmet_dependency(self):
        app = self.make_app(prj="# no CONFIG_XIP=y\nCONFIG_FLASH_BASE_ADDRESS=0x20000000\n")
        out = self.cmake_fails(os.path.join(self.tmp, "build"), app)
        self.assertErrorAt(out, os.path.join(app, "prj.conf") + ":2",
                           "FLASH_BASE_ADDRESS", "XIP")

    def test_malformed_lines(self):
        app = self.make_app(prj="CONFIG_BOOT_BANNER=y\nCONFIG_MAIN_STACK_SIZE 1024\n"
                            "CONFIG_ISR_STACK_SIZE=\nthis is not kconfig\n")
        conf = os.path.join(app, "prj.conf")
        out = self.cmake_fails(os.path.join(self.tmp, "build"), app)
        self.assertErrorAt(out, conf + ":2")
        self.assertErrorAt(out, conf + ":3")
        self.assertErrorAt(out, conf + ":4")
        self.assertNotIn(conf + ":1:", out)

    def test_bad_value_on_command_line(self):
        app = self.make_app()
        out = self.cmake_fails(os.path.join(self.tmp, "b1"), app,
                               defines=["CONFIG_MAIN_STACK_SIZE=100"])
        self.assertRegex(out, r"(?m)^.*error.*CONFIG_MAIN_STACK_SIZE=100.*$")
        self.assertIn("1048576", out)   # the range
        out = self.cmake_fails(os.path.join(self.tmp, "b2"), app,
                               defines=["CONFIG_NO_SUCH_OPTION=y"])
        self.assertRegex(out, r"(?m)^.*error.*CONFIG_NO_SUCH_OPTION.*$")
        out = self.cmake_fails(os.path.join(self.tmp, "b3"), app,
                               defines=["CONFIG_BOOT_BANNER=maybe"])
        self.assertRegex(out, r"(?m)^.*error.*CONFIG_BOOT_BANNER.*$")

    def test_unknown_board(self):
        app = self.make_app()
        out = flat(self.cmake_fails(os.path.join(self.tmp, "build"), app, board="nosuch"))
        self.assertIn("nosuch", out)
        self.assertIn("known boards", out)
        known = sorted(d for d in os.listdir(os.path.join(BASE, "boards"))
                       if os.path.isfile(os.path.join(BASE, "boards", d, d + "_defconfig")))
        self.assertIn(BOARD, known)
        for b in known:
            self.assertIn(b, out)

    def test_missing_app_folder(self):
        missing = os.path.join(self.tmp, "no_such_app")
        out = flat(self.cmake_fails(os.path.join(self.tmp, "build"), missing))
        self.assertIn(missing, out)
        self.assertRegex(out, r"(?i)not found|does not exist|no such")

    def test_folder_that_is_not_an_app(self):
        empty = os.path.join(self.tmp, "empty")
        os.makedirs(empty)
        out = flat(self.cmake_fails(os.path.join(self.tmp, "b1"), empty))
        self.assertIn(empty, out)
        self.assertIn("src/*.c", out)
        nosrc = self.make_app("nosrc", main=None)
        os.makedirs(os.path.join(nosrc, "src"))
        out = flat(self.cmake_fails(os.path.join(self.tmp, "b2"), nosrc))
        self.assertIn(nosrc, out)
        self.assertIn("src/*.c", out)

    def test_missing_extra_fragment(self):
        app = self.make_app()
        missing = os.path.join(self.tmp, "nothere.conf")
        out = flat(self.cmake_fails(os.path.join(self.tmp, "build"), app, extra=[missing]))
        self.assertIn(missing, out)

    # The power-off drivers are one choice: an app picks another one over
    # the board's, and never ends up with two (which would not link).
    def test_app_can_swap_the_power_off_driver(self):
        app = self.make_app(prj="CONFIG_POWEROFF_HALT=y\n")
        build = os.path.join(self.tmp, "build")
        self.cmake_ok(build, app)
        self.assertConfig(build, "CONFIG_POWEROFF_HALT", "1")
        self.assertConfig(build, "CONFIG_POWEROFF_SIFIVE_TEST", None)

    # Regression: an assignment in an earlier fragment to a symbol whose
    # dependency a LATER fragment turned off was reported as "not applied",
    # so prj.conf could not disable a driver the board defconfig enables
    # together with its base address (POWEROFF_SIFIVE_TEST + _BASE).
    def test_app_can_disable_board_driver(self):
        app = self.make_app(prj="# CONFIG_POWEROFF_SIFIVE_TEST is not set\n")
        build = os.path.join(self.tmp, "build")
        self.cmake_ok(build, app)
        self.assertConfig(build, "CONFIG_POWEROFF_SIFIVE_TEST", None)
        self.assertNotIn("CONFIG_POWEROFF_SIFIVE_TEST_BASE", self.defines(build))
        self.assertNotIn("CONFIG_POWEROFF", self.defines(build))
        # The same with -D, which stays in the cache: the re-run that an edit
        # of prj.conf starts applies it again, and must still succeed.
        app = self.make_app("app2")
        build = os.path.join(self.tmp, "build2")
        self.cmake_ok(build, app, defines=["CONFIG_POWEROFF_SIFIVE_TEST=n"])
        self.edit_newer(os.path.join(app, "prj.conf"), "CONFIG_MAIN_STACK_SIZE=1280\n",
                        os.path.join(build, "build.ninja"))
        r = self.run_cmd(["ninja", "build.ninja"], cwd=build)
        self.assertEqual(r.returncode, 0, r.output)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "1280")
        self.assertConfig(build, "CONFIG_POWEROFF_SIFIVE_TEST", None)

    def test_relative_app_from_working_directory(self):
        # -DAPP=myapp typed in a shell whose working directory holds myapp.
        self.make_app("myapp", "CONFIG_MAIN_STACK_SIZE=1280\n")
        build = os.path.join(self.tmp, "build")
        self.cmake_ok(build, "myapp", cwd=self.tmp)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "1280")


class RegenerateTest(VireoBuildCase):
    """Re-running the configure step from another working directory."""

    # Regression: a relative -DAPP was kept relative in the cache and
    # resolved against $ENV{PWD} again on every re-run, so the re-run that
    # ninja starts from inside the build folder (or `ninja -C build` from any
    # other folder) failed with "application folder 'myapp' not found" (or
    # picked a same-named folder of the Vireo tree).
    def test_relative_app_survives_regeneration(self):
        app = self.make_app("myapp", "CONFIG_MAIN_STACK_SIZE=1280\n")
        build = os.path.join(self.tmp, "build")
        self.cmake_ok(build, "myapp", cwd=self.tmp)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "1280")
        self.edit_newer(os.path.join(app, "prj.conf"), "CONFIG_MAIN_STACK_SIZE=1792\n",
                        os.path.join(build, "build.ninja"))
        # `ninja build.ninja` in the build folder: only the re-configure.
        r = self.run_cmd(["ninja", "build.ninja"], cwd=build)
        self.assertEqual(r.returncode, 0, r.output)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "1792")


    def test_bad_dotconfig_edit_fails_at_its_line(self):
        # A hand edit of .config, kept because the inputs did not change, is
        # checked like a fragment: errors at .config:line, not a warning and
        # a silently dropped value.
        app = self.make_app()
        build = os.path.join(self.tmp, "build")
        dotconfig = os.path.join(build, ".config")
        self.cmake_ok(build, app)
        text = self.read(dotconfig)
        good = re.search(r"(?m)^CONFIG_MAIN_STACK_SIZE=.*$", text).group(0)
        bad = text.replace(good, "CONFIG_MAIN_STACK_SIZE=12\nCONFIG_MAIN_STAK_SIZE=1024")
        line = bad.splitlines().index("CONFIG_MAIN_STACK_SIZE=12") + 1
        self.edit_newer(dotconfig, bad, os.path.join(build, "build.ninja"),
                        dotconfig + ".inputs-hash")
        for _ in range(2):      # keeps failing until fixed
            r = self.run_cmd(["ninja", "build.ninja"], cwd=build)
            self.assertNotEqual(r.returncode, 0, r.output)
            self.assertErrorAt(r.output, "{}:{}".format(dotconfig, line),
                               "MAIN_STACK_SIZE", "1048576")
            self.assertErrorAt(r.output, "{}:{}".format(dotconfig, line + 1),
                               "CONFIG_MAIN_STAK_SIZE")
        self.edit_newer(dotconfig, text.replace(good, "CONFIG_MAIN_STACK_SIZE=3072"),
                        os.path.join(build, "build.ninja"))
        r = self.run_cmd(["ninja", "build.ninja"], cwd=build)
        self.assertEqual(r.returncode, 0, r.output)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "3072")


class BuildTest(VireoBuildCase):
    """Full builds with ninja, and re-configuring through ninja."""

    def assertImages(self, build):
        for name in ("vireo.elf", "vireo.bin", "vireo.map", "compile_commands.json"):
            path = os.path.join(build, name)
            self.assertTrue(os.path.isfile(path), path)
            self.assertGreater(os.path.getsize(path), 0, path)

    def compiled_files(self, build):
        with open(os.path.join(build, "compile_commands.json"), encoding="utf-8") as f:
            return {os.path.realpath(os.path.join(e["directory"], e["file"]))
                    for e in json.load(f)}

    def test_stack_guard_smaller_than_the_saved_frame_fails_the_build(self):
        # RV64: struct arch_esf is 280 bytes, trap.S saves it rounded up to
        # 288. A 284-byte guard cannot hold the frame of a caught overflow.
        app = self.make_app(prj="CONFIG_USERSPACE=y\nCONFIG_PMP_ISR_STACK_GUARD=n\n"
                            "CONFIG_PMP_STACK_GUARD_SIZE=284\n")
        build = os.path.join(self.tmp, "b")
        self.cmake_ok(build, app, board="qemu_riscv64")
        r = self.ninja(build)
        self.assertNotEqual(r.returncode, 0, r.output)
        self.assertIn("PMP_STACK_GUARD_SIZE must exceed the exception frame", r.output)

    def test_out_of_tree_app_builds_and_reconfigures(self):
        app = self.make_app(prj="CONFIG_MAIN_STACK_SIZE=1024\n")
        build = os.path.join(self.tmp, "build")
        self.cmake_ok(build, app)
        out = self.ninja_ok(build)
        self.assertImages(build)
        self.assertIn(os.path.join(app, "src", "main.c"), self.compiled_files(build))
        # The footprint summary follows the link.
        lines = out.splitlines()
        link = [i for i, ln in enumerate(lines) if re.search(r"Linking .*vireo\.elf", ln)]
        self.assertTrue(link, out)
        self.assertTrue(any("footprint" in ln.lower() for ln in lines[link[-1] + 1:]),
                        "no footprint summary after the link:\n" + out)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "1024")
        self.assertIn("no work to do", self.ninja_ok(build))

        # Editing prj.conf: ninja alone re-runs the configure step.
        self.edit_newer(os.path.join(app, "prj.conf"), "CONFIG_MAIN_STACK_SIZE=2560\n",
                        os.path.join(build, "build.ninja"))
        out = self.ninja_ok(build)
        self.assertIn("Re-running CMake", out)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "2560")
        self.assertIn("no work to do", self.ninja_ok(build))

        # A bad edit fails the build with file:line, and keeps failing (no
        # stale success) until it is fixed.
        prj = os.path.join(app, "prj.conf")
        self.edit_newer(prj, "CONFIG_MAIN_STACK_SIZE=12\n",
                        os.path.join(build, "build.ninja"))
        for _ in range(2):
            r = self.ninja(build)
            self.assertNotEqual(r.returncode, 0, r.output)
            self.assertErrorAt(r.output, prj + ":1", "MAIN_STACK_SIZE")
        self.edit_newer(prj, "CONFIG_MAIN_STACK_SIZE=3584\n",
                        os.path.join(build, "build.ninja"))
        self.ninja_ok(build)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "3584")
        self.assertIn("no work to do", self.ninja_ok(build))

        # A new src/*.c is picked up by ninja alone.
        self.write(os.path.join(app, "src", "extra.c"),
                   "#include <vireo/kernel.h>\n\nint vireo_test_extra(void);\n"
                   "int vireo_test_extra(void) { return 42; }\n")
        self.ninja_ok(build)
        self.assertIn(os.path.join(app, "src", "extra.c"), self.compiled_files(build))
        self.assertIn("no work to do", self.ninja_ok(build))

        # An extra fragment is an input too.
        x1 = self.write("x1.conf", "CONFIG_ISR_STACK_SIZE=1024\n")
        self.cmake_ok(build, app, extra=[x1])
        self.ninja_ok(build)
        self.assertConfig(build, "CONFIG_ISR_STACK_SIZE", "1024")
        self.edit_newer(x1, "CONFIG_ISR_STACK_SIZE=4096\n",
                        os.path.join(build, "build.ninja"))
        self.ninja_ok(build)
        self.assertConfig(build, "CONFIG_ISR_STACK_SIZE", "4096")
        self.assertIn("no work to do", self.ninja_ok(build))

    def test_deleted_autoconf_h_is_regenerated(self):
        # ninja alone repairs the build folder (it used to stop with
        # "autoconf.h ... missing and no known rule to make it").
        app = self.make_app()
        build = os.path.join(self.tmp, "build")
        header = os.path.join(build, "include", "generated", "autoconf.h")
        self.cmake_ok(build, app)
        self.ninja_ok(build)
        before = self.read(header)
        os.remove(header)
        self.ninja_ok(build)
        self.assertEqual(before, self.read(header))
        self.assertIn("no work to do", self.ninja_ok(build))

    def test_app_with_own_cmakelists_builds(self):
        app = os.path.join(self.tmp, "cmapp")
        self.write("cmapp/prj.conf", "")
        self.write("cmapp/CMakeLists.txt",
                   "target_sources(app PRIVATE code/hello.c code/helper.c)\n")
        self.write("cmapp/code/helper.c",
                   "#include <vireo/kernel.h>\n\nvoid helper(void);\n"
                   "void helper(void) { printk(\"helper\\n\"); }\n")
        self.write("cmapp/code/hello.c",
                   "#include <vireo/kernel.h>\n\nvoid helper(void);\n"
                   "int main(void) { helper(); printk(\"x\\n\"); return 0; }\n")
        build = os.path.join(self.tmp, "build")
        self.cmake_ok(build, app)
        self.ninja_ok(build)
        self.assertImages(build)
        files = self.compiled_files(build)
        self.assertIn(os.path.join(app, "code", "hello.c"), files)
        self.assertIn(os.path.join(app, "code", "helper.c"), files)
        self.assertIn("helper", self.read(os.path.join(build, "vireo.map")))

    def test_kconfig_edit_reconfigures(self):
        # A private copy of the tree, so that its Kconfig can be edited.
        base = os.path.join(self.tmp, "tree")

        def ignore(folder, names):
            skip = {n for n in names if n in (".git", "__pycache__")}
            if os.path.realpath(folder) == BASE:   # build folders at the top
                skip |= {n for n in names
                         if os.path.isfile(os.path.join(folder, n, "CMakeCache.txt"))}
            return skip
        shutil.copytree(BASE, base, ignore=ignore, symlinks=True)
        kconfig = os.path.join(base, "kernel", "Kconfig")
        original = self.read(kconfig)
        probe = "\nconfig VIREO_TEST_PROBE\n\tint \"Test probe\"\n\tdefault {}\n"
        with open(kconfig, "w", encoding="utf-8") as f:
            f.write(original + probe.format(111))

        app = self.make_app()
        build = os.path.join(self.tmp, "build")
        self.cmake_ok(build, app, base=base)
        self.ninja_ok(build)
        self.assertConfig(build, "CONFIG_VIREO_TEST_PROBE", "111")

        self.edit_newer(kconfig, original + probe.format(222),
                        os.path.join(build, "build.ninja"))
        out = self.ninja_ok(build)
        self.assertIn("Re-running CMake", out)
        self.assertConfig(build, "CONFIG_VIREO_TEST_PROBE", "222")
        self.assertIn("no work to do", self.ninja_ok(build))

    def test_menuconfig_edit_is_kept(self):
        app = self.make_app(prj="CONFIG_MAIN_STACK_SIZE=1024\n")
        build = os.path.join(self.tmp, "build")
        dotconfig = os.path.join(build, ".config")
        self.cmake_ok(build, app)
        self.ninja_ok(build)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "1024")

        # Edit .config as menuconfig would: rewritten, newer than the rest.
        text = self.read(dotconfig)
        self.assertIn("CONFIG_MAIN_STACK_SIZE=1024\n", text)
        refs = [os.path.join(build, "build.ninja")]
        refs += [p for p in (dotconfig + ".inputs-hash",) if os.path.exists(p)]
        self.edit_newer(dotconfig, text.replace("CONFIG_MAIN_STACK_SIZE=1024\n",
                                                "CONFIG_MAIN_STACK_SIZE=5120\n"), *refs)
        self.ninja_ok(build)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "5120")
        self.assertIn("no work to do", self.ninja_ok(build))

        # Re-running cmake by hand with the inputs unchanged keeps the edit.
        self.cmake_ok(build, app)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "5120")

        # savedefconfig writes the minimal configuration, edit included.
        self.ninja_ok(build, "savedefconfig")
        defconfig = self.read(os.path.join(build, "defconfig")).splitlines()
        self.assertIn("CONFIG_MAIN_STACK_SIZE=5120", defconfig)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "5120")

        # A changed input (prj.conf) is merged again: prj.conf wins then.
        self.edit_newer(os.path.join(app, "prj.conf"), "CONFIG_MAIN_STACK_SIZE=1536\n",
                        os.path.join(build, "build.ninja"), dotconfig)
        self.ninja_ok(build)
        self.assertConfig(build, "CONFIG_MAIN_STACK_SIZE", "1536")
        self.assertIn("no work to do", self.ninja_ok(build))


    # Regression: -DCONFIG_X=y stays in the CMake cache, and config.cmake left
    # out bools that are n, so when a menuconfig edit turned X off (and was
    # kept, inputs being unchanged) CMake still saw the cached "y":
    # vireo_sources_ifdef(CONFIG_X ...) compiled the driver while autoconf.h
    # said n (sifive_test.c: CONFIG_POWEROFF_SIFIVE_TEST_BASE undeclared).
    def test_menuconfig_turns_off_bool_given_with_D(self):
        app = self.make_app()
        build = os.path.join(self.tmp, "build")
        dotconfig = os.path.join(build, ".config")
        self.cmake_ok(build, app, defines=["CONFIG_POWEROFF_SIFIVE_TEST=y"])
        self.ninja_ok(build)
        text = self.read(dotconfig)
        self.assertIn("CONFIG_POWEROFF_SIFIVE_TEST=y\n", text)
        # What menuconfig writes after turning the driver off.
        text = text.replace("CONFIG_POWEROFF_SIFIVE_TEST=y\n",
                            "# CONFIG_POWEROFF_SIFIVE_TEST is not set\n")
        text = re.sub(r"(?m)^CONFIG_POWEROFF_SIFIVE_TEST_BASE=.*\n", "", text)
        self.edit_newer(dotconfig, text, os.path.join(build, "build.ninja"),
                        dotconfig + ".inputs-hash")
        r = self.ninja(build)
        # Whichever value wins, CMake and autoconf.h must agree on it.
        enabled = "CONFIG_POWEROFF_SIFIVE_TEST" in self.defines(build)
        compiled = any(f.endswith("/sifive_test.c") for f in self.compiled_files(build))
        self.assertEqual(enabled, compiled, r.output)
        self.assertEqual(r.returncode, 0, r.output)


if __name__ == "__main__":
    unittest.main()
