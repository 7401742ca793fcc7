"""Tests for scripts/esp32_image.py: every header field, the segment table,
the checksum and the SHA-256 digest, checked byte by byte against the
format (esptool's "Firmware Image Format"), on ELF files written here; and
the memory-map rejections (segment outside loadable SRAM, two segments on
the same SRAM through the IRAM/DRAM views, entry outside IRAM, too many
segments), each with its message. Also converts a real esp32c3 ELF when the
cross compiler is installed.

Run: /usr/bin/python3 -m unittest -v test_esp32_image.py (CTest: unit.esp32_image).
"""
import hashlib
import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
BASE = os.environ.get("VIREO_BASE") or os.path.normpath(os.path.join(HERE, "..", "..", ".."))
SCRIPT = os.path.join(BASE, "scripts", "esp32_image.py")

spec = importlib.util.spec_from_file_location("esp32_image", SCRIPT)
img = importlib.util.module_from_spec(spec)
spec.loader.exec_module(img)

IRAM = 0x40380000
DRAM = 0x3FC80000


def make_elf(segments, entry, load=None, nobits=()):
    """A minimal ELF32 little-endian RISC-V file: for each (address, bytes)
    in segments one PROGBITS section and one PT_LOAD (load gives a different
    paddr for one); nobits adds (address, size) NOBITS sections, which
    must not reach the image."""
    phoff, phentsize, shentsize = 52, 32, 40
    data_off = phoff + phentsize * len(segments)
    blobs, phdrs, shdrs, off = b"", b"", [b"\0" * shentsize], data_off
    for addr, data in segments:
        paddr = load.get(addr, addr) if load else addr
        phdrs += struct.pack("<8I", 1, off, addr, paddr, len(data), len(data), 5, 4)
        shdrs.append(struct.pack("<10I", 0, 1, 2, addr, off, len(data), 0, 0, 4, 0))
        blobs += data
        off += len(data)
    for addr, size in nobits:
        shdrs.append(struct.pack("<10I", 0, 8, 3, addr, off, size, 0, 0, 4, 0))
    shoff = off
    header = struct.pack("<4sBBBB8xHHIIIIIHHHHHH", b"\x7fELF", 1, 1, 1, 0, 2, 0xF3, 1, entry,
                         phoff, shoff, 0, 52, phentsize, len(segments), shentsize,
                         len(shdrs), 0)
    return header + phdrs + blobs + b"".join(shdrs)


def convert(segments, entry, **kw):
    segs, e = img.load_segments(make_elf(segments, entry))
    img.check_map(segs, e)
    return img.build_image(segs, e, **kw)


class Format(unittest.TestCase):
    code = bytes(range(1, 40))           # 39 bytes: padded to 40
    data = b"\xaa\x55\x00\xff" * 5

    def setUp(self):
        self.image = convert([(IRAM, self.code), (DRAM + 0x1000, self.data)], IRAM + 4)

    def test_header(self):
        magic, count, mode, size_freq, entry = struct.unpack_from("<BBBBI", self.image, 0)
        self.assertEqual(magic, 0xE9)
        self.assertEqual(count, 2)
        self.assertEqual(mode, 2)                # DIO
        self.assertEqual(size_freq, 0x2F)        # 4 MB, 80 MHz
        self.assertEqual(entry, IRAM + 4)

    def test_extended_header(self):
        ext = self.image[8:24]
        self.assertEqual(ext[0], 0xEE)            # WP pin: none
        self.assertEqual(ext[1:4], b"\0\0\0")     # drive settings
        self.assertEqual(struct.unpack_from("<H", ext, 4)[0], 5)  # ESP32-C3
        self.assertEqual(ext[6], 0)               # min revision (deprecated)
        self.assertEqual(struct.unpack_from("<HH", ext, 7), (0, 0xFFFF))
        self.assertEqual(ext[11:15], b"\0\0\0\0")
        self.assertEqual(ext[15], 1)              # hash appended

    def test_flash_options(self):
        image = convert([(IRAM, self.code)], IRAM, flash_mode="qio", flash_freq="40m",
                        flash_size="16MB")
        self.assertEqual(image[2], 0)
        self.assertEqual(image[3], 0x40)
        with self.assertRaises(img.ImageError):
            convert([(IRAM, self.code)], IRAM, flash_size="3MB")

    def test_segments(self):
        # Sorted by address: DRAM first; lengths padded to 4 with zeros.
        pos = 24
        addr, length = struct.unpack_from("<II", self.image, pos)
        self.assertEqual((addr, length), (DRAM + 0x1000, 20))
        self.assertEqual(self.image[pos + 8:pos + 28], self.data)
        pos += 8 + length
        addr, length = struct.unpack_from("<II", self.image, pos)
        self.assertEqual((addr, length), (IRAM, 40))
        self.assertEqual(self.image[pos + 8:pos + 8 + 39], self.code)
        self.assertEqual(self.image[pos + 8 + 39], 0)
        self.end = pos + 8 + length

    def test_checksum_and_padding(self):
        self.test_segments()
        body_end = len(self.image) - 32
        self.assertEqual(body_end % 16, 0)
        self.assertTrue(all(b == 0 for b in self.image[self.end:body_end - 1]))
        checksum = 0xEF
        for b in self.data + self.code + b"\0":
            checksum ^= b
        self.assertEqual(self.image[body_end - 1], checksum)

    def test_digest(self):
        body = self.image[:-32]
        self.assertEqual(self.image[-32:], hashlib.sha256(body).digest())

    def test_parse_round_trip_and_corruption(self):
        fields, segs = img.parse_image(self.image)
        self.assertEqual(fields["chip_id"], 5)
        self.assertEqual(segs[1], (IRAM, self.code + b"\0"))
        bad = bytearray(self.image)
        bad[40] ^= 1                                   # a data byte: checksum breaks
        with self.assertRaisesRegex(img.ImageError, "checksum"):
            img.parse_image(bytes(bad))
        bad = bytearray(self.image)
        bad[-1] ^= 1                                   # the digest itself
        with self.assertRaisesRegex(img.ImageError, "SHA-256"):
            img.parse_image(bytes(bad))

    def test_parse_truncated_image_fails_with_message(self):
        # Cut in a segment header, in segment data, before the checksum and
        # in the digest: an ImageError each time, never a crash.
        for cut in (28, 40, len(self.image) - 33, len(self.image) - 1):
            with self.assertRaisesRegex(img.ImageError, "truncated"):
                img.parse_image(self.image[:cut])
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "short.bin")
            with open(path, "wb") as f:
                f.write(self.image[:40])
            p = subprocess.run([sys.executable, SCRIPT, "info", path],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 1)
            self.assertIn("truncated", p.stderr)
            self.assertNotIn("Traceback", p.stderr)


class MemoryMap(unittest.TestCase):
    def reject(self, segments, entry, pattern):
        segs, e = img.load_segments(make_elf(segments, entry))
        with self.assertRaisesRegex(img.ImageError, pattern):
            img.check_map(segs, e)

    def test_accepts_whole_loadable_sram(self):
        top = 0x3FCDC710 - DRAM
        convert([(IRAM, b"\0" * 0x100), (DRAM + 0x100, b"\0" * (top - 0x100))], IRAM)

    def test_rejects_rom_stack_and_beyond(self):
        self.reject([(IRAM, b"\0" * 8), (0x3FCDC700, b"\0" * 0x20)], IRAM, "outside the SRAM")
        self.reject([(IRAM, b"\0" * 8), (0x3FCE0000, b"\0" * 4)], IRAM, "outside the SRAM")

    def test_rejects_icache_sram0_and_flash(self):
        self.reject([(0x4037C000, b"\0" * 8)], 0x4037C000, "outside the SRAM")
        self.reject([(IRAM, b"\0" * 8), (0x42000000, b"\0" * 8)], IRAM, "outside the SRAM")

    def test_rejects_overlap_through_the_views(self):
        # IRAM 0x40380000..+0x100 and DRAM 0x3FC80080.. are the same SRAM bytes.
        self.reject([(IRAM, b"\0" * 0x100), (DRAM + 0x80, b"\0" * 8)], IRAM,
                    "overlap in SRAM")
        # Touching is fine.
        convert([(IRAM, b"\0" * 0x100), (DRAM + 0x100, b"\0" * 8)], IRAM)

    def test_rejects_entry_outside_iram(self):
        self.reject([(IRAM, b"\0" * 8), (DRAM + 0x100, b"\0" * 8)], DRAM + 0x100,
                    "entry point")
        self.reject([(IRAM, b"\0" * 8)], IRAM + 8, "entry point")

    def test_rejects_too_many_segments(self):
        segs = [(IRAM + 0x100 * i, b"\0" * 4) for i in range(17)]
        self.reject(segs, IRAM, "at most 16")

    def test_nobits_and_merging(self):
        # A NOBITS shadow over the text's SRAM is no segment; touching
        # sections merge into one segment.
        segs, entry = img.load_segments(make_elf(
            [(IRAM, b"\1" * 0x20), (DRAM + 0x20, b"\2" * 8), (DRAM + 0x28, b"\3" * 4)],
            IRAM, nobits=[(DRAM, 0x20)]))
        self.assertEqual(segs, [(DRAM + 0x20, b"\2" * 8 + b"\3" * 4), (IRAM, b"\1" * 0x20)])
        img.check_map(segs, entry)

    def test_rejects_vma_lma_split(self):
        with self.assertRaisesRegex(img.ImageError, "loads at"):
            img.load_segments(make_elf([(IRAM, b"\0" * 4)], IRAM, load={IRAM: 0x42000000}))

    def test_truncated_elf_fails_with_message(self):
        elf = make_elf([(IRAM, b"\1" * 0x100)], IRAM)
        shoff = struct.unpack_from("<I", elf, 32)[0]
        with self.assertRaisesRegex(img.ImageError, "truncated"):
            img.load_segments(elf[:60])            # cut inside the program headers
        # A section whose bytes run past the end of the file: no short segment.
        bad = bytearray(elf)
        struct.pack_into("<I", bad, shoff + 40 + 16, len(elf) - 0x10)  # sh_offset
        with self.assertRaisesRegex(img.ImageError, "truncated ELF: section at 0x40380000"):
            img.load_segments(bytes(bad))

    def test_cli_fails_with_message(self):
        with tempfile.TemporaryDirectory() as d:
            elf = os.path.join(d, "bad.elf")
            with open(elf, "wb") as f:
                f.write(make_elf([(IRAM, b"\0" * 0x100), (DRAM, b"\0" * 4)], IRAM))
            p = subprocess.run([sys.executable, SCRIPT, "elf2image", elf,
                                os.path.join(d, "out.bin")], capture_output=True, text=True)
            self.assertEqual(p.returncode, 1)
            self.assertIn("overlap in SRAM", p.stderr)
            self.assertFalse(os.path.exists(os.path.join(d, "out.bin")))


@unittest.skipUnless(shutil.which("riscv64-unknown-elf-gcc"), "no cross compiler")
class RealElf(unittest.TestCase):
    def test_linked_with_the_board_layout(self):
        """A tiny program linked like the esp32c3 layout (text in IRAM, data in
        DRAM after the text's shadow) converts, and segments stay disjoint."""
        with tempfile.TemporaryDirectory() as d:
            src, ld, elf = (os.path.join(d, n) for n in ("a.c", "a.ld", "a.elf"))
            with open(src, "w") as f:
                f.write("const int k[64] = {1}; int v = 3;\n"
                        "void _start(void) { v += k[v]; for (;;) {} }\n")
            with open(ld, "w") as f:
                f.write("MEMORY { IRAM (rx) : ORIGIN = 0x40380000, LENGTH = 64K\n"
                        " RAM (rw) : ORIGIN = 0x3FC80000, LENGTH = 64K }\n"
                        "ENTRY(_start) SECTIONS { .text : { *(.text*) } > IRAM\n"
                        " .shadow (NOLOAD) : { . += ALIGN(SIZEOF(.text), 16); } > RAM\n"
                        " .rodata : { *(.rodata* .srodata*) } > RAM\n"
                        " .data : { *(.data* .sdata*) } > RAM }\n")
            subprocess.run(["riscv64-unknown-elf-gcc", "-march=rv32imc", "-mabi=ilp32", "-Os",
                            "-nostdlib", "-T", ld, src, "-o", elf], check=True)
            out = os.path.join(d, "a.bin")
            self.assertEqual(img.main(["elf2image", elf, out]), 0)
            with open(out, "rb") as f:
                fields, segs = img.parse_image(f.read())
            self.assertEqual(fields["entry"] & 0xFFF00000, 0x40300000)
            self.assertGreaterEqual(len(segs), 2)


if __name__ == "__main__":
    unittest.main()
