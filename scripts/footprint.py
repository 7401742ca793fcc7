#!/usr/bin/env python3
"""ROM and RAM footprint of a linked Vireo image, exact to the byte.

--summary (the default; the build prints it after every link): ROM used,
RAM used, each against its region, and the text/data/bss line `size` prints.
--modules: the same bytes split per source module and per output section.

Where the numbers come from:
  * The ELF's section and program headers (parsed here with struct, ELF32 and
    ELF64 little-endian) are the truth. A section's load address (LMA) is found
    through the PT_LOAD segment holding it (p_paddr versus p_vaddr), which is
    how .data is seen to load from ROM and run from RAM.
  * ROM used = every allocated section with contents whose LMA lies in the
    ROM region; RAM used = every allocated section whose VMA lies in the RAM
    region (.data therefore counts in both). Without a ROM region the image
    runs from RAM and its RAM bytes are split into code+rodata and data+bss
    instead, by the rules `size` uses (read-only or executable is text).
  * The GNU ld map only attributes bytes: each input section found in the
    "Linker script and memory map" part is clipped to its output section, and
    whatever no object claims (alignment fill, linker-script reservations,
    LONG() statements) goes to "(fill/other)". Module totals therefore equal
    the summary's by construction.

Modules are source directories relative to the repository root, read from
CMake object paths (<bin dir>/CMakeFiles/<target>.dir/<source path>.obj, with
"__" standing for ".."); members of archives built here are looked up in the
build tree; system archives give "libc", "libgcc", ...

Usage: footprint.py --elf vireo.elf --map vireo.map
                    [--rom-base A --rom-size N] [--ram-base A --ram-size N]
                    [--build-dir DIR] [--source-dir DIR] [--summary] [--modules]
"""

import argparse
import glob
import os
import re
import struct
import sys

SHT_NOBITS = 8
SHF_WRITE = 0x1
SHF_ALLOC = 0x2
SHF_EXECINSTR = 0x4
PT_LOAD = 1

FILL = '(fill/other)'


class Section:
    def __init__(self, name, sh_type, flags, addr, offset, size):
        self.name = name
        self.type = sh_type
        self.flags = flags
        self.addr = addr
        self.offset = offset
        self.size = size
        self.lma = addr

    @property
    def alloc(self):
        return bool(self.flags & SHF_ALLOC)

    @property
    def has_contents(self):
        return self.type != SHT_NOBITS

    @property
    def size_class(self):
        """'text', 'data' or 'bss', decided exactly as binutils' size does."""
        if self.flags & SHF_EXECINSTR or not self.flags & SHF_WRITE:
            return 'text'
        return 'data' if self.has_contents else 'bss'


def read_elf(path):
    """Return the allocated, non-empty sections of an ELF file with their LMAs
    filled in from the PT_LOAD segments."""
    with open(path, 'rb') as f:
        data = f.read()
    if len(data) < 52 or data[:4] != b'\x7fELF':
        raise ValueError('%s is not an ELF file' % path)
    if data[5] != 1:
        raise ValueError('%s is not little-endian' % path)
    if data[4] == 1:
        hdr, shdr, phdr = '<HHIIIIIHHHHHH', '<IIIIIIIIII', '<IIIIIIII'
    elif data[4] == 2:
        hdr, shdr, phdr = '<HHIQQQIHHHHHH', '<IIQQQQIIQQ', '<IIQQQQQQ'
    else:
        raise ValueError('%s has an unknown ELF class' % path)
    (_, _, _, _, phoff, shoff, _, _, phentsize, phnum, shentsize, shnum,
     shstrndx) = struct.unpack_from(hdr, data, 16)

    raw = []
    if shoff:
        sh0 = struct.unpack_from(shdr, data, shoff)
        if shnum == 0:
            shnum = sh0[5]          # extended numbering
        if shstrndx == 0xFFFF:
            shstrndx = sh0[6]
        raw = [struct.unpack_from(shdr, data, shoff + i * shentsize)
               for i in range(shnum)]
    strtab_off = raw[shstrndx][4] if raw else 0

    def name_at(off):
        end = data.index(b'\0', strtab_off + off)
        return data[strtab_off + off:end].decode('utf-8', 'replace')

    segments = []
    for i in range(phnum):
        ph = struct.unpack_from(phdr, data, phoff + i * phentsize)
        if data[4] == 1:
            p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz = ph[:6]
        else:
            p_type, _, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz = ph[:7]
        if p_type == PT_LOAD:
            segments.append((p_offset, p_vaddr, p_paddr, p_filesz, p_memsz))

    sections = []
    for sh in raw:
        sec = Section(name_at(sh[0]), sh[1], sh[2], sh[3], sh[4], sh[5])
        if sec.alloc and sec.size:
            sec.lma = load_address(sec, segments)
            sections.append(sec)
    return sections


def load_address(sec, segments):
    for p_offset, p_vaddr, p_paddr, p_filesz, p_memsz in segments:
        if not p_vaddr <= sec.addr < p_vaddr + p_memsz:
            continue
        if sec.has_contents:
            # Match by file offset, as the loader copies bytes, not addresses.
            if p_offset <= sec.offset < p_offset + p_filesz:
                return p_paddr + (sec.offset - p_offset)
        else:
            return p_paddr + (sec.addr - p_vaddr)
    return sec.addr


class Region:
    def __init__(self, name, base, size):
        self.name = name
        self.base = base
        self.size = size

    def holds(self, addr):
        return self.base <= addr and (self.size is None or addr < self.base + self.size)


class Layout:
    """Decides which columns each section's bytes count in.

    ROM builds have columns ROM and RAM; RAM-only builds code+rodata,
    data+bss and RAM (the first two split the third)."""

    def __init__(self, rom, ram):
        self.rom = rom
        self.ram = ram
        if rom:
            self.columns = ('ROM', 'RAM')
            self.sort_columns = ('ROM', 'RAM')
        else:
            self.columns = ('code+rodata', 'data+bss', 'RAM')
            self.sort_columns = ('RAM',)

    def in_ram(self, sec):
        if self.ram:
            return self.ram.holds(sec.addr)
        return not (self.rom and self.rom.holds(sec.addr))

    def counts(self, sec):
        """Return the set of columns the whole of sec counts in."""
        cols = set()
        if self.rom and sec.has_contents and self.rom.holds(sec.lma):
            cols.add('ROM')
        if self.in_ram(sec):
            cols.add('RAM')
            if not self.rom:
                cols.add('code+rodata' if sec.size_class == 'text' else 'data+bss')
        return cols


def parse_number(text):
    """Accept 0x.., decimal, and K/M suffixes as Kconfig-derived values may carry."""
    text = text.strip()
    scale = 1
    if text[-1:] in ('K', 'k'):
        text, scale = text[:-1], 1024
    elif text[-1:] in ('M', 'm'):
        text, scale = text[:-1], 1024 * 1024
    return int(text, 0) * scale


# --- map file ---------------------------------------------------------------

HEX = r'(0x[0-9a-fA-F]+)'
OUT_HEAD = re.compile(r'^(\S+)\s+' + HEX + r'\s+' + HEX + r'(?:\s+load address\s+0x[0-9a-fA-F]+)?\s*$')
OUT_NAME = re.compile(r'^([^\s*(]\S*)\s*$')
OUT_CONT = re.compile(r'^\s+' + HEX + r'\s+' + HEX + r'(?:\s+load address\s+0x[0-9a-fA-F]+)?\s*$')
IN_LINE = re.compile(r'^ ([^\s*(]\S*)\s+' + HEX + r'\s+' + HEX + r'(?:\s+(\S.*?))?\s*$')
IN_NAME = re.compile(r'^ ([^\s*(][^\s(]*)\s*$')
IN_CONT = re.compile(r'^\s+' + HEX + r'\s+' + HEX + r'(?:\s+(\S.*?))?\s*$')


def parse_map(path):
    """Return {output section name: [(address, size, object), ...]} from the
    "Linker script and memory map" part of a GNU ld map file. Input sections
    without an object (*fill*) are left out."""
    pieces = {}
    current = None
    pending_out = pending_in = None
    in_memory_map = False
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            if not in_memory_map:
                in_memory_map = line.startswith('Linker script and memory map')
                continue
            if line.startswith('OUTPUT(') or line.startswith('Cross Reference Table'):
                break
            if pending_out is not None and OUT_CONT.match(line):
                current, pending_out = pending_out, None
                continue
            if pending_in is not None:
                m = IN_CONT.match(line)
                pending_in = None
                if m:
                    add_piece(pieces, current, m.group(1), m.group(2), m.group(3))
                    continue
            pending_out = None
            if line[:1] not in ('', ' '):
                m = OUT_HEAD.match(line)
                if m:
                    current = m.group(1)
                    continue
                m = OUT_NAME.match(line)
                if m:
                    current = pending_out = m.group(1)
                continue
            m = IN_LINE.match(line)
            if m:
                add_piece(pieces, current, m.group(2), m.group(3), m.group(4))
                continue
            m = IN_NAME.match(line)
            if m:
                pending_in = m.group(1)
    if not in_memory_map:
        raise ValueError('%s has no "Linker script and memory map" part' % path)
    return pieces


def add_piece(pieces, section, addr, size, obj):
    if section is None or not obj:
        return
    size = int(size, 16)
    if size:
        pieces.setdefault(section, []).append((int(addr, 16), size, obj))


# --- modules ----------------------------------------------------------------

ARCHIVE_RE = re.compile(r'^(.*\.a)\(([^()]*)\)$')
CMAKE_OBJ_RE = re.compile(r'^(?:(.*)/)?CMakeFiles/([^/]+)\.dir/(.+)$')
OBJ_SUFFIX_RE = re.compile(r'\.(obj|o)$')


def is_below(path, root):
    rel = os.path.relpath(path, root)
    return rel != '..' and not rel.startswith('../')


class ModuleNamer:
    """Maps an object path as ld prints it to a module name."""

    def __init__(self, build_dir, source_dir):
        self.build_dir = os.path.abspath(build_dir)
        self.source_dir = os.path.abspath(source_dir)
        self.cache = {}

    def __call__(self, obj):
        if obj not in self.cache:
            m = ARCHIVE_RE.match(obj)
            if m:
                self.cache[obj] = self.archive_member(m.group(1), m.group(2))
            else:
                self.cache[obj] = self.object(obj)
        return self.cache[obj]

    def in_build(self, path):
        """Path relative to the build dir, or None when it lies elsewhere."""
        if not os.path.isabs(path):
            return os.path.normpath(path)
        if is_below(path, self.build_dir):
            return os.path.relpath(path, self.build_dir)
        return None

    def object(self, obj):
        rel = self.in_build(obj)
        if rel is None:
            return system_module(obj)
        m = CMAKE_OBJ_RE.match(rel)
        if not m:
            return FILL
        return self.cmake_source_dir(m.group(1) or '', OBJ_SUFFIX_RE.sub('', m.group(3)))

    def cmake_source_dir(self, bin_prefix, src):
        """Directory of a CMake target source, src being the path CMake
        encoded in the object name (relative to the target's source dir,
        whose place the binary prefix mirrors)."""
        parts = src.split('/')
        if '__' not in parts and os.path.isfile('/' + src) and \
                not os.path.isfile(os.path.join(self.source_dir, bin_prefix, src)):
            # A source outside the source and binary trees: CMake spells its
            # full path without the leading slash.
            full = os.path.dirname('/' + src)
            if is_below(full, self.source_dir):
                return os.path.relpath(full, self.source_dir)
            return full
        parts = ['..' if p == '__' else p for p in parts[:-1]]
        d = os.path.normpath(os.path.join(bin_prefix, *parts))
        if d == '.':
            return '(top)'
        if d == '..' or d.startswith('../'):
            # Left the tree: name it by what remains, marked as outside.
            kept = [p for p in d.split('/') if p != '..']
            return '.../' + '/'.join(kept) if kept else '(outside)'
        return d

    def archive_member(self, archive, member):
        rel = self.in_build(archive)
        if rel is None:
            return system_module(archive)
        adir = os.path.dirname(rel)
        stem = os.path.basename(rel)[:-2]
        target = stem[3:] if stem.startswith('lib') else stem
        base = os.path.join(self.build_dir, adir, 'CMakeFiles')
        for tdir in (glob.escape(target) + '.dir', '*.dir'):
            found = glob.glob(os.path.join(glob.escape(base), tdir, '**', glob.escape(member)),
                              recursive=True)
            if len(found) == 1:
                return self.object(os.path.relpath(found[0], self.build_dir))
            if found:
                break
        # Not found in the build tree (or ambiguous): the archive's place
        # mirrors the source directory that built it.
        return adir or target


def system_module(path):
    """Toolchain objects and archives: libc.a -> libc, libgcc.a -> libgcc."""
    name = os.path.basename(path)
    if name.endswith('.a'):
        return name[:-2]
    if '/gcc/' in path:
        return 'libgcc'
    if 'picolibc' in path or 'newlib' in path:
        return 'libc'
    return FILL


# --- accounting -------------------------------------------------------------

def attribute(sec, pieces, namer):
    """Split a section's bytes between modules. Input sections are clipped to
    the output section and to what earlier ones already covered, so the parts
    sum to exactly sec.size."""
    shares = {}
    covered = sec.addr
    end = sec.addr + sec.size
    for addr, size, obj in sorted(pieces):
        lo, hi = max(addr, covered), min(addr + size, end)
        if hi > lo:
            mod = namer(obj)
            shares[mod] = shares.get(mod, 0) + hi - lo
            covered = hi
    rest = sec.size - sum(shares.values())
    if rest:
        shares[FILL] = shares.get(FILL, 0) + rest
    return shares


def totals(sections, layout):
    tot = dict.fromkeys(layout.columns, 0)
    for sec in sections:
        for col in layout.counts(sec):
            tot[col] += sec.size
    return tot


def berkeley(sections):
    tot = {'text': 0, 'data': 0, 'bss': 0}
    for sec in sections:
        tot[sec.size_class] += sec.size
    return tot


def module_table(sections, pieces, layout, namer):
    table = {}
    for sec in sections:
        cols = layout.counts(sec)
        for mod, nbytes in attribute(sec, pieces.get(sec.name, []), namer).items():
            row = table.setdefault(mod, dict.fromkeys(layout.columns, 0))
            for col in cols:
                row[col] += nbytes
    return {m: r for m, r in table.items() if any(r.values())}


# --- output -----------------------------------------------------------------

def usage_line(label, used, region):
    text = '  %-12s %10d B' % (label + ':', used)
    if region is not None and region.size:
        text += ' of %10d B  %6.2f%%' % (region.size, 100.0 * used / region.size)
    return text


def print_summary(elf, sections, layout, out):
    tot = totals(sections, layout)
    if layout.rom:
        out.write('Memory footprint of %s\n' % elf)
        out.write(usage_line('ROM', tot['ROM'], layout.rom) + '  (code, rodata, data load image)\n')
        out.write(usage_line('RAM', tot['RAM'], layout.ram) + '  (data, bss, noinit, stacks)\n')
    else:
        out.write('Memory footprint of %s (runs from RAM, no ROM)\n' % elf)
        out.write(usage_line('code+rodata', tot['code+rodata'], None) + '\n')
        out.write(usage_line('data+bss', tot['data+bss'], None) + '\n')
        out.write(usage_line('RAM', tot['RAM'], layout.ram) + '\n')
    counted = [s for s in sections if layout.counts(s)]
    for sec in sections:
        if sec not in counted:
            out.write('  note: %s (%d B at 0x%x) lies in no region\n' % (sec.name, sec.size, sec.addr))
    b = berkeley(sections)
    dec = b['text'] + b['data'] + b['bss']
    out.write('   text\t   data\t    bss\t    dec\t    hex\tfilename\n')
    out.write('%7d\t%7d\t%7d\t%7d\t%7x\t%s\n' % (b['text'], b['data'], b['bss'], dec, dec, elf))


def print_rows(title, rows, columns, out, extra_head='', extra=None):
    width = max([len(title), len('total')] + [len(name) for name, _ in rows])
    out.write('%-*s%s' % (width, title, extra_head))
    out.write(''.join('%13s' % c for c in columns) + '\n')
    for name, row in rows:
        out.write('%-*s%s' % (width, name, extra(name) if extra else ''))
        out.write(''.join('%13d' % row[c] for c in columns) + '\n')


def print_modules(sections, pieces, layout, namer, out):
    table = module_table(sections, pieces, layout, namer)
    rows = sorted(table.items(),
                  key=lambda kv: (-sum(kv[1][c] for c in layout.sort_columns), kv[0]))
    tot = totals(sections, layout)
    print_rows('module', rows + [('total', tot)], layout.columns, out)

    out.write('\n')
    by_name = {s.name: s for s in sections}
    srows = []
    for sec in sorted(sections, key=lambda s: (-s.size, s.name)):
        cols = layout.counts(sec)
        srows.append((sec.name, {c: (sec.size if c in cols else 0) for c in layout.columns}))

    def addresses(name):
        if name == 'total':
            return ' ' * 32
        sec = by_name[name]
        if not sec.has_contents:
            # Nothing is loaded for NOBITS, so it has no meaningful LMA.
            return '  0x%08x  %-10s  %-8s' % (sec.addr, '-', 'NOBITS')
        return '  0x%08x  0x%08x  %-8s' % (sec.addr, sec.lma, 'PROGBITS')
    print_rows('section', srows + [('total', tot)], layout.columns, out,
               extra_head='  %-10s  %-10s  %-8s' % ('VMA', 'LMA', 'type'), extra=addresses)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--elf', required=True)
    ap.add_argument('--map', help='GNU ld map file (needed for --modules)')
    ap.add_argument('--rom-base', type=parse_number)
    ap.add_argument('--rom-size', type=parse_number)
    ap.add_argument('--ram-base', type=parse_number)
    ap.add_argument('--ram-size', type=parse_number)
    ap.add_argument('--build-dir', help='directory ld ran in (default: the map file\'s)')
    ap.add_argument('--source-dir', default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help='repository root modules are named against (default: %(default)s)')
    ap.add_argument('--summary', action='store_true', help='print the summary (the default)')
    ap.add_argument('--modules', action='store_true', help='print the per-module and per-section tables')
    args = ap.parse_args(argv)

    if (args.rom_base is None) != (args.rom_size is None):
        ap.error('--rom-base and --rom-size go together')
    if args.ram_size is not None and args.ram_base is None:
        ap.error('--ram-size needs --ram-base')
    if args.modules and not args.map:
        ap.error('--modules needs --map')
    rom = Region('ROM', args.rom_base, args.rom_size) if args.rom_base is not None else None
    ram = Region('RAM', args.ram_base, args.ram_size) if args.ram_base is not None else None
    layout = Layout(rom, ram)

    try:
        sections = read_elf(args.elf)
        pieces = parse_map(args.map) if args.modules else {}
    except (OSError, ValueError, struct.error) as e:
        sys.stderr.write('footprint: error: %s\n' % e)
        return 1

    out = sys.stdout
    if args.summary or not args.modules:
        print_summary(args.elf, sections, layout, out)
    if args.modules:
        if args.summary:
            out.write('\n')
        build_dir = args.build_dir or os.path.dirname(os.path.abspath(args.map))
        print_modules(sections, pieces, layout, ModuleNamer(build_dir, args.source_dir), out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
