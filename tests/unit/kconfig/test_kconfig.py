"""Host tests of scripts/kconfig/kconfig.py, the configure-step Kconfig tool.

Each test runs the script as a subprocess, the way CMake does, against the
small Kconfig tree in fixtures/ (board part reached through $(BOARD_DIR)),
with fragments and a build folder in a fresh temporary directory.
Run with Debian's Python: /usr/bin/python3 -m unittest -v test_kconfig.py
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.environ.get("VIREO_BASE") or os.path.join(HERE, "..", "..", "..")
SCRIPT = os.path.abspath(os.path.join(BASE, "scripts", "kconfig", "kconfig.py"))
FIXTURES = os.path.join(HERE, "fixtures")


class KconfigToolTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="vireo-kconfig-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.tree = FIXTURES
        b = os.path.join(self.tmp, "build")
        self.out = {"config": os.path.join(b, ".config"),
                    "header": os.path.join(b, "include", "generated", "autoconf.h"),
                    "cmake": os.path.join(b, "kconfig", "config.cmake"),
                    "inputs": os.path.join(b, "kconfig", "inputs.txt")}

    # -- helpers ---------------------------------------------------------

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def env(self):
        return dict(os.environ, srctree=self.tree, BOARD="fixboard",
                    BOARD_DIR=os.path.join(self.tree, "boards", "fixboard"))

    def run_tool(self, *extra):
        cmd = [sys.executable, SCRIPT, "--kconfig", os.path.join(self.tree, "Kconfig"),
               "--config-out", self.out["config"]] + list(extra)
        return subprocess.run(cmd, env=self.env(), capture_output=True, text=True)

    def configure(self, fragments=(), sets=()):
        args = ["--header-out", self.out["header"], "--cmake-out", self.out["cmake"],
                "--inputs-out", self.out["inputs"]]
        for f in fragments:
            args += ["--fragment", f]
        for s in sets:
            args += ["--set", s]
        return self.run_tool(*args)

    def configure_ok(self, fragments=(), sets=()):
        r = self.configure(fragments, sets)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r

    def configure_fails(self, fragments=(), sets=()):
        r = self.configure(fragments, sets)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertNotIn("Traceback", r.stderr)
        return r.stderr

    def read(self, key):
        with open(self.out[key], encoding="utf-8") as f:
            return f.read()

    def header_defines(self):
        return dict(re.findall(r"^#define (\w+) (.*)$", self.read("header"), re.M))

    def mtimes(self):
        return {k: os.stat(p).st_mtime_ns for k, p in self.out.items()}

    # -- merging ---------------------------------------------------------

    def test_merge_order_later_wins(self):
        frags = [self.write("defaults", "CONFIG_FEATURE_A=y\nCONFIG_STACK_SIZE=100\n"
                            'CONFIG_GREETING="defaults"\nCONFIG_BASE_ADDR=0x10\n'),
                 self.write("board_defconfig", "CONFIG_STACK_SIZE=200\n"
                            'CONFIG_GREETING="board"\nCONFIG_BASE_ADDR=0x20\n'),
                 self.write("prj.conf", "CONFIG_STACK_SIZE=300\nCONFIG_GREETING=prj\n"),
                 self.write("extra.conf", "CONFIG_STACK_SIZE=400\n")]
        self.configure_ok(frags)
        d = self.header_defines()
        self.assertEqual(d["CONFIG_FEATURE_A"], "1")
        self.assertEqual(d["CONFIG_BASE_ADDR"], "0x20")
        self.assertEqual(d["CONFIG_GREETING"], '"prj"')
        self.assertEqual(d["CONFIG_STACK_SIZE"], "400")
        self.configure_ok(frags, ["CONFIG_STACK_SIZE=500"])
        self.assertEqual(self.header_defines()["CONFIG_STACK_SIZE"], "500")

    def test_later_fragment_overrides_earlier(self):
        a = self.write("a.conf", "CONFIG_FEATURE_A=y\nCONFIG_SCHED_PRIO=y\n")
        b = self.write("b.conf", "# CONFIG_FEATURE_A is not set\nCONFIG_SCHED_SIMPLE=y\n")
        self.configure_ok([a, b])
        d = self.header_defines()
        self.assertNotIn("CONFIG_FEATURE_A", d)
        self.assertIn("CONFIG_SCHED_SIMPLE", d)
        self.assertNotIn("CONFIG_SCHED_PRIO", d)

    def test_not_set(self):
        self.configure_ok([self.write("prj.conf", "# CONFIG_FEATURE_B is not set\n")])
        self.assertNotIn("CONFIG_FEATURE_B", self.header_defines())
        self.assertIn("# CONFIG_FEATURE_B is not set\n", self.read("config"))

    def test_string_with_escapes_and_bare_word(self):
        prj = self.write("prj.conf", 'CONFIG_GREETING="say \\"hi\\" \\\\ $x"\n')
        self.configure_ok([prj])
        self.assertEqual(self.header_defines()["CONFIG_GREETING"], r'"say \"hi\" \\ $x"')
        self.assertIn(r'set(CONFIG_GREETING "say \"hi\" \\ \$x")', self.read("cmake"))
        self.configure_ok([self.write("prj.conf", "CONFIG_GREETING=word\n")])
        self.assertEqual(self.header_defines()["CONFIG_GREETING"], '"word"')

    def test_command_line_value_with_spaces(self):
        self.configure_ok(sets=["CONFIG_GREETING=two words"])
        self.assertEqual(self.header_defines()["CONFIG_GREETING"], '"two words"')

    def test_choice_overridden_by_later_fragment(self):
        board = self.write("board_defconfig", "CONFIG_SCHED_PRIO=y\n")
        prj = self.write("prj.conf", "CONFIG_SCHED_SIMPLE=y\n")
        self.configure_ok([board, prj])
        self.assertIn("CONFIG_SCHED_SIMPLE", self.header_defines())

    def test_optional_choice_emptied_by_later_fragment(self):
        board = self.write("board_defconfig", "CONFIG_LOG_SINK_UART=y\n")
        prj = self.write("prj.conf", "# CONFIG_LOG_SINK_UART is not set\n")
        self.configure_ok([board])
        self.assertIn("CONFIG_LOG_SINK_UART", self.header_defines())
        self.configure_ok([board, prj])
        d = self.header_defines()
        self.assertNotIn("CONFIG_LOG_SINK_UART", d)
        self.assertNotIn("CONFIG_LOG_SINK_MEMORY", d)
        # Another member instead of the board's.
        self.configure_ok([board, self.write("prj.conf", "CONFIG_LOG_SINK_MEMORY=y\n")])
        d = self.header_defines()
        self.assertIn("CONFIG_LOG_SINK_MEMORY", d)
        self.assertNotIn("CONFIG_LOG_SINK_UART", d)

    def test_environment_reaches_kconfig(self):
        self.configure_ok()
        d = self.header_defines()
        self.assertEqual(d["CONFIG_BOARD_NAME"], '"fixboard"')
        self.assertEqual(d["CONFIG_BOARD_UART"], "1")

    # -- errors ----------------------------------------------------------

    def test_unknown_symbol_with_suggestion(self):
        prj = self.write("prj.conf", "# comment\nCONFIG_FEATUR_A=y\nCONFIG_QWERTY=y\n")
        err = self.configure_fails([prj])
        self.assertIn("{}:2: error: unknown symbol CONFIG_FEATUR_A; did you mean "
                      "CONFIG_FEATURE_A?".format(prj), err)
        line = [l for l in err.splitlines() if "CONFIG_QWERTY" in l][0]
        self.assertTrue(line.startswith("{}:3: error: unknown symbol".format(prj)))
        self.assertNotIn("did you mean", line)

    def test_malformed_lines(self):
        prj = self.write("prj.conf", "\nCONFIG_FEATURE_A=y\nFEATURE_B=y\n"
                         'CONFIG_GREETING="unterminated\nCONFIG_GREETING=a b\n'
                         "CONFIG_STACK_SIZE=\n")
        err = self.configure_fails([prj])
        for n in (3, 4, 5, 6):
            self.assertIn("{}:{}: error: ".format(prj, n), err)
        self.assertIn("malformed line 'FEATURE_B=y'", err)
        self.assertNotIn("{}:2:".format(prj), err)

    def test_out_of_range(self):
        prj = self.write("prj.conf", "CONFIG_STACK_SIZE=8192\n")
        err = self.configure_fails([prj])
        self.assertIn("{}:1: error: CONFIG_STACK_SIZE=8192 was not applied"
                      .format(prj), err)
        self.assertIn("[64, 4096]", err)

    def test_command_line_location(self):
        err = self.configure_fails(sets=["CONFIG_STACK_SIZE=1"])
        self.assertIn("command line (-DCONFIG_STACK_SIZE=1): error: "
                      "CONFIG_STACK_SIZE=1 was not applied", err)

    def test_unmet_dependency(self):
        prj = self.write("prj.conf", "CONFIG_NEEDS_A=y\n")
        err = self.configure_fails([prj])
        self.assertIn("{}:1: error: CONFIG_NEEDS_A=y was not applied".format(prj), err)
        self.assertIn("depends on FEATURE_A && FEATURE_B", err)
        self.assertIn("FEATURE_A is n", err)
        self.assertNotIn("FEATURE_B is", err)

    def test_unmet_dependency_that_cannot_be_set_says_why(self):
        # LOCKED_BY_A is hidden (FEATURE_A is n): its help explains; a
        # dependency a fragment could simply set (FEATURE_A) gets none.
        prj = self.write("prj.conf", "CONFIG_NEEDS_LOCKED=y\n")
        err = self.configure_fails([prj])
        self.assertIn("LOCKED_BY_A is n (LOCKED_BY_A: Exists only with FEATURE_A, and this "
                      "help says so.)", err)
        # The deepest locked symbol of the chain explains, not the nearest.
        err = self.configure_fails([self.write("prj.conf", "CONFIG_DEEPER=y\n")])
        self.assertIn("NEEDS_LOCKED is n (LOCKED_BY_A: Exists only with FEATURE_A", err)
        err = self.configure_fails([self.write("prj.conf", "CONFIG_NEEDS_A=y\n")])
        self.assertNotIn("A plain bool", err)

    def test_type_errors(self):
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=12\nCONFIG_STACK_SIZE=abc\n"
                         'CONFIG_BASE_ADDR="0x10"\nCONFIG_FEATURE_B=m\n'
                         "# CONFIG_GREETING is not set\n")
        err = self.configure_fails([prj])
        self.assertIn("{}:1: error: CONFIG_FEATURE_A is a bool symbol".format(prj), err)
        self.assertIn("{}:2: error: CONFIG_STACK_SIZE is an int symbol".format(prj), err)
        self.assertIn("{}:3: error: CONFIG_BASE_ADDR is a hex symbol".format(prj), err)
        self.assertIn("{}:4: error: CONFIG_FEATURE_B is a bool symbol".format(prj), err)
        self.assertIn("{}:5: error: CONFIG_GREETING is a string symbol".format(prj), err)

    def test_promptless_symbol(self):
        prj = self.write("prj.conf", "CONFIG_HAS_MMIO=y\n")
        self.configure_ok([prj])        # same as its computed value: harmless
        prj = self.write("prj.conf", "# CONFIG_HAS_MMIO is not set\n")
        err = self.configure_fails([prj])
        self.assertIn("{}:1: error: '# CONFIG_HAS_MMIO is not set' was not applied: "
                      "HAS_MMIO has no prompt".format(prj), err)

    def test_selected_symbol_cannot_be_n(self):
        prj = self.write("prj.conf", "CONFIG_LOGGING=y\n# CONFIG_CONSOLE is not set\n")
        err = self.configure_fails([prj])
        self.assertIn("{}:2: error:".format(prj), err)
        self.assertIn("selected by LOGGING", err)

    def test_choice_conflicts(self):
        prj = self.write("prj.conf", "CONFIG_SCHED_PRIO=y\nCONFIG_SCHED_SIMPLE=y\n")
        err = self.configure_fails([prj])
        self.assertIn("{}:1: error: choice conflict".format(prj), err)
        prj = self.write("prj.conf", "# CONFIG_SCHED_SIMPLE is not set\n")
        err = self.configure_fails([prj])
        self.assertIn("{}:1: error:".format(prj), err)
        self.assertIn("choice SCHED", err)

    def test_only_last_assignment_checked_but_all_parsed(self):
        board = self.write("board_defconfig",
                           "CONFIG_STACK_SIZE=9999\nCONFIG_NEEDS_A=y\n")
        prj = self.write("prj.conf",
                         "CONFIG_STACK_SIZE=300\n# CONFIG_NEEDS_A is not set\n")
        self.configure_ok([board, prj])
        board = self.write("board_defconfig",
                           "CONFIG_STACK_SZE=100\nCONFIG_STACK_SIZE=abc\n")
        err = self.configure_fails([board, prj])
        self.assertIn("{}:1: error: unknown symbol CONFIG_STACK_SZE".format(board), err)
        self.assertIn("{}:2: error: CONFIG_STACK_SIZE is an int".format(board), err)

    # -- an assignment hidden by a later source ------------------------------
    # An assignment to a symbol whose dependency is unmet is an error, unless
    # a later source (fragment, line of the same fragment, --set) switched
    # that dependency off: the most recent intent wins.

    def test_later_fragment_turns_dependency_off(self):
        # prj.conf turns off a driver the board enables with its options.
        board = self.write("board_defconfig", "CONFIG_FEATURE_A=y\nCONFIG_NEEDS_A=y\n"
                           "CONFIG_NEEDS_A_LEVEL=4\n")
        prj = self.write("prj.conf", "# CONFIG_FEATURE_A is not set\n")
        r = self.configure_ok([board, prj])
        self.assertNotIn("NEEDS_A", r.stderr)
        d = self.header_defines()
        for name in ("CONFIG_FEATURE_A", "CONFIG_NEEDS_A", "CONFIG_NEEDS_A_LEVEL"):
            self.assertNotIn(name, d)

    def test_later_line_or_command_line_turns_dependency_off(self):
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=y\nCONFIG_NEEDS_A=y\n"
                         "# CONFIG_FEATURE_A is not set\n")
        self.configure_ok([prj])
        self.assertNotIn("CONFIG_NEEDS_A", self.header_defines())
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=y\nCONFIG_NEEDS_A=y\n")
        self.configure_ok([prj], ["CONFIG_FEATURE_A=n"])
        self.assertNotIn("CONFIG_NEEDS_A", self.header_defines())

    def test_later_choice_pick_hides_option_of_other_member(self):
        board = self.write("board_defconfig", "CONFIG_SCHED_PRIO=y\nCONFIG_PRIO_LEVELS=16\n")
        prj = self.write("prj.conf", "CONFIG_SCHED_SIMPLE=y\n")
        self.configure_ok([board, prj])
        d = self.header_defines()
        self.assertIn("CONFIG_SCHED_SIMPLE", d)
        self.assertNotIn("CONFIG_PRIO_LEVELS", d)

    def test_dependency_off_before_assignment_is_error(self):
        board = self.write("board_defconfig", "# CONFIG_FEATURE_A is not set\n")
        prj = self.write("prj.conf", "CONFIG_NEEDS_A=y\n")
        err = self.configure_fails([board, prj])
        self.assertIn("{}:1: error: CONFIG_NEEDS_A=y was not applied: NEEDS_A "
                      "depends on FEATURE_A".format(prj), err)
        board = self.write("board_defconfig", "CONFIG_FEATURE_A=y\n")
        prj = self.write("prj.conf", "# CONFIG_FEATURE_A is not set\nCONFIG_NEEDS_A=y\n")
        err = self.configure_fails([board, prj])
        self.assertIn("{}:2: error: CONFIG_NEEDS_A=y was not applied".format(prj), err)
        err = self.configure_fails([prj], ["CONFIG_NEEDS_A_LEVEL=2"])
        self.assertIn("command line (-DCONFIG_NEEDS_A_LEVEL=2): error: "
                      "CONFIG_NEEDS_A_LEVEL=2 was not applied", err)

    def test_later_assignment_to_satisfied_term_is_no_excuse(self):
        # NEEDS_A depends on FEATURE_A && FEATURE_B: a later FEATURE_B=y did
        # not hide it, FEATURE_A (never set, n by default) did.
        prj = self.write("prj.conf", "CONFIG_NEEDS_A=y\n")
        extra = self.write("extra.conf", "CONFIG_FEATURE_B=y\n")
        err = self.configure_fails([prj, extra])
        self.assertIn("{}:1: error: CONFIG_NEEDS_A=y was not applied".format(prj), err)
        self.assertIn("FEATURE_A is n", err)

    def test_all_errors_reported_in_order(self):
        a = self.write("a.conf", "CONFIG_NOPE=y\nCONFIG_STACK_SIZE=1\n")
        b = self.write("b.conf", "garbage\nCONFIG_NEEDS_A=y\n")
        err = self.configure_fails([a, b], ["CONFIG_FEATURE_A=7"])
        lines = [l for l in err.splitlines() if ": error: " in l]
        where = [l.split(": error: ")[0] for l in lines]
        self.assertEqual(where, ["{}:1".format(a), "{}:2".format(a), "{}:1".format(b),
                                 "{}:2".format(b), "command line (-DCONFIG_FEATURE_A=7)"])

    def test_missing_fragment(self):
        a = self.write("a.conf", "CONFIG_NOPE=y\n")
        missing = os.path.join(self.tmp, "missing.conf")
        b = self.write("b.conf", "CONFIG_NOPE=y\n")
        err = self.configure_fails([a, missing, b])
        lines = [l for l in err.splitlines() if ": error: " in l]
        self.assertTrue(lines[0].startswith(a + ":1: error:"))
        self.assertTrue(lines[1].startswith(missing + ": error: cannot read fragment"))
        self.assertTrue(lines[2].startswith(b + ":1: error:"))

    def test_no_outputs_on_error(self):
        bad = self.write("bad.conf", "CONFIG_NOPE=y\n")
        self.configure_fails([bad])
        for path in self.out.values():
            self.assertFalse(os.path.exists(path), path)
        prj = self.write("prj.conf", "CONFIG_STACK_SIZE=300\n")
        self.configure_ok([prj])
        before = {k: (self.read(k), t) for k, t in self.mtimes().items()}
        self.configure_fails([prj, bad])
        after = {k: (self.read(k), t) for k, t in self.mtimes().items()}
        self.assertEqual(before, after)

    def test_kconfig_parse_error(self):
        self.tree = os.path.join(self.tmp, "tree")
        shutil.copytree(FIXTURES, self.tree)
        with open(os.path.join(self.tree, "Kconfig"), "a") as f:
            f.write("\nconfig BROKEN\n\tbool \"Broken\"\n\tdepends on &&\n")
        err = self.configure_fails()
        errors = [l for l in err.splitlines() if "error:" in l]
        self.assertEqual(len(errors), 1, err)
        self.assertIn("invalid Kconfig", errors[0])
        self.assertTrue(errors[0].startswith(
            os.path.join(self.tree, "Kconfig") + ":"), errors[0])
        self.assertFalse(os.path.exists(self.out["config"]))

    def test_kconfig_warnings_shown(self):
        self.tree = os.path.join(self.tmp, "tree")
        shutil.copytree(FIXTURES, self.tree)
        with open(os.path.join(self.tree, "Kconfig"), "a") as f:
            f.write("\nconfig ODD\n\tbool \"Odd\"\n\tselect STACK_SIZE\n")
        r = self.configure_ok()
        self.assertIn("warning:", r.stderr)
        self.assertIn("STACK_SIZE", r.stderr)

    # -- outputs ---------------------------------------------------------

    def test_header_content(self):
        self.configure_ok([self.write("prj.conf", "CONFIG_BASE_ADDR=0x2000\n")])
        text = self.read("header")
        self.assertTrue(text.startswith("/*"))
        self.assertIn("#define CONFIG_FEATURE_B 1\n", text)
        self.assertIn("#define CONFIG_STACK_SIZE 512\n", text)
        self.assertIn("#define CONFIG_BASE_ADDR 0x2000\n", text)
        self.assertIn('#define CONFIG_GREETING "hello"\n', text)
        self.assertIn("#define CONFIG_SCHED_SIMPLE 1\n", text)
        self.assertNotIn("CONFIG_FEATURE_A", text)

    def test_cmake_content(self):
        self.configure_ok()
        text = self.read("cmake")
        self.assertIn('set(CONFIG_FEATURE_B "y")\n', text)
        self.assertIn('set(CONFIG_STACK_SIZE "512")\n', text)
        self.assertIn('set(CONFIG_BASE_ADDR "0x80000000")\n', text)
        self.assertIn('set(CONFIG_GREETING "hello")\n', text)
        self.assertIn('set(CONFIG_HAS_MMIO "y")\n', text)
        # n bools and hidden symbols are "", so that they hide a -DCONFIG_X=y
        # left in the CMake cache (if(CONFIG_X) must agree with autoconf.h).
        self.assertIn('set(CONFIG_FEATURE_A "")\n', text)
        self.assertIn('set(CONFIG_SCHED_PRIO "")\n', text)
        self.assertIn('set(CONFIG_NEEDS_A_LEVEL "")\n', text)
        defined = set()
        for kconfig in (os.path.join(FIXTURES, "Kconfig"),
                        os.path.join(FIXTURES, "boards", "fixboard", "Kconfig.board")):
            with open(kconfig, encoding="utf-8") as f:
                defined |= set(re.findall(r"(?m)^config (\w+)$", f.read()))
        written = re.findall(r"(?m)^set\(CONFIG_(\w+) ", text)
        self.assertEqual(sorted(written), sorted(defined))

    def test_missing_outputs_written_again(self):
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=y\n")
        self.configure_ok([prj])
        before = {k: self.read(k) for k in self.out}
        for key in ("header", "cmake", "inputs"):
            os.remove(self.out[key])
            self.configure_ok([prj])
            self.assertEqual(before, {k: self.read(k) for k in self.out})

    def test_inputs_out(self):
        prj = self.write("prj.conf", "")
        self.configure_ok([prj])
        listed = self.read("inputs").splitlines()
        board = os.path.join(FIXTURES, "boards", "fixboard", "Kconfig.board")
        self.assertEqual(sorted(listed), sorted([os.path.join(FIXTURES, "Kconfig"),
                                                 board, prj]))
        self.assertTrue(all(os.path.isabs(p) for p in listed))

    def test_rerun_keeps_mtimes(self):
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=y\n")
        self.configure_ok([prj])
        before = self.mtimes()
        r = self.configure_ok([prj])
        self.assertEqual(before, self.mtimes())
        self.assertNotIn("keeping", r.stdout)

    def bump_mtime(self, path, seconds=5):
        t = os.stat(self.out["config"] + ".inputs-hash").st_mtime_ns + seconds * 10**9
        os.utime(path, ns=(t, t))

    def test_menuconfig_edit_kept_then_dropped(self):
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=y\n")
        self.configure_ok([prj])
        text = self.read("config").replace("CONFIG_STACK_SIZE=512",
                                           "CONFIG_STACK_SIZE=2048")
        with open(self.out["config"], "w") as f:
            f.write(text)
        self.bump_mtime(self.out["config"])
        for _ in range(2):      # the edit stays as long as the inputs do not change
            r = self.configure_ok([prj])
            self.assertIn("keeping", r.stdout)
            self.assertEqual(self.header_defines()["CONFIG_STACK_SIZE"], "2048")
        self.write("prj.conf", "CONFIG_FEATURE_A=y\nCONFIG_GREETING=changed\n")
        r = self.configure_ok([prj])
        self.assertIn("discarded", r.stdout)
        d = self.header_defines()
        self.assertEqual(d["CONFIG_STACK_SIZE"], "512")
        self.assertEqual(d["CONFIG_GREETING"], '"changed"')
        r = self.configure_ok([prj])
        self.assertNotIn("discarded", r.stdout)
        self.assertNotIn("keeping", r.stdout)

    def edit_config(self, old, new):
        """Edits .config as a user would, after the last configure run."""
        text = self.read("config")
        self.assertIn(old, text)
        text = text.replace(old, new, 1)
        with open(self.out["config"], "w", encoding="utf-8") as f:
            f.write(text)
        self.bump_mtime(self.out["config"])
        return text.splitlines()

    def test_edited_config_checked_like_a_fragment(self):
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=y\n")
        self.configure_ok([prj])
        before = {k: self.read(k) for k in ("header", "cmake")}
        lines = self.edit_config("CONFIG_STACK_SIZE=512\n",
                                 "CONFIG_STACK_SIZE=9999\nCONFIG_QWERTY=y\n")
        config = self.out["config"]
        for _ in range(2):      # no stale success on a second run
            err = self.configure_fails([prj])
            n = lines.index("CONFIG_STACK_SIZE=9999") + 1
            self.assertIn("{}:{}: error: CONFIG_STACK_SIZE=9999 was not applied"
                          .format(config, n), err)
            self.assertIn("[64, 4096]", err)
            self.assertIn("{}:{}: error: unknown symbol CONFIG_QWERTY"
                          .format(config, n + 1), err)
            self.assertEqual(before, {k: self.read(k) for k in before})

    def test_edited_config_lines_that_kconfig_computes_are_ignored(self):
        # Turning FEATURE_A off by hand leaves NEEDS_A's lines behind; a hex
        # value without 0x is what menuconfig writes when typed that way.
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=y\nCONFIG_NEEDS_A=y\n")
        self.configure_ok([prj])
        self.assertIn("CONFIG_NEEDS_A_LEVEL=1\n", self.read("config"))
        self.edit_config("CONFIG_FEATURE_A=y\n", "# CONFIG_FEATURE_A is not set\n")
        self.edit_config("CONFIG_BASE_ADDR=0x80000000\n", "CONFIG_BASE_ADDR=2000\n")
        r = self.configure_ok([prj])
        self.assertIn("keeping", r.stdout)
        d = self.header_defines()
        self.assertNotIn("CONFIG_NEEDS_A", d)
        self.assertNotIn("CONFIG_NEEDS_A_LEVEL", d)
        self.assertEqual(d["CONFIG_BASE_ADDR"], "0x2000")
        self.assertIn('set(CONFIG_BASE_ADDR "0x2000")\n', self.read("cmake"))

    def test_savedefconfig(self):
        prj = self.write("prj.conf", "CONFIG_FEATURE_A=y\nCONFIG_STACK_SIZE=512\n"
                         "CONFIG_SCHED_PRIO=y\n")
        self.configure_ok([prj])
        out = os.path.join(self.tmp, "defconfig")
        r = self.run_tool("--savedefconfig", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(out, r.stdout)
        with open(out) as f:
            lines = [l for l in f.read().splitlines() if l and not l.startswith("#")]
        self.assertEqual(sorted(lines), ["CONFIG_FEATURE_A=y", "CONFIG_SCHED_PRIO=y"])


if __name__ == "__main__":
    unittest.main()
