#!/usr/bin/env python3
"""ELF -> ESP32-C3 firmware image, the format the chip's ROM bootloader loads
from flash offset 0 (esptool's "Firmware Image Format", ESP-IDF's "App
Image Format"). Python standard library only.

  esp32_image.py elf2image ELF OUT [--flash-mode dio] [--flash-freq 80m]
                 [--flash-size 4MB]
  esp32_image.py info IMAGE          print the header and the segments

Layout (little-endian):
  header (8)     0xE9, segment count, SPI mode, flash size << 4 | frequency,
                 entry point
  extended (16)  WP pin (0xEE: none), 3 drive-strength bytes, chip id (5 =
                 ESP32-C3, 16 bits), minimal revision (deprecated byte),
                 minimal and maximal full revision (16 bits each; 0 and
                 0xFFFF: any), 4 reserved bytes, hash appended (1)
  segments       load address, length (multiple of 4), data: one per run of
                 contiguous allocated sections with contents
  footer         zeros up to one byte before a multiple of 16, then the XOR
                 of every segment data byte seeded with 0xEF; then the
                 SHA-256 of everything before it

Before writing, the memory map is checked: every segment must lie in the
internal SRAM that the ROM may write while it loads (SRAM1, seen as DRAM at
0x3FC80000 and as IRAM at 0x40380000, up to where the ROM's own stack and
data start: DRAM 0x3FCDC710), and no two segments may share a byte of SRAM
through the two views. Any violation fails with a message naming the
segments and addresses.
"""
import argparse
import hashlib
import struct
import sys

MAGIC = 0xE9
CHIP_ID_ESP32C3 = 5
CHECKSUM_SEED = 0xEF
WP_PIN_NONE = 0xEE
MAX_SEGMENTS = 16

FLASH_MODES = {"qio": 0, "qout": 1, "dio": 2, "dout": 3}
FLASH_FREQS = {"40m": 0x0, "26m": 0x1, "20m": 0x2, "80m": 0xF}
FLASH_SIZES = {"1MB": 0, "2MB": 1, "4MB": 2, "8MB": 3, "16MB": 4}

# SRAM1 as the ROM loader may write it: (name, start, end) of each view.
SRAM_SIZE = 0x3FCDC710 - 0x3FC80000
VIEWS = (("DRAM", 0x3FC80000), ("IRAM", 0x40380000))


class ImageError(Exception):
    """The ELF cannot become a valid image; the message says why."""


# Section types with bytes to load: PROGBITS and the init/fini arrays.
LOADABLE_TYPES = (1, 14, 15, 16)
SHF_ALLOC = 0x2


def load_segments(elf):
    """[(load address, data)] of the ELF's allocated sections that have
    bytes (NOBITS/NOLOAD ones, .bss, are left out even where ld wrote them
    as zeros into a program segment), contiguous ones merged; and the
    entry point. A file cut short is an ImageError, never a short segment."""
    try:
        return _load_segments(elf)
    except struct.error:
        raise ImageError("truncated ELF: its headers run past the end of the file") from None


def _load_segments(elf):
    if elf[:4] != b"\x7fELF":
        raise ImageError("not an ELF file")
    if elf[4] != 1 or elf[5] != 1:
        raise ImageError("not a 32-bit little-endian ELF (the ESP32-C3 is RV32)")
    entry, phoff, shoff = struct.unpack_from("<III", elf, 24)
    phentsize, phnum, shentsize, shnum = struct.unpack_from("<HHHH", elf, 42)
    for i in range(phnum):
        p_type, _off, vaddr, paddr, filesz = struct.unpack_from("<5I", elf, phoff + i * phentsize)
        if p_type == 1 and filesz != 0 and vaddr != paddr:
            raise ImageError("segment at 0x%08x loads at 0x%08x: the ROM loader copies "
                             "every segment where it runs" % (vaddr, paddr))
    secs = []
    for i in range(shnum):
        _name, sh_type, flags, addr, off, size = struct.unpack_from(
            "<6I", elf, shoff + i * shentsize)
        if sh_type in LOADABLE_TYPES and flags & SHF_ALLOC and size != 0:
            if off + size > len(elf):
                raise ImageError("truncated ELF: section at 0x%08x has %d of its %d bytes" %
                                 (addr, max(len(elf) - off, 0), size))
            secs.append((addr, elf[off:off + size]))
    secs.sort()
    segs = []
    for addr, data in secs:
        if segs and segs[-1][0] + len(segs[-1][1]) == addr:
            segs[-1] = (segs[-1][0], segs[-1][1] + data)
        else:
            segs.append((addr, data))
    return segs, entry


def physical(addr, size):
    """(view name, offset in SRAM1) of [addr, addr + size), or None."""
    for name, base in VIEWS:
        if base <= addr and addr + size <= base + SRAM_SIZE:
            return name, addr - base
    return None


def check_map(segs, entry):
    """Raise ImageError unless every segment is in loadable SRAM, no two
    overlap physically, and the entry point is in a loaded IRAM byte."""
    if not segs:
        raise ImageError("the ELF has nothing to load")
    if len(segs) > MAX_SEGMENTS:
        raise ImageError("%d segments: the ROM loader takes at most %d" %
                         (len(segs), MAX_SEGMENTS))
    spans = []
    for addr, data in segs:
        where = physical(addr, len(data))
        if where is None:
            raise ImageError(
                "segment 0x%08x..0x%08x is outside the SRAM the ROM loader may write "
                "(DRAM 0x%08x..0x%08x, IRAM 0x%08x..0x%08x)" %
                (addr, addr + len(data), VIEWS[0][1], VIEWS[0][1] + SRAM_SIZE,
                 VIEWS[1][1], VIEWS[1][1] + SRAM_SIZE))
        spans.append((where[1], where[1] + len(data), where[0], addr))
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        if b[0] < a[1]:
            raise ImageError(
                "segments overlap in SRAM: %s 0x%08x (SRAM offset 0x%05x..0x%05x) and "
                "%s 0x%08x (from 0x%05x) are the same bytes seen through the two views" %
                (a[2], a[3], a[0], a[1], b[2], b[3], b[0]))
    if not any(addr <= entry < addr + len(data) and physical(addr, 1)[0] == "IRAM"
               for addr, data in segs):
        raise ImageError("entry point 0x%08x is not in a loaded IRAM segment" % entry)


def build_image(segs, entry, flash_mode="dio", flash_freq="80m", flash_size="4MB"):
    """The image bytes for checked segments."""
    try:
        mode = FLASH_MODES[flash_mode]
        size_freq = (FLASH_SIZES[flash_size] << 4) | FLASH_FREQS[flash_freq]
    except KeyError as e:
        raise ImageError("unknown flash setting %s" % e) from None
    out = bytearray(struct.pack("<BBBBI", MAGIC, len(segs), mode, size_freq, entry))
    out += struct.pack("<B3BHBHH4BB", WP_PIN_NONE, 0, 0, 0, CHIP_ID_ESP32C3, 0, 0, 0xFFFF,
                       0, 0, 0, 0, 1)
    checksum = CHECKSUM_SEED
    for addr, data in segs:
        data = bytes(data) + b"\0" * (-len(data) % 4)
        out += struct.pack("<II", addr, len(data)) + data
        for byte in data:
            checksum ^= byte
    out += b"\0" * (15 - len(out) % 16)
    out.append(checksum)
    out += hashlib.sha256(out).digest()
    return bytes(out)


def parse_image(img):
    """Decode an image: dict of header fields and [(addr, data)], verifying
    the checksum and the digest. Raises ImageError on any mismatch."""
    if len(img) < 24 or img[0] != MAGIC:
        raise ImageError("no image magic 0xE9")
    count, mode, size_freq, entry = struct.unpack_from("<BBBI", img, 1)
    ext = struct.unpack_from("<B3BHBHH4BB", img, 8)
    fields = {"segments": count, "flash_mode": mode, "flash_size": size_freq >> 4,
              "flash_freq": size_freq & 0xF, "entry": entry, "wp_pin": ext[0],
              "chip_id": ext[4], "min_rev": ext[5], "min_rev_full": ext[6],
              "max_rev_full": ext[7], "hash_appended": ext[12]}
    pos, segs, checksum = 24, [], CHECKSUM_SEED
    for i in range(count):
        if pos + 8 > len(img):
            raise ImageError("truncated: segment %d's header is missing" % i)
        addr, length = struct.unpack_from("<II", img, pos)
        if pos + 8 + length > len(img):
            raise ImageError("truncated: segment %d at 0x%08x has %d of its %d bytes" %
                             (i, addr, len(img) - pos - 8, length))
        data = img[pos + 8:pos + 8 + length]
        for byte in data:
            checksum ^= byte
        segs.append((addr, data))
        pos += 8 + length
    pos += 15 - pos % 16
    if pos >= len(img):
        raise ImageError("truncated: no checksum byte")
    if img[pos] != checksum:
        raise ImageError("checksum 0x%02x, computed 0x%02x" % (img[pos], checksum))
    pos += 1
    if fields["hash_appended"]:
        if pos + 32 > len(img):
            raise ImageError("truncated: the SHA-256 digest is missing")
        if hashlib.sha256(img[:pos]).digest() != img[pos:pos + 32]:
            raise ImageError("SHA-256 digest does not match")
        pos += 32
    if pos != len(img):
        raise ImageError("%d bytes after the image" % (len(img) - pos))
    return fields, segs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    mk = sub.add_parser("elf2image")
    mk.add_argument("elf")
    mk.add_argument("out")
    mk.add_argument("--flash-mode", default="dio", choices=sorted(FLASH_MODES))
    mk.add_argument("--flash-freq", default="80m", choices=sorted(FLASH_FREQS))
    mk.add_argument("--flash-size", default="4MB", choices=sorted(FLASH_SIZES))
    info = sub.add_parser("info")
    info.add_argument("image")
    args = ap.parse_args(argv)
    try:
        if args.cmd == "elf2image":
            with open(args.elf, "rb") as f:
                segs, entry = load_segments(f.read())
            check_map(segs, entry)
            img = build_image(segs, entry, args.flash_mode, args.flash_freq, args.flash_size)
            with open(args.out, "wb") as f:
                f.write(img)
            print("%s: %d segments, entry 0x%08x, %d bytes" %
                  (args.out, len(segs), entry, len(img)))
        else:
            with open(args.image, "rb") as f:
                fields, segs = parse_image(f.read())
            for k, v in fields.items():
                print("%-14s 0x%x" % (k, v))
            for addr, data in segs:
                print("segment 0x%08x %6d bytes  %s" %
                      (addr, len(data), (physical(addr, len(data)) or ("?",))[0]))
    except ImageError as e:
        name = args.elf if args.cmd == "elf2image" else args.image
        print("esp32_image: %s: %s" % (name, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
