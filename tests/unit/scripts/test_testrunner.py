"""Tests for scripts/testrunner.py's board dimension: which boards a test
variant runs on, board.ini parsing, and the {board} placeholder.

Run: /usr/bin/python3 -m unittest -v test_testrunner.py (CTest: unit.testrunner).
"""

import os
import sys
import tempfile
import unittest
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
BASE = os.environ.get('VIREO_BASE') or os.path.normpath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, os.path.join(BASE, 'scripts'))
import testrunner as tr  # noqa: E402

BOARDS = {
    'big': {'tests': 'qemu', 'features': {'pmp', 'userspace', 'plic'}},
    'small': {'tests': 'qemu', 'features': {'pmp', 'userspace'}},
    'sbi': {'tests': 'qemu', 'features': {'plic'}},
    'chip': {'tests': 'build', 'features': {'pmp', 'userspace'}},
}


def variant(**keys):
    v = dict(tr.DEFAULTS)
    v.update(keys)
    return v


class BoardsFor(unittest.TestCase):
    def test_default_is_every_board(self):
        self.assertEqual(tr.boards_for(variant(), BOARDS, 'x'), ['big', 'small', 'sbi', 'chip'])

    def test_requires_filters_by_features(self):
        self.assertEqual(tr.boards_for(variant(requires='userspace'), BOARDS, 'x'),
                         ['big', 'small', 'chip'])
        self.assertEqual(tr.boards_for(variant(requires='userspace plic'), BOARDS, 'x'), ['big'])

    def test_exclude_boards(self):
        self.assertEqual(tr.boards_for(variant(requires='pmp', exclude_boards='small'),
                                       BOARDS, 'x'), ['big', 'chip'])

    def test_explicit_boards_keep_their_order(self):
        self.assertEqual(tr.boards_for(variant(boards='sbi big'), BOARDS, 'x'), ['sbi', 'big'])

    def test_explicit_board_lacking_a_feature_is_an_error(self):
        with self.assertRaisesRegex(SystemExit, r"'sbi' lacks \['userspace'\]"):
            tr.boards_for(variant(boards='sbi', requires='userspace'), BOARDS, 'x')

    def test_unknown_required_feature_is_an_error(self):
        with self.assertRaisesRegex(SystemExit, r"unknown feature\(s\) in requires \['usrspace'\]"):
            tr.boards_for(variant(requires='usrspace'), BOARDS, 'x')

    def test_unknown_board_is_an_error(self):
        with self.assertRaisesRegex(SystemExit, "unknown board 'nope'"):
            tr.boards_for(variant(exclude_boards='nope'), BOARDS, 'x')
        with self.assertRaisesRegex(SystemExit, "unknown board 'nope'"):
            tr.boards_for(variant(boards='nope'), BOARDS, 'x')


class LoadBoards(unittest.TestCase):
    def write_tree(self, root, files):
        for rel, text in files.items():
            path = os.path.join(root, 'boards', rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)

    def load(self, files):
        with tempfile.TemporaryDirectory() as root:
            self.write_tree(root, files)
            with mock.patch.object(tr, 'BASE', root):
                return tr.load_boards()

    def test_parses_tests_and_features_and_skips_boards_without_ini(self):
        boards = self.load({
            'a/board.ini': '[board]\ntests = build ; no emulator\nfeatures = pmp userspace\n',
            'b/board.ini': '[board]\n',
            'c/board.cmake': '',
        })
        self.assertEqual(boards, {'a': {'tests': 'build', 'features': {'pmp', 'userspace'}},
                                  'b': {'tests': 'qemu', 'features': set()}})

    def test_rejects_bad_files(self):
        with self.assertRaisesRegex(SystemExit, 'tests must be one of'):
            self.load({'a/board.ini': '[board]\ntests = maybe\n'})
        with self.assertRaisesRegex(SystemExit, r"unknown key\(s\) \['feature'\]"):
            self.load({'a/board.ini': '[board]\nfeature = pmp\n'})
        with self.assertRaisesRegex(SystemExit, r'no \[board\] section'):
            self.load({'a/board.ini': '[boards]\n'})

    def test_rejects_unknown_features(self):
        with self.assertRaisesRegex(SystemExit, r"unknown feature\(s\) \['mmu'\]"):
            self.load({'a/board.ini': '[board]\nfeatures = pmp mmu\n'})

    def test_tree_boards_load(self):
        self.assertIn('qemu_riscv32', tr.load_boards())


class Judge(unittest.TestCase):
    def names(self, board='qemu_riscv32', priv='m'):
        return {'board': board, 'priv': priv}

    def test_board_placeholder_is_the_escaped_board_name(self):
        v = variant(harness='console', expect='^on {board}!$')
        self.assertIsNone(tr.judge(v, 0, 'on qemu_riscv32!\n', False, self.names()))
        self.assertIsNotNone(tr.judge(v, 0, 'on qemu_riscv32!\n', False,
                                      self.names('hifive1')))
        # The board's name is literal text, not a pattern.
        self.assertIsNotNone(tr.judge(variant(harness='console', expect='^{board}$'),
                                      0, 'aXb\n', False, self.names('a.b')))

    def test_priv_placeholder_follows_the_build(self):
        v = variant(harness='console', expect='^  {priv}cause: 2 ')
        self.assertIsNone(tr.judge(v, 0, '  mcause: 2 (x)\n', False, self.names()))
        self.assertIsNotNone(tr.judge(v, 0, '  scause: 2 (x)\n', False, self.names()))
        self.assertIsNone(tr.judge(v, 0, '  scause: 2 (x)\n', False, self.names(priv='s')))
        with tempfile.TemporaryDirectory() as build:
            self.assertEqual(tr.build_names('b', build), {'board': 'b', 'priv': 'm'})
            with open(os.path.join(build, '.config'), 'w', encoding='utf-8') as f:
                f.write('CONFIG_RISCV_ISA_RV64I=y\nCONFIG_RISCV_S_MODE=y\n')
            self.assertEqual(tr.build_names('b', build)['priv'], 's')


if __name__ == '__main__':
    unittest.main()
