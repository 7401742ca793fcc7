"""Tests for scripts/qemu_run.py's reading of qemu.json.

Run: /usr/bin/python3 -m unittest -v test_qemu_run.py (CTest: unit.qemu_run).
"""

import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
BASE = os.environ.get('VIREO_BASE') or os.path.normpath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, os.path.join(BASE, 'scripts'))
import qemu_run  # noqa: E402


class QemuCommand(unittest.TestCase):
    def command(self, desc, gdb=False):
        with tempfile.TemporaryDirectory() as build:
            with open(os.path.join(build, 'qemu.json'), 'w', encoding='utf-8') as f:
                json.dump(desc, f)
            return qemu_run.qemu_command(build, gdb)

    def test_command_is_the_board_line_plus_the_image(self):
        cmd, elf = self.command({'qemu': ['qemu-system-riscv32', '-machine', 'virt'],
                                 'elf': '/b/vireo.elf', 'board': 'qemu_riscv32'})
        self.assertEqual(cmd, ['qemu-system-riscv32', '-machine', 'virt', '-kernel', '/b/vireo.elf'])
        self.assertEqual(elf, '/b/vireo.elf')

    def test_gdb_waits_for_the_debugger(self):
        cmd, _ = self.command({'qemu': ['q'], 'elf': 'e', 'board': 'b'}, gdb=True)
        self.assertEqual(cmd[-3:], ['-S', '-gdb', 'tcp::1234'])

    def test_board_without_emulator_says_so(self):
        with self.assertRaisesRegex(SystemExit, r"esp32c3_devkitm has no emulator here.*"
                                    r"\./vireo flash -b esp32c3_devkitm"):
            self.command({'qemu': [], 'elf': 'e', 'board': 'esp32c3_devkitm'})

    def test_missing_description_says_configure_first(self):
        with tempfile.TemporaryDirectory() as build:
            with self.assertRaisesRegex(SystemExit, 'configure the build first'):
                qemu_run.qemu_command(build)


if __name__ == '__main__':
    unittest.main()
