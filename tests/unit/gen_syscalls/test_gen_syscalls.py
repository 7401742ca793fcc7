"""Tests of scripts/gen_syscalls.py, the syscall plumbing generator.

The generator runs as a subprocess, the way the build runs it, on the fixture
headers in fixtures/include (a dozen calls covering pointers, a k_timeout_t
that is a struct, 64-bit arguments and results, a ten-parameter call, calls
at the six-word limit, multi-line declarations and look-alikes in comments,
strings and directives), for RV32 and RV64. Then:

- the text: ids, word counts (syscalls.json and the stubs), the struct of
  extra parameters, the 64-bit result through memory, the table;
- the round trip, compiled with -Wall -Wextra -Werror and run on the host
  (fixtures/harness): stub -> fake trap -> table -> marshaller -> z_vrfy_ ->
  z_impl_ and back, for the RV64 layout under ASan/UBSan and for the RV32
  layout with the word type made uint32_t (Z_SYSCALL_WORD_T), the program
  placed below 4 GiB so that its pointers fit a word;
- the RISC-V cross compiler accepts both outputs, and refuses one generated
  for the other width;
- the harness is not vacuous: broken marshallers make it fail.

Run: /usr/bin/python3 -m unittest -v test_gen_syscalls.py (CTest: unit.gen_syscalls).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # keep the source tree clean when run by hand

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = os.environ.get("VIREO_BASE") or os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SCRIPT = os.path.join(BASE, "scripts", "gen_syscalls.py")
FIX_INC = os.path.join(HERE, "fixtures", "include")
HARNESS = os.path.join(HERE, "fixtures", "harness")
HEADERS = [os.path.join(FIX_INC, h) for h in ("fx_sync.h", "fx_thread.h", "fx_misc.h")]
TIMEOUT = 120

WARN = ["-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g"]
RV32 = ["riscv64-unknown-elf-gcc", "-march=rv32imac", "-mabi=ilp32", "--specs=picolibc.specs"]
RV64 = ["riscv64-unknown-elf-gcc", "-march=rv64imac", "-mabi=lp64", "-mcmodel=medany",
        "--specs=picolibc.specs"]
# The kernel build's own code-generation flags (cmake/arch.cmake).
TARGET_FLAGS = ["-Os", "-ffunction-sections", "-fdata-sections", "-fno-common",
                "-fno-strict-aliasing"]
HOST_SOURCES = ["calls.c", "kernel_objs.c", "kernel_dispatch.c", "host_main.c"]
TARGET_SOURCES = ["calls.c", "kernel_objs.c", "kernel_dispatch.c"]

# Every fixture syscall: words of each parameter, register words of the trap,
# parameters in the struct, and whether the result comes back through memory;
# first for RV32, then for RV64.
LAYOUT = {
    "k_sem_take": (([1, 2], 3, [], False), ([1, 1], 2, [], False)),
    "k_sem_give": (([1], 1, [], False), ([1], 1, [], False)),
    "k_sem_count_get": (([1, 1], 2, [], False), ([1, 1], 2, [], False)),
    "k_thread_create": (([1] * 9 + [2], 6, ["p2", "p3", "prio", "options", "delay"], False),
                        ([1] * 10, 6, ["p2", "p3", "prio", "options", "delay"], False)),
    "k_uptime_ticks": (([], 1, [], True), ([], 0, [], False)),
    "fx_set_deadline": (([2, 1], 3, [], False), ([1, 1], 2, [], False)),
    "fx_mix": (([1, 2, 1, 2, 1, 2, 1], 6, ["d", "e", "f", "g"], True),
               ([1] * 7, 6, ["f", "g"], False)),
    "fx_six": (([1, 2, 1, 2], 6, [], False), ([1, 1, 1, 1], 4, [], False)),
    "fx_ret_full": (([1] * 5, 6, [], True), ([1] * 5, 5, [], False)),
    "fx_narrow": (([1] * 6, 6, [], False), ([1] * 6, 6, [], False)),
    "fx_wide_ret": (([], 1, [], True), ([], 0, [], False)),
    "fx_unbuilt": (([1], 1, [], False), ([1], 1, [], False)),
    "fx_nothing": (([], 0, [], False), ([], 0, [], False)),
}


def generate(out, xlen, headers=HEADERS, extra=()):
    return subprocess.run([sys.executable, SCRIPT, "--xlen", str(xlen), "--out-dir", out]
                          + list(extra) + list(headers), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=TIMEOUT)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def all_files(folder):
    found = {}
    for root, _, names in os.walk(folder):
        for n in names:
            p = os.path.join(root, n)
            found[os.path.relpath(p, folder)] = p
    return found


def stub_body(header_text, name):
    """The text of one stub, from its 'static inline' line to its closing brace."""
    m = re.search(r"static inline [^;{]*?\b%s\(.*?\n}\n" % re.escape(name), header_text, re.S)
    if not m:
        raise AssertionError(f"no stub for {name}")
    return m.group(0)


class GeneratedOnce(unittest.TestCase):
    """Generates the fixtures for both widths once per class."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="vireo-gensys-")
        cls.out = {}
        cls.doc = {}
        for xlen in (32, 64):
            out = os.path.join(cls.tmp.name, f"rv{xlen}")
            res = generate(out, xlen)
            if res.returncode != 0:
                raise AssertionError(f"gen_syscalls.py --xlen {xlen} failed:\n{res.stderr}")
            cls.out[xlen] = out
            cls.doc[xlen] = json.loads(read(os.path.join(out, "syscalls.json")))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def text(self, xlen, rel):
        return read(os.path.join(self.out[xlen], rel))

    def calls(self, xlen):
        return {c["name"]: c for c in self.doc[xlen]["syscalls"]}


class GeneratedTextTest(GeneratedOnce):

    def test_ids_follow_sorted_names_then_bad_and_limit(self):
        for xlen in (32, 64):
            defs = re.findall(r"^#define (K_SYSCALL_\w+) (\d+)$",
                              self.text(xlen, "syscall_list.h"), re.M)
            names = sorted(LAYOUT)
            expect = [(f"K_SYSCALL_{n.upper()}", str(i)) for i, n in enumerate(names)]
            expect += [("K_SYSCALL_BAD", str(len(names))),
                       ("K_SYSCALL_LIMIT", str(len(names) + 1))]
            self.assertEqual(defs, expect)
            self.assertEqual([(c["name"], c["id"]) for c in self.doc[xlen]["syscalls"]],
                             [(n, i) for i, n in enumerate(names)])

    def test_ids_do_not_depend_on_header_order(self):
        other = os.path.join(self.tmp.name, "reversed")
        res = generate(other, 32, headers=list(reversed(HEADERS)))
        self.assertEqual(res.returncode, 0, res.stderr)
        for rel in ("syscall_list.h", "syscall_dispatch.c"):
            a = [ln for ln in self.text(32, rel).splitlines() if ln.startswith(("#define", "\t["))]
            b = [ln for ln in read(os.path.join(other, rel)).splitlines()
                 if ln.startswith(("#define", "\t["))]
            self.assertEqual(a, b, rel)
            self.assertTrue(a)

    def test_only_real_declarations_are_syscalls(self):
        # commented out, in a string, in a #define, plain functions: none is a call
        for xlen in (32, 64):
            self.assertEqual(set(self.calls(xlen)), set(LAYOUT))
        text = "".join(self.text(32, f"syscalls/{h}") for h in ("fx_sync.h", "fx_thread.h"))
        for name in ("fx_commented_out", "fx_line_comment", "fx_in_string",
                     "fx_block_commented", "fx_not_a_syscall"):
            self.assertNotIn(name, text)

    def test_multi_line_declaration(self):
        call = self.calls(32)["k_sem_count_get"]
        self.assertEqual(call["return"]["type"], "unsigned int")
        self.assertEqual([(p["name"], p["type"]) for p in call["params"]],
                         [("sem", "const struct k_sem *"), ("floor", "unsigned int")])
        lines = read(HEADERS[0]).splitlines()
        decl_line = next(i for i, ln in enumerate(lines, 1)
                         if ln.startswith("__syscall unsigned int"))
        self.assertEqual(call["line"], decl_line)
        self.assertIn("static inline unsigned int k_sem_count_get(const struct k_sem *sem, "
                      "unsigned int floor)", self.text(32, "syscalls/fx_sync.h"))

    def test_word_counts_in_json(self):
        for xlen, col in ((32, 0), (64, 1)):
            calls = self.calls(xlen)
            for name, layouts in LAYOUT.items():
                words, nregs, more, via_memory = layouts[col]
                with self.subTest(xlen=xlen, call=name):
                    c = calls[name]
                    self.assertEqual([p["words"] for p in c["params"]], words)
                    self.assertEqual(len(c["words"]), nregs)
                    self.assertEqual(c["more"], more)
                    self.assertEqual([p["name"] for p in c["params"] if p["in_more"]], more)
                    self.assertEqual(c["return"]["via_memory"], via_memory)

    def test_timeout_takes_two_words_on_rv32_and_one_on_rv64(self):
        for xlen, words, invoke in ((32, 2, "arch_syscall_invoke3("),
                                    (64, 1, "arch_syscall_invoke2(")):
            take = self.calls(xlen)["k_sem_take"]
            self.assertEqual(take["params"][1], {"name": "timeout", "type": "k_timeout_t",
                                                 "kind": "wide", "words": words,
                                                 "in_more": False})
            stub = stub_body(self.text(xlen, "syscalls/fx_sync.h"), "k_sem_take")
            self.assertIn(f"union {{ k_timeout_t val; z_syscall_word_t w[{words}]; }} "
                          "z_w_timeout = { .val = timeout };", stub)
            self.assertIn(invoke, stub)
        stub32 = stub_body(self.text(32, "syscalls/fx_sync.h"), "k_sem_take")
        self.assertIn("z_w_timeout.w[0], z_w_timeout.w[1]", stub32)
        mrsh32 = self.text(32, "syscalls/k_sem_take_mrsh.c")
        self.assertIn("z_w_timeout = { .w = { arg2, arg3 } };", mrsh32)
        self.assertIn("z_w_timeout = { .w = { arg2 } };",
                      self.text(64, "syscalls/k_sem_take_mrsh.c"))

    def test_every_stub_traps_with_its_word_count(self):
        for xlen in (32, 64):
            headers = "".join(self.text(xlen, f"syscalls/{os.path.basename(h)}")
                              for h in HEADERS)
            for name, c in self.calls(xlen).items():
                with self.subTest(xlen=xlen, call=name):
                    stub = stub_body(headers, name)
                    self.assertEqual(re.findall(r"arch_syscall_invoke(\d)\(", stub),
                                     [str(len(c["words"]))])
                    self.assertIn(f"K_SYSCALL_{name.upper()});", stub)
                    self.assertIn(f"z_impl_{name}(", stub)

    def test_more_struct_holds_whole_parameters_with_their_types(self):
        for xlen in (32, 64):
            text = self.text(xlen, "syscalls/fx_thread.h")
            self.assertIn("struct z_syscall_more_k_thread_create {\n\tvoid *p2;\n\tvoid *p3;\n"
                          "\tint prio;\n\tuint32_t options;\n\tk_timeout_t delay;\n};", text)
            stub = stub_body(text, "k_thread_create")
            self.assertIn("(z_syscall_word_t)(uintptr_t)&more,\n", stub)
        self.assertIn("struct z_syscall_more_fx_mix {\n\tuint64_t d;\n\tuint8_t e;\n"
                      "\tk_timeout_t f;\n\tunsigned int g;\n};",
                      self.text(32, "syscalls/fx_misc.h"))
        self.assertIn("struct z_syscall_more_fx_mix {\n\tk_timeout_t f;\n\tunsigned int g;\n};",
                      self.text(64, "syscalls/fx_misc.h"))
        self.assertNotIn("z_syscall_more_fx_six", self.text(32, "syscalls/fx_misc.h"))

    def test_marshaller_copies_the_struct_before_using_it(self):
        for xlen in (32, 64):
            mrsh = self.text(xlen, "syscalls/k_thread_create_mrsh.c")
            copy = mrsh.index("K_SYSCALL_COPY_MORE(&more, (const void *)(uintptr_t)arg6, "
                              "sizeof(more), ssf);")
            first_use = mrsh.index("more.p2")
            self.assertLess(copy, first_use)
            self.assertLess(mrsh.index("struct z_syscall_more_k_thread_create more;"), copy)
            # after the copy, the user's address is never read again
            self.assertNotIn("arg6", mrsh[mrsh.index(";", copy):])

    def test_64_bit_result_through_memory_on_rv32_only(self):
        stub32 = stub_body(self.text(32, "syscalls/fx_thread.h"), "k_uptime_ticks")
        self.assertIn("int64_t ret64;", stub32)
        self.assertIn("(void)arch_syscall_invoke1((z_syscall_word_t)(uintptr_t)&ret64,", stub32)
        self.assertIn("return ret64;", stub32)
        mrsh32 = self.text(32, "syscalls/k_uptime_ticks_mrsh.c")
        self.assertIn("K_SYSCALL_STORE_RET64((void *)(uintptr_t)arg1, &ret, sizeof(ret), ssf);",
                      mrsh32)
        self.assertIn("return 0;", mrsh32)
        # with other words and the struct: the result address is the last word
        mix = stub_body(self.text(32, "syscalls/fx_misc.h"), "fx_mix")
        self.assertIn("(z_syscall_word_t)(uintptr_t)&more, (z_syscall_word_t)(uintptr_t)&ret64, "
                      "K_SYSCALL_FX_MIX);", " ".join(mix.split()))
        stub64 = stub_body(self.text(64, "syscalls/fx_thread.h"), "k_uptime_ticks")
        self.assertNotIn("ret64", stub64)
        self.assertIn("arch_syscall_invoke0(K_SYSCALL_K_UPTIME_TICKS)", stub64)
        self.assertNotIn("STORE_RET64", self.text(64, "syscalls/k_uptime_ticks_mrsh.c"))

    def test_marshaller_marks_unused_words_and_sets_the_frame_first(self):
        for xlen in (32, 64):
            for name, c in self.calls(xlen).items():
                mrsh = self.text(xlen, f"syscalls/{name}_mrsh.c")
                with self.subTest(xlen=xlen, call=name):
                    used = len(c["words"])
                    for i in range(1, 7):
                        self.assertEqual(f"(void)arg{i};" in mrsh, i > used, f"arg{i}")
                    self.assertIn(f"z_syscall_word_t z_mrsh_{name}(z_syscall_word_t arg1,", mrsh)
                    self.assertLess(mrsh.index("z_syscall_frame_set(ssf);"),
                                    mrsh.index(f"z_vrfy_{name}("))

    def test_void_calls_return_nothing(self):
        stub = stub_body(self.text(32, "syscalls/fx_sync.h"), "k_sem_give")
        self.assertIn("(void)arch_syscall_invoke1((z_syscall_word_t)(uintptr_t)sem, "
                      "K_SYSCALL_K_SEM_GIVE);\n\t\treturn;", stub)
        self.assertIn("\tz_impl_k_sem_give(sem);\n}", stub)
        mrsh = self.text(32, "syscalls/k_sem_give_mrsh.c")
        self.assertIn("\tz_vrfy_k_sem_give(sem);\n\treturn 0;\n}", mrsh)

    def test_dispatch_table(self):
        for xlen in (32, 64):
            text = self.text(xlen, "syscall_dispatch.c")
            self.assertIn("#include <syscall_list.h>", text)
            self.assertIn("const _k_syscall_handler_t _k_syscall_table[K_SYSCALL_LIMIT] = {", text)
            self.assertIn("\t[K_SYSCALL_BAD] = z_handler_bad_syscall,\n};", text)
            for name in LAYOUT:
                self.assertIn(f"\t[K_SYSCALL_{name.upper()}] = z_mrsh_{name},", text)
                self.assertRegex(text, r"z_syscall_word_t z_mrsh_%s\([^;]*\)\n\t__attribute__"
                                 r"\(\(weak, alias\(\"z_handler_bad_syscall\"\)\)\);" % name)
            self.assertIn("typedef z_syscall_word_t (*_k_syscall_handler_t)(z_syscall_word_t arg1,",
                          self.text(xlen, "syscall_list.h"))

    def test_every_file_says_it_is_generated_and_from_what(self):
        for xlen in (32, 64):
            for rel, path in all_files(self.out[xlen]).items():
                if rel.endswith(".json"):
                    continue
                with self.subTest(file=rel):
                    head = read(path)[:400]
                    self.assertTrue(head.startswith(
                        f"/* Generated by scripts/gen_syscalls.py (RV{xlen}); do not edit."))
                    self.assertIn("tests/unit/gen_syscalls/fixtures/include/fx_", head)
            self.assertIn("fx_misc.h:19.", self.text(xlen, "syscalls/fx_mix_mrsh.c"))

    def test_stub_headers_include_only_stdint(self):
        for xlen in (32, 64):
            for h in HEADERS:
                text = self.text(xlen, f"syscalls/{os.path.basename(h)}")
                self.assertEqual(re.findall(r"#include\s*(\S+)", text), ["<stdint.h>"])

    def test_expected_files_and_nothing_else(self):
        expect = {"syscall_list.h", "syscall_dispatch.c", "syscalls.json"}
        expect |= {f"syscalls/{os.path.basename(h)}" for h in HEADERS}
        expect |= {f"syscalls/{n}_mrsh.c" for n in LAYOUT}
        for xlen in (32, 64):
            self.assertEqual(set(all_files(self.out[xlen])), expect)


class OptionsTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="vireo-gensys-")
        self.addCleanup(shutil.rmtree, self.tmp)

    def words(self, text, xlen, extra=()):
        h = os.path.join(self.tmp, "inc", "opt.h")
        write(h, text)
        res = generate(os.path.join(self.tmp, "out"), xlen, [h], extra)
        self.assertEqual(res.returncode, 0, res.stderr)
        doc = json.loads(read(os.path.join(self.tmp, "out", "syscalls.json")))
        return {c["name"]: [p["words"] for p in c["params"]] for c in doc["syscalls"]}

    def test_wide_type_option(self):
        text = "__syscall int f(my64_t v, const my64_t w);\n"
        self.assertEqual(self.words(text, 32), {"f": [1, 1]})
        self.assertEqual(self.words(text, 32, ["--wide-type", "my64_t"]), {"f": [2, 2]})
        self.assertEqual(self.words(text, 64, ["--wide-type", "my64_t"]), {"f": [1, 1]})

    def test_builtin_wide_types(self):
        text = ("__syscall void f(int64_t a, uint64_t b, k_timeout_t c, k_ticks_t d, timing_t e,"
                " long long g, unsigned long long int h, volatile uint64_t i);\n"
                "__syscall void n(long a, size_t b, uintptr_t c, uint64_t *d, k_timeout_t *e);\n")
        self.assertEqual(self.words(text, 32), {"f": [2] * 8, "n": [1] * 5})
        self.assertEqual(self.words(text, 64), {"f": [1] * 8, "n": [1] * 5})

    def test_array_parameter_is_a_pointer(self):
        h = os.path.join(self.tmp, "inc", "arr.h")
        write(h, "__syscall int f(const int data [ 8 ]);\n")
        res = generate(os.path.join(self.tmp, "out"), 32, [h])
        self.assertEqual(res.returncode, 0, res.stderr)
        doc = json.loads(read(os.path.join(self.tmp, "out", "syscalls.json")))
        self.assertEqual(doc["syscalls"][0]["params"][0]["type"], "const int *")
        stub = read(os.path.join(self.tmp, "out", "syscalls", "arr.h"))
        self.assertIn("static inline int f(const int data[8])", stub)


class WriteTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="vireo-gensys-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.inc = os.path.join(self.tmp, "inc")
        self.out = os.path.join(self.tmp, "out")
        self.headers = []
        for h in HEADERS:
            copy = os.path.join(self.inc, os.path.basename(h))
            write(copy, read(h))
            self.headers.append(copy)

    def gen(self, headers=None):
        res = generate(self.out, 32, headers or self.headers)
        self.assertEqual(res.returncode, 0, res.stderr)

    def stamp_all(self):
        old = 1_000_000_000
        for p in all_files(self.out).values():
            os.utime(p, (old, old))
        return old

    def test_unchanged_output_is_not_rewritten(self):
        self.gen()
        old = self.stamp_all()
        self.gen()
        touched = [r for r, p in all_files(self.out).items() if os.stat(p).st_mtime != old]
        self.assertEqual(touched, [])

    def test_a_changed_call_rewrites_only_what_depends_on_it(self):
        self.gen()
        old = self.stamp_all()
        sync = self.headers[0]
        write(sync, read(sync).replace("__syscall void k_sem_give(struct k_sem *sem);",
                                       "__syscall void k_sem_give(struct k_sem *sem, int n);"))
        self.gen()
        touched = sorted(r for r, p in all_files(self.out).items() if os.stat(p).st_mtime != old)
        self.assertEqual(touched, ["syscalls.json", "syscalls/fx_sync.h",
                                   "syscalls/k_sem_give_mrsh.c"])

    def test_files_of_removed_calls_are_removed(self):
        self.gen()
        foreign = os.path.join(self.out, "syscalls", "notes.h")
        write(foreign, "/* not generated */\n")
        self.gen(self.headers[:1])
        left = set(all_files(self.out))
        self.assertNotIn("syscalls/fx_misc.h", left)
        self.assertNotIn("syscalls/k_thread_create_mrsh.c", left)
        self.assertIn("syscalls/k_sem_take_mrsh.c", left)
        self.assertIn("syscalls/notes.h", left)

    def test_an_error_writes_nothing(self):
        self.gen()
        old = self.stamp_all()
        before = set(all_files(self.out))
        bad = os.path.join(self.inc, "bad.h")
        write(bad, "__syscall int broken(int);\n")
        res = generate(self.out, 32, self.headers + [bad])
        self.assertEqual(res.returncode, 1)
        self.assertEqual(set(all_files(self.out)), before)
        self.assertTrue(all(os.stat(p).st_mtime == old for p in all_files(self.out).values()))


class ErrorTest(unittest.TestCase):
    """Each refused declaration: exit status 1 and 'file:line: error: ...'."""

    CASES = [
        ("unparseable", "\n#define X 1\n__syscall int (broken)(int x);\n", 3,
         "cannot parse __syscall declaration"),
        ("definition", "__syscall int f(int x) { return x; }\n", 1,
         "cannot parse __syscall declaration"),
        ("no_semicolon", "__syscall int f(int x)\n\n__syscall int g(int x);\n", 1,
         "__syscall declaration without its ';'"),
        ("unnamed_pointer", "/* a\n   b */\n__syscall int f(struct k_sem *);\n", 3,
         "f: parameter 1 ('struct k_sem *') has no name"),
        ("unnamed_scalar", "__syscall int f(int x, unsigned int);\n", 1,
         "f: parameter 2 ('unsigned int') has no name"),
        ("unnamed_struct", "__syscall int f(struct k_sem);\n", 1,
         "f: parameter 1 ('struct k_sem') has no name"),
        ("variadic", "__syscall int f(const char *fmt,\n\t...);\n", 1,
         "f: variadic syscalls are not supported"),
        ("function_pointer", "__syscall int f(int x, void (*cb)(void *arg));\n", 1,
         "f: parameter 2 is a function pointer written inline; declare a typedef"),
        ("empty_list", "__syscall int f();\n", 1, "f: empty parameter list; write (void)"),
        ("reserved_name", "__syscall int f(int ssf);\n", 1,
         "f: parameter name 'ssf' is reserved"),
        ("repeated_param", "__syscall int f(int a, int a);\n", 1,
         "f: two parameters named 'a'"),
        ("float", "__syscall int f(int x, const float y);\n", 1,
         "f: parameter 2 is a float or long double: not supported"),
        ("long_double_result", "__syscall long double f(void);\n", 1,
         "f: the result is a float or long double"),
        # literals, apostrophes and continued directives keep the line count
        ("line_after_lexical_traps",
         "#error don't\n/* it's */ char c = '\"';"
         " const char *s = \"\\\" __syscall int n(void);\";\n"
         "#define A \\\n\t__syscall int nope(void);\n\n__syscall int ok(int x);\n"
         "__syscall int f(int);\n", 7, "f: parameter 1 ('int') has no name"),
    ]

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="vireo-gensys-")
        self.addCleanup(shutil.rmtree, self.tmp)

    def expect_error(self, headers, where, message):
        out = os.path.join(self.tmp, "out")
        res = generate(out, 32, headers)
        self.assertEqual(res.returncode, 1, res.stderr)
        self.assertIn(f"{where}: error: {message}", res.stderr)
        self.assertNotIn("Traceback", res.stderr)
        self.assertFalse(os.path.exists(out))

    def test_refused_declarations(self):
        for name, text, line, message in self.CASES:
            with self.subTest(case=name):
                h = os.path.join(self.tmp, f"{name}.h")
                write(h, text)
                self.expect_error([h], f"{h}:{line}", message)

    def test_duplicate_syscall_names(self):
        a = os.path.join(self.tmp, "a.h")
        b = os.path.join(self.tmp, "b.h")
        write(a, "__syscall int k_x(int v);\n")
        write(b, "\n\n__syscall void k_x(void);\n")
        self.expect_error([a, b], f"{b}:3", f"duplicate syscall 'k_x' (first declared at {a}:1)")
        write(b, "__syscall int k_y(int v);\n__syscall int k_y(int v);\n")
        self.expect_error([b], f"{b}:2", "duplicate syscall 'k_y'")

    def test_two_headers_with_one_name(self):
        a = os.path.join(self.tmp, "a", "s.h")
        b = os.path.join(self.tmp, "b", "s.h")
        write(a, "__syscall int k_a(int v);\n")
        write(b, "__syscall int k_b(int v);\n")
        self.expect_error([a, b], f"{b}:1", "header name 's.h' also declares syscalls")

    def test_missing_header(self):
        res = generate(os.path.join(self.tmp, "out"), 32, [os.path.join(self.tmp, "none.h")])
        self.assertEqual(res.returncode, 1)
        self.assertIn("none.h", res.stderr)
        self.assertNotIn("Traceback", res.stderr)


def require(tool):
    path = shutil.which(tool)
    if not path:
        raise AssertionError(f"{tool} not found: the gen_syscalls test needs it (Debian: "
                             + ("gcc" if tool == "gcc" else
                                "gcc-riscv64-unknown-elf and picolibc-riscv64-unknown-elf")
                             + ")")
    return path


class CompileTest(GeneratedOnce):
    """The generated C, compiled and run."""

    def run_cmd(self, cmd, cwd=None):
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=TIMEOUT, cwd=cwd)

    def compile_ok(self, cmd):
        require(cmd[0])
        res = self.run_cmd(cmd)
        self.assertEqual(res.returncode, 0, f"{' '.join(cmd)}\n{res.stderr}")

    def build_harness(self, gen_dir, flags, exe):
        srcs = [os.path.join(HARNESS, s) for s in HOST_SOURCES]
        self.compile_ok(["gcc"] + WARN + flags + ["-I", gen_dir, "-I", FIX_INC] + srcs
                        + ["-o", exe])

    def run_harness(self, exe):
        res = self.run_cmd([exe])
        return res.returncode, res.stdout + res.stderr

    def rv64_host_flags(self):
        return ["-O1", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                "-fno-omit-frame-pointer", "-DCONFIG_USERSPACE=1", "-DFX_XLEN=64"]

    def rv32_host_flags(self):
        # Words of 32 bits on the 64-bit host: data and stack below 4 GiB.
        return ["-O1", "-fsanitize=undefined", "-fno-sanitize-recover=all", "-no-pie",
                "-DZ_SYSCALL_WORD_T=uint32_t", "-DFX_LOW_STACK=1", "-DCONFIG_USERSPACE=1",
                "-DFX_XLEN=32"]

    def test_round_trip_rv64_layout_on_host(self):
        exe = os.path.join(self.tmp.name, "rt64")
        self.build_harness(self.out[64], self.rv64_host_flags(), exe)
        rc, out = self.run_harness(exe)
        self.assertEqual(rc, 0, out)
        self.assertRegex(out, r"xlen 64, word 8 bytes: \d{3} checks, 0 failed")

    def test_round_trip_rv32_layout_on_host(self):
        exe = os.path.join(self.tmp.name, "rt32")
        self.build_harness(self.out[32], self.rv32_host_flags(), exe)
        rc, out = self.run_harness(exe)
        self.assertEqual(rc, 0, out)
        self.assertRegex(out, r"xlen 32, word 4 bytes: \d{3} checks, 0 failed")

    def test_round_trip_rv32_layout_with_gcc_m32(self):
        # Also natively 32-bit when the host can build 32-bit programs.
        require("gcc")
        probe = os.path.join(self.tmp.name, "probe.c")
        write(probe, "int main(void) { return sizeof(void *) != 4; }\n")
        trial = self.run_cmd(["gcc", "-m32", probe, "-o", probe + ".exe"])
        if trial.returncode != 0:
            self.skipTest("gcc -m32 cannot link on this host (no 32-bit libc); the RV32 "
                          "layout runs in test_round_trip_rv32_layout_on_host instead")
        exe = os.path.join(self.tmp.name, "rt32m")
        self.build_harness(self.out[32], ["-m32", "-O1", "-DCONFIG_USERSPACE=1", "-DFX_XLEN=32"],
                           exe)
        rc, out = self.run_harness(exe)
        self.assertEqual(rc, 0, out)

    def cross(self, compiler, gen_dir, xlen, sources, userspace=True):
        for s in sources:
            obj = os.path.join(self.tmp.name, f"x{xlen}_{os.path.basename(gen_dir)}_{s}.o")
            cmd = (compiler + WARN + TARGET_FLAGS + ["-I", gen_dir, "-I", FIX_INC]
                   + (["-DCONFIG_USERSPACE=1"] if userspace else [])
                   + [f"-DFX_XLEN={xlen}", "-c", os.path.join(HARNESS, s), "-o", obj])
            yield cmd

    def test_rv32_output_cross_compiles(self):
        for cmd in self.cross(RV32, self.out[32], 32, TARGET_SOURCES):
            self.compile_ok(cmd)
        for cmd in self.cross(RV32, self.out[32], 32, ["no_userspace.c"], userspace=False):
            self.compile_ok(cmd)

    def test_rv64_output_cross_compiles(self):
        for cmd in self.cross(RV64, self.out[64], 64, TARGET_SOURCES):
            self.compile_ok(cmd)
        for cmd in self.cross(RV64, self.out[64], 64, ["no_userspace.c"], userspace=False):
            self.compile_ok(cmd)

    def test_output_for_the_other_width_is_refused(self):
        require(RV64[0])
        for compiler, gen_dir, xlen in ((RV64, self.out[32], 32), (RV32, self.out[64], 64)):
            cmd = next(self.cross(compiler, gen_dir, xlen, ["calls.c"]))
            res = self.run_cmd(cmd)
            self.assertNotEqual(res.returncode, 0)
            self.assertIn(f"syscall headers generated for RV{xlen} (gen_syscalls.py --xlen {xlen})",
                          res.stderr)

    def test_stubs_need_no_userspace_support_on_host(self):
        obj = os.path.join(self.tmp.name, "nu.o")
        self.compile_ok(["gcc"] + WARN + ["-O2", "-I", self.out[32], "-I", FIX_INC, "-c",
                                          os.path.join(HARNESS, "no_userspace.c"), "-o", obj])

    def test_undeclared_wide_type_is_a_compile_error_on_rv32(self):
        require(RV32[0])
        inc = os.path.join(self.tmp.name, "big_inc")
        write(os.path.join(inc, "fx_big.h"),
              "#include <fx_kernel.h>\ntypedef uint64_t fx_u64_t;\n"
              "__syscall int fx_big(fx_u64_t v);\n#include <syscalls/fx_big.h>\n")
        src = os.path.join(self.tmp.name, "big.c")
        write(src, "#include <fx_big.h>\n"
                   "#define K_SYSCALL_COPY_MORE(d, s, n, ssf) ((void)(ssf))\n"
                   "#define K_SYSCALL_STORE_RET64(d, s, n, ssf) ((void)(ssf))\n"
                   "static inline void z_syscall_frame_set(void *ssf) { (void)ssf; }\n"
                   "static inline int z_vrfy_fx_big(fx_u64_t v) { return (int)v; }\n"
                   "#include <syscalls/fx_big_mrsh.c>\n")
        for extra, ok in (([], False), (["--wide-type", "fx_u64_t"], True)):
            gen_dir = os.path.join(self.tmp.name, "big_gen" + ("_wide" if ok else ""))
            res = generate(gen_dir, 32, [os.path.join(inc, "fx_big.h")], extra)
            self.assertEqual(res.returncode, 0, res.stderr)
            cmd = RV32 + WARN + TARGET_FLAGS + ["-DCONFIG_USERSPACE=1", "-I", gen_dir, "-I", inc,
                                                "-I", FIX_INC, "-c", src, "-o", src + ".o"]
            res = self.run_cmd(cmd)
            if ok:
                self.assertEqual(res.returncode, 0, res.stderr)
            else:
                self.assertNotEqual(res.returncode, 0)
                self.assertIn("fx_big: fx_u64_t does not fit a register: pass --wide-type "
                              "fx_u64_t", res.stderr)

    def mutated(self, name, edits):
        """A copy of the RV32 output with edits: (file, old, new)."""
        gen_dir = os.path.join(self.tmp.name, name)
        shutil.copytree(self.out[32], gen_dir)
        for rel, old, new in edits:
            path = os.path.join(gen_dir, rel)
            text = read(path)
            self.assertIn(old, text)
            write(path, text.replace(old, new))
        return gen_dir

    def test_harness_catches_swapped_halves(self):
        gen_dir = self.mutated("swapped", [("syscalls/k_sem_take_mrsh.c",
                                            "{ arg2, arg3 }", "{ arg3, arg2 }")])
        exe = os.path.join(self.tmp.name, "swapped.exe")
        self.build_harness(gen_dir, self.rv32_host_flags(), exe)
        rc, out = self.run_harness(exe)
        self.assertEqual(rc, 1, out)
        self.assertIn("FAIL (trapping, calls.c/kernel line", out)
        self.assertIn("fx_log.timeout.ticks == 0x1122334455667788", out)

    def test_harness_catches_use_of_the_user_copy(self):
        copy = "K_SYSCALL_COPY_MORE(&more, (const void *)(uintptr_t)arg6, sizeof(more), ssf);"
        reread = (copy + "\n\tmore = *(const struct z_syscall_more_k_thread_create *)"
                  "(uintptr_t)arg6;")
        gen_dir = self.mutated("toctou", [("syscalls/k_thread_create_mrsh.c", copy, reread)])
        exe = os.path.join(self.tmp.name, "toctou.exe")
        self.build_harness(gen_dir, self.rv32_host_flags(), exe)
        rc, out = self.run_harness(exe)
        self.assertEqual(rc, 1, out)
        self.assertIn("fx_log.prio == -5", out)


if __name__ == "__main__":
    unittest.main()
