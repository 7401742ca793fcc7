"""Tests for scripts/footprint.py against real RISC-V ELFs built here, checked
against riscv64-unknown-elf-size, plus the map parser and module naming on
hand-written inputs.

Run: /usr/bin/python3 -m unittest -v test_footprint.py (CTest: unit.footprint).
"""

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep the source tree clean when run by hand
sys.path.insert(0, os.path.join(HERE, 'fixtures'))
import build_fixture as fx  # noqa: E402

BASE = os.environ.get('VIREO_BASE') or os.path.normpath(os.path.join(HERE, '..', '..', '..'))
SCRIPT = os.path.join(BASE, 'scripts', 'footprint.py')
TIMEOUT = 60

ROM_ARGS = ['--rom-base', '0x20000000', '--rom-size', '64K',
            '--ram-base', '0x80000000', '--ram-size', '16K']
RAM_ARGS = ['--ram-base', '0x80000000', '--ram-size', '0x8000000']


def load_footprint():
    spec = importlib.util.spec_from_file_location('footprint', SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


fp = load_footprint()


def parse_summary(text):
    """{label: bytes} for the usage lines plus 'size': (text, data, bss, dec)."""
    got = {}
    lines = text.split('\n')
    for i, line in enumerate(lines):
        m = re.match(r'^  (\S+): +(\d+) B', line)
        if m:
            got[m.group(1)] = int(m.group(2))
        if line.split() == ['text', 'data', 'bss', 'dec', 'hex', 'filename']:
            got['size'] = tuple(int(v) for v in lines[i + 1].split()[:4])
    return got


def parse_table(text, title):
    """Rows of the table headed by `title`: ({name: [values]}, columns)."""
    lines = text.split('\n')
    start = next(i for i, l in enumerate(lines) if l.split()[:1] == [title])
    columns = lines[start].split()[-2:] if 'ROM' in lines[start].split() else \
        lines[start].split()[-3:]
    rows = {}
    for line in lines[start + 1:]:
        if not line.strip():
            break
        parts = line.split()
        rows[parts[0]] = [int(v) for v in parts[-len(columns):]]
    return rows, columns


class FootprintImageTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        fx.require_toolchain()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.imgs = {v: fx.build(cls.tmp.name, v) for v in fx.VARIANTS}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def footprint(self, img, *args):
        res = subprocess.run([sys.executable, SCRIPT, '--elf', img.elf, '--map', img.map] +
                             list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=TIMEOUT)
        self.assertEqual(res.returncode, 0, res.stderr)
        self.assertEqual(res.stderr, '')
        return res.stdout

    def test_ram_only_summary_equals_size(self):
        for variant in ('rv32_ram', 'rv64_ram'):
            with self.subTest(variant=variant):
                img = self.imgs[variant]
                text, data, bss = fx.berkeley_size(img.elf)
                got = parse_summary(self.footprint(img, *RAM_ARGS, '--summary'))
                self.assertEqual(got['size'], (text, data, bss, text + data + bss))
                self.assertEqual(got['code+rodata'], text)
                self.assertEqual(got['data+bss'], data + bss)
                self.assertEqual(got['RAM'], text + data + bss)
                self.assertNotIn('ROM', got)

    def test_rom_summary_counts_data_in_both(self):
        img = self.imgs['rv32_rom']
        text, data, bss = fx.berkeley_size(img.elf)
        out = self.footprint(img, *ROM_ARGS, '--summary')
        got = parse_summary(out)
        self.assertEqual(got['size'], (text, data, bss, text + data + bss))
        self.assertEqual(got['ROM'], text + data)
        self.assertEqual(got['RAM'], data + bss)
        self.assertIn('of      65536 B  %6.2f%%' % (100.0 * (text + data) / 65536), out)
        self.assertIn('of      16384 B  %6.2f%%' % (100.0 * (data + bss) / 16384), out)

    def test_summary_is_the_default(self):
        img = self.imgs['rv32_ram']
        self.assertEqual(self.footprint(img, *RAM_ARGS), self.footprint(img, *RAM_ARGS, '--summary'))

    def check_module_totals(self, out, summary, columns):
        rows, cols = parse_table(out, 'module')
        self.assertEqual(cols, list(columns))
        total = rows.pop('total')
        self.assertEqual(total, [summary[c] for c in columns])
        self.assertEqual([sum(r[i] for r in rows.values()) for i in range(len(cols))], total)
        sections, _ = parse_table(out, 'section')
        self.assertEqual(sections.pop('total'), total)
        self.assertEqual([sum(r[i] for r in sections.values()) for i in range(len(cols))], total)
        return rows

    def test_modules_ram_only(self):
        img = self.imgs['rv32_ram']
        summary = parse_summary(self.footprint(img, *RAM_ARGS, '--summary'))
        rows = self.check_module_totals(self.footprint(img, *RAM_ARGS, '--modules'), summary,
                                        ('code+rodata', 'data+bss', 'RAM'))
        for module, obj in img.objects.items():
            text, data, bss = fx.berkeley_size(obj)
            self.assertEqual(rows[module], [text, data + bss, text + data + bss], module)
        self.assertGreater(rows['libgcc'][0], 0)
        self.assertEqual(set(rows) - {'(fill/other)'}, {'app', 'kernel', 'libgcc'})

    def test_modules_rom(self):
        img = self.imgs['rv32_rom']
        summary = parse_summary(self.footprint(img, *ROM_ARGS, '--summary'))
        out = self.footprint(img, *ROM_ARGS, '--summary', '--modules')
        self.assertEqual(parse_summary(out)['ROM'], summary['ROM'])
        rows = self.check_module_totals(out, summary, ('ROM', 'RAM'))
        for module, obj in img.objects.items():
            text, data, bss = fx.berkeley_size(obj)
            self.assertEqual(rows[module], [text + data, data + bss], module)
        # The stack reservation in rom_ram.ld belongs to no object.
        self.assertGreaterEqual(rows['(fill/other)'][1], 0x200)
        sizes = [sum(r) for r in rows.values()]
        self.assertEqual(sizes, sorted(sizes, reverse=True))

    def test_modules_elf64(self):
        img = self.imgs['rv64_ram']
        summary = parse_summary(self.footprint(img, '--summary'))
        rows = self.check_module_totals(self.footprint(img, '--modules'), summary,
                                        ('code+rodata', 'data+bss', 'RAM'))
        self.assertEqual(rows['kernel'][0], fx.berkeley_size(img.objects['kernel'])[0])

    def test_data_load_address_from_program_headers(self):
        elf = self.imgs['rv32_rom'].elf
        secs = {s.name: s for s in fp.read_elf(elf)}
        self.assertEqual(secs['.data'].addr, 0x80000000)
        segments = fx.run([fx.PREFIX + 'readelf', '-lW', elf], self.tmp.name)
        m = re.search(r'^\s*LOAD\s+0x[0-9a-f]+\s+0x80000000\s+(0x[0-9a-f]+)', segments, re.M)
        self.assertEqual(secs['.data'].lma, int(m.group(1), 16))
        self.assertTrue(0x20000000 <= secs['.data'].lma < 0x20010000)

    def test_missing_elf_is_an_error(self):
        res = subprocess.run([sys.executable, SCRIPT, '--elf', os.path.join(self.tmp.name, 'no.elf')],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=TIMEOUT)
        self.assertEqual(res.returncode, 1)
        self.assertIn('no.elf', res.stderr)


class MapAndModuleTest(unittest.TestCase):
    """The parser and namer on inputs written by hand."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.build = os.path.join(self.tmp.name, 'build')
        self.source = os.path.join(self.tmp.name, 'vireo')
        os.makedirs(self.build)
        os.makedirs(self.source)
        self.namer = fp.ModuleNamer(self.build, self.source)

    def tearDown(self):
        self.tmp.cleanup()

    def touch(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, 'w').close()

    def test_parse_sample_map(self):
        pieces = fp.parse_map(os.path.join(HERE, 'fixtures', 'sample.map'))
        app = 'CMakeFiles/vireo.dir/app/main.c.obj'
        kern = 'kernel/libkernel.a(sched.c.obj)'
        gcc = '/usr/lib/gcc/riscv64-unknown-elf/12.2.0/rv32imac/ilp32/libgcc.a(_udivdi3.o)'
        self.assertEqual(pieces, {
            '.text': [(0x20000000, 0x20, app), (0x20000020, 0x1e, kern), (0x20000040, 0x18, gcc)],
            '.data': [(0x80000000, 0x8, app)],
            '.a_long_output_section_name': [(0x80000008, 0xc, kern)],
            '.bss': [(0x80000018, 0x4, kern), (0x8000001c, 0x8, app)],
        })

    def test_attribution_fills_the_gaps(self):
        pieces = fp.parse_map(os.path.join(HERE, 'fixtures', 'sample.map'))
        text = fp.Section('.text', 1, fp.SHF_ALLOC | fp.SHF_EXECINSTR, 0x20000000, 0, 0x60)
        bss = fp.Section('.bss', fp.SHT_NOBITS, fp.SHF_ALLOC | fp.SHF_WRITE, 0x80000018, 0, 0x218)
        self.assertEqual(fp.attribute(text, pieces['.text'], self.namer),
                         {'app': 0x20, 'kernel': 0x1e, 'libgcc': 0x18, '(fill/other)': 0xa})
        self.assertEqual(fp.attribute(bss, pieces['.bss'], self.namer),
                         {'app': 0x8, 'kernel': 0x4, '(fill/other)': 0x20c})
        # Overlapping or out-of-section pieces are never counted twice.
        odd = [(0x20000000, 0x40, 'a/CMakeFiles/a.dir/x.c.obj'),
               (0x20000010, 0x40, 'b/CMakeFiles/b.dir/y.c.obj'),
               (0x1ffffff0, 0x8, 'c/CMakeFiles/c.dir/z.c.obj')]
        self.assertEqual(fp.attribute(text, odd, self.namer),
                         {'a': 0x40, 'b': 0x10, '(fill/other)': 0x10})

    def test_module_names(self):
        cases = {
            'CMakeFiles/vireo.dir/kernel/sched.c.obj': 'kernel',
            'arch/riscv/CMakeFiles/arch.dir/core/pmp.c.obj': 'arch/riscv/core',
            'kernel/CMakeFiles/kernel.dir/__/drivers/serial/ns16550.c.obj': 'drivers/serial',
            'CMakeFiles/vireo.dir/__/__/elsewhere/myapp/src/main.c.obj': '.../elsewhere/myapp/src',
            'app/CMakeFiles/app.dir/src/main.c.obj': 'app/src',
            'CMakeFiles/vireo.dir/main.c.obj': '(top)',
            'CMakeFiles/vireo.dir/arch/riscv/core/entry.S.o': 'arch/riscv/core',
            os.path.join(self.build, 'CMakeFiles/vireo.dir/subsys/console/printk.c.obj'):
                'subsys/console',
            '/usr/lib/picolibc/riscv64-unknown-elf/lib/rv32imac/ilp32/libc.a(libc_string_memcpy.c.o)':
                'libc',
            '/usr/lib/gcc/riscv64-unknown-elf/12.2.0/rv32imac/ilp32/libgcc.a(_udivdi3.o)': 'libgcc',
            '/usr/lib/gcc/riscv64-unknown-elf/12.2.0/rv32imac/ilp32/crtbegin.o': 'libgcc',
            '/usr/lib/picolibc/riscv64-unknown-elf/lib/rv32imac/ilp32/crt0.o': 'libc',
            '/tmp/ccAbCdEf.o': '(fill/other)',
            'linker_generated.o': '(fill/other)',
            'drivers/libdrivers.a(ns16550.c.obj)': 'drivers',
            'libvireo.a(init.c.obj)': 'vireo',
        }
        for obj, module in cases.items():
            with self.subTest(obj=obj):
                self.assertEqual(self.namer(obj), module)

    def test_archive_member_found_in_build_tree(self):
        self.touch(os.path.join(self.build, 'subsys/CMakeFiles/subsys.dir/console/printk.c.obj'))
        self.touch(os.path.join(self.build, 'subsys/CMakeFiles/subsys.dir/__/lib/ring_buffer.c.obj'))
        self.assertEqual(self.namer('subsys/libsubsys.a(printk.c.obj)'), 'subsys/console')
        self.assertEqual(self.namer('subsys/libsubsys.a(ring_buffer.c.obj)'), 'lib')
        self.assertEqual(self.namer(os.path.join(self.build, 'subsys/libsubsys.a') +
                                    '(printk.c.obj)'), 'subsys/console')

    def test_source_outside_both_trees(self):
        inside = os.path.join(self.source, 'samples/hello/src/main.c')
        outside = os.path.join(self.tmp.name, 'elsewhere/app/src/main.c')
        self.touch(inside)
        self.touch(outside)
        self.assertEqual(self.namer('CMakeFiles/app.dir' + inside + '.obj'), 'samples/hello/src')
        self.assertEqual(self.namer('CMakeFiles/app.dir' + outside + '.obj'),
                         os.path.dirname(outside))

    def test_parse_number(self):
        self.assertEqual(fp.parse_number('0x80000000'), 0x80000000)
        self.assertEqual(fp.parse_number('16384'), 16384)
        self.assertEqual(fp.parse_number('16K'), 16384)
        self.assertEqual(fp.parse_number('128M'), 128 << 20)


if __name__ == '__main__':
    unittest.main()
