"""Tests for scripts/symbolize.py against a real RISC-V ELF built here.

Run: /usr/bin/python3 -m unittest -v test_symbolize.py (CTest: unit.symbolize).
"""

import os
import select
import stat
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep the source tree clean when run by hand
sys.path.insert(0, os.path.join(HERE, 'fixtures'))
import build_fixture as fx  # noqa: E402

BASE = os.environ.get('VIREO_BASE') or os.path.normpath(os.path.join(HERE, '..', '..', '..'))
SCRIPT = os.path.join(BASE, 'scripts', 'symbolize.py')
TIMEOUT = 30


def read_until(fd, done, timeout):
    """Read from fd until done(buffer) holds or timeout seconds pass."""
    buf = b''
    deadline = time.monotonic() + timeout
    while not done(buf):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        buf += chunk
    return buf


class SymbolizeTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        fx.require_toolchain()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.img = fx.build(cls.tmp.name, 'rv32_ram')
        cls.syms = fx.symbols(cls.img.elf)
        cls.main_line = fx.brace_line('app/main.c', 'main_entry')
        cls.sched_line = fx.brace_line('kernel/sched.c', 'sched_pick')

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def addr(self, name):
        return self.syms[name][0]

    def main_bracket(self):
        return b' [main_entry app/main.c:%d]' % self.main_line

    def sched_bracket(self):
        return b' [sched_pick kernel/sched.c:%d]' % self.sched_line

    def symbolize(self, data, elf=None, extra=(), cwd=None):
        args = [sys.executable, SCRIPT, '--elf', elf or self.img.elf]
        if cwd is None:
            args += ['--strip-prefix', fx.SRC]
        res = subprocess.run(args + list(extra), input=data, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=TIMEOUT, cwd=cwd)
        self.assertEqual(res.returncode, 0, res.stderr)
        return res.stdout, res.stderr

    def test_fault_report_lines_get_function_and_line(self):
        data = b'mepc: 0x%08x\nra: 0x%08x\n' % (self.addr('sched_pick'), self.addr('main_entry'))
        out, err = self.symbolize(data)
        self.assertEqual(out.split(b'\n'), [
            b'mepc: 0x%08x' % self.addr('sched_pick') + self.sched_bracket(),
            b'ra: 0x%08x' % self.addr('main_entry') + self.main_bracket(),
            b''])
        self.assertEqual(err, b'')

    def test_paths_relative_to_current_directory(self):
        out, _ = self.symbolize(b'mepc: 0x%x\n' % self.addr('sched_pick'), cwd=fx.SRC)
        self.assertEqual(out, b'mepc: 0x%x' % self.addr('sched_pick') + self.sched_bracket() + b'\n')

    def test_address_inside_function_names_it(self):
        out, _ = self.symbolize(b'mepc: 0x%x\n' % (self.addr('sched_pick') + 4))
        self.assertRegex(out, rb'^mepc: 0x[0-9a-f]+ \[sched_pick kernel/sched\.c:\d+\]\n$')

    def test_non_code_addresses_and_plain_lines_unchanged(self):
        data = (b'data: 0x%x bss: 0x%x\n' % (self.addr('app_counter'), self.addr('sched_ticks')) +
                b'low: 0x10 high: 0xffffffff\n' +
                b'glued: abc0x%x 0x%xg\n' % (self.addr('main_entry'), self.addr('main_entry')) +
                b'*** plain text, no numbers ***\n' +
                b'\n' +
                b'  indented\ttabs\n')
        out, err = self.symbolize(data)
        self.assertEqual(out, data)
        self.assertEqual(err, b'')

    def test_several_addresses_each_get_a_bracket_in_order(self):
        line = b'ra: 0x%08x sp: 0x%08x pc: 0x%08X' % (
            self.addr('main_entry'), self.addr('app_counter'), self.addr('sched_pick'))
        out, _ = self.symbolize(line + b'\n')
        self.assertEqual(out, line + self.main_bracket() + self.sched_bracket() + b'\n')

    def test_invalid_utf8_passes_through(self):
        line = b'\xff\xfe junk 0x%x \xc3\x28 \x80' % self.addr('main_entry')
        out, err = self.symbolize(line + b'\n' + b'\xe2\x82\n')
        self.assertEqual(out, line + self.main_bracket() + b'\n\xe2\x82\n')
        self.assertEqual(err, b'')

    def test_bracket_goes_before_crlf(self):
        out, _ = self.symbolize(b'mepc: 0x%x\r\nnext\r\n' % self.addr('main_entry'))
        self.assertEqual(out, b'mepc: 0x%x' % self.addr('main_entry') + self.main_bracket() +
                         b'\r\nnext\r\n')

    def test_partial_final_line_is_annotated(self):
        out, _ = self.symbolize(b'first\nmepc: 0x%x' % self.addr('sched_pick'))
        self.assertEqual(out, b'first\nmepc: 0x%x' % self.addr('sched_pick') + self.sched_bracket())

    def test_output_is_not_held_back(self):
        proc = subprocess.Popen([sys.executable, SCRIPT, '--elf', self.img.elf,
                                 '--strip-prefix', fx.SRC],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        try:
            fd = proc.stdout.fileno()
            proc.stdin.write(b'mepc: 0x%x\n' % self.addr('main_entry'))
            got = read_until(fd, lambda b: b.endswith(b'\n'), TIMEOUT)
            self.assertEqual(got, b'mepc: 0x%x' % self.addr('main_entry') + self.main_bracket() + b'\n')
            # A shell prompt has no newline and must still show up at once.
            proc.stdin.write(b'uart:~$ ')
            self.assertEqual(read_until(fd, lambda b: len(b) >= 8, TIMEOUT), b'uart:~$ ')
            proc.stdin.write(b'ok\n')
            self.assertEqual(read_until(fd, lambda b: b.endswith(b'\n'), TIMEOUT), b'ok\n')
        finally:
            proc.stdin.close()
            proc.wait(TIMEOUT)
            proc.stdout.close()
        self.assertEqual(proc.returncode, 0)

    def test_missing_elf_passes_through_with_one_warning(self):
        data = b'mepc: 0x%x\nra: 0x80000000\nplain\n' % self.addr('main_entry')
        out, err = self.symbolize(data, elf=os.path.join(self.tmp.name, 'missing.elf'))
        self.assertEqual(out, data)
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertIn(b'warning', err)

    def test_missing_addr2line_passes_through_with_one_warning(self):
        data = b'mepc: 0x%x\nra: 0x%x\n' % (self.addr('main_entry'), self.addr('sched_pick'))
        out, err = self.symbolize(data, extra=['--addr2line', '/nonexistent/addr2line'])
        self.assertEqual(out, data)
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertIn(b'addr2line', err)

    def test_one_addr2line_process_without_inlines(self):
        log = os.path.join(self.tmp.name, 'addr2line.log')
        wrapper = os.path.join(self.tmp.name, 'addr2line-wrapper')
        with open(wrapper, 'w') as f:
            f.write('#!/bin/sh\necho "$@" >> "%s"\nexec %saddr2line "$@"\n' % (log, fx.PREFIX))
        os.chmod(wrapper, stat.S_IRWXU)
        lines = [b'pc: 0x%x' % self.addr(n) for n in ('main_entry', 'sched_pick', 'main_entry')]
        out, _ = self.symbolize(b'\n'.join(lines) + b'\n', extra=['--addr2line', wrapper])
        self.assertEqual(out.count(b' [main_entry '), 2)
        self.assertEqual(out.count(b' [sched_pick '), 1)
        with open(log) as f:
            calls = f.read().splitlines()
        self.assertEqual(len(calls), 1, calls)
        args = calls[0].split()
        self.assertIn('-f', args)
        self.assertNotIn('-i', args)

    def test_elf64(self):
        img = fx.build(self.tmp.name, 'rv64_ram')
        pc = fx.symbols(img.elf)['sched_pick'][0]
        out, _ = self.symbolize(b'mepc: 0x%016x\n' % pc, elf=img.elf)
        self.assertEqual(out, b'mepc: 0x%016x' % pc + self.sched_bracket() + b'\n')


if __name__ == '__main__':
    unittest.main()
