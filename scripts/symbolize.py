#!/usr/bin/env python3
"""Console filter that names the code behind addresses.

Reads the target's console output on stdin and copies it to stdout. Every
hexadecimal number "0x..." that lies inside an executable section of the ELF
gets " [<function> <file>:<line>]" appended to the end of its line, one
bracket per address, in the order they appear. The kernel's fault report
(DESIGN.md section 6) prints "mepc: 0x80000123", "ra: 0x80000456" and the
other registers this way; `./vireo run` puts this filter behind QEMU.

It sits in an interactive pipe, so nothing is held back waiting for a newline:
bytes are written as soon as they arrive and the brackets follow when the line
ends. The one exception is a carriage return at the end of a chunk, held for
a moment because a "\\n" usually follows and the bracket has to go before the
"\\r\\n" pair. Bytes that are not UTF-8 pass through untouched: the filter
works on bytes and only ever decodes the ASCII digits it matched.

Addresses are resolved by one long-running `addr2line -f -e ELF` child fed
through a pipe (addr2line flushes after each answer when reading stdin).
Without the ELF or the tool the filter still copies its input, after a single
warning on stderr.

Usage: symbolize.py --elf vireo.elf [--addr2line TOOL] [--strip-prefix DIR]
"""

import argparse
import os
import re
import select
import shutil
import struct
import subprocess
import sys

SHF_ALLOC = 0x2
SHF_EXECINSTR = 0x4
SHN_XINDEX = 0xFFFF

# How long a chunk-final "\r" waits for its "\n" before it is written anyway.
CR_HOLD_SECONDS = 0.1

# A 0x number not glued to a preceding identifier character ("ab0x12" is not
# an address) and ending at the last hex digit.
HEX_RE = re.compile(rb'(?<![0-9A-Za-z_])0[xX]([0-9a-fA-F]+)(?![0-9A-Za-z_])')

DISCRIMINATOR_RE = re.compile(r'\s+\(discriminator \d+\)$')


def warn(msg):
    sys.stderr.write('symbolize: warning: %s\n' % msg)
    sys.stderr.flush()


def exec_ranges(path):
    """Return sorted (start, end) ranges of the ELF's allocated executable
    sections. Raises OSError or ValueError for an unreadable or foreign file."""
    with open(path, 'rb') as f:
        data = f.read()
    if len(data) < 52 or data[:4] != b'\x7fELF':
        raise ValueError('%s is not an ELF file' % path)
    if data[5] != 1:
        raise ValueError('%s is not little-endian' % path)
    if data[4] == 1:
        hdr, shdr = '<HHIIIIIHHHHHH', '<IIIIIIIIII'
    elif data[4] == 2:
        hdr, shdr = '<HHIQQQIHHHHHH', '<IIQQQQIIQQ'
    else:
        raise ValueError('%s has an unknown ELF class' % path)
    fields = struct.unpack_from(hdr, data, 16)
    shoff, shentsize, shnum = fields[5], fields[10], fields[11]
    if shoff == 0:
        return []
    if shnum == 0:
        # Extended numbering: the real count is in section 0's sh_size.
        shnum = struct.unpack_from(shdr, data, shoff)[5]
    ranges = []
    for i in range(shnum):
        sh = struct.unpack_from(shdr, data, shoff + i * shentsize)
        flags, addr, size = sh[2], sh[3], sh[5]
        if flags & SHF_ALLOC and flags & SHF_EXECINSTR and size:
            ranges.append((addr, addr + size))
    return sorted(ranges)


def shorten(path, strip_prefix):
    """Make a source path short: drop strip_prefix, else go relative to the
    current directory when the file lies below it."""
    if strip_prefix:
        prefix = strip_prefix.rstrip('/') + '/'
        if path.startswith(prefix):
            return path[len(prefix):]
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if rel != '..' and not rel.startswith('../'):
            return rel
    return path


class Addr2line:
    """One addr2line child answering two lines (function, file:line) per
    address written to it; answers are cached per address."""

    def __init__(self, tool, elf):
        # A session of its own keeps a Ctrl-C meant for QEMU from killing
        # the child; it exits when our end of its stdin closes.
        self.proc = subprocess.Popen([tool, '-f', '-e', elf],
                                     stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     start_new_session=True)
        self.cache = {}

    def lookup(self, addr):
        """Return (function, file, line) with '??' for unknowns."""
        if addr not in self.cache:
            self.proc.stdin.write(b'0x%x\n' % addr)
            self.proc.stdin.flush()
            func = self.proc.stdout.readline()
            loc = self.proc.stdout.readline()
            if not loc.endswith(b'\n'):
                raise OSError('addr2line stopped answering')
            func = func.decode('utf-8', 'replace').strip()
            loc = DISCRIMINATOR_RE.sub('', loc.decode('utf-8', 'replace').strip())
            file, _, line = loc.rpartition(':')
            self.cache[addr] = (func or '??', file or '??', line or '?')
        return self.cache[addr]

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


class Annotator:
    """Turns the text of one line into the brackets to append to it."""

    def __init__(self, ranges, resolver, strip_prefix):
        self.ranges = ranges
        self.resolver = resolver
        self.strip_prefix = strip_prefix

    def is_code(self, addr):
        return any(start <= addr < end for start, end in self.ranges)

    def brackets(self, line):
        if self.resolver is None:
            return b''
        out = []
        for m in HEX_RE.finditer(line):
            addr = int(m.group(1), 16)
            if not self.is_code(addr):
                continue
            try:
                func, file, lineno = self.resolver.lookup(addr)
            except (OSError, ValueError) as e:
                warn('addr2line failed (%s); passing lines through' % e)
                self.resolver = None
                return b''
            if func == '??' and file == '??':
                continue
            if file == '??' or lineno in ('0', '?'):
                out.append(' [%s]' % func)
            else:
                out.append(' [%s %s:%s]' % (func, shorten(file, self.strip_prefix), lineno))
        return ''.join(out).encode('utf-8', 'replace')


def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


class LineFilter:
    """Copies bytes from infd to outfd at once, appending the brackets for a
    line just before its line ending.

    Invariant: line[:sent] has been written, line[sent:] has not; line never
    contains b'\\n'."""

    def __init__(self, annotator, outfd):
        self.annotator = annotator
        self.outfd = outfd
        self.line = bytearray()
        self.sent = 0

    def holding_cr(self):
        return self.sent == len(self.line) - 1 and self.line.endswith(b'\r')

    def flush_held_cr(self):
        write_all(self.outfd, self.line[self.sent:])
        self.sent = len(self.line)

    def end_line(self, ending):
        body = len(self.line)
        if self.line.endswith(b'\r') and self.sent < body:
            body -= 1
            ending = b'\r' + ending
        out = self.line[self.sent:body]
        out += self.annotator.brackets(bytes(self.line[:body]))
        write_all(self.outfd, out + ending)
        self.line = bytearray()
        self.sent = 0

    def feed(self, chunk):
        start = 0
        while True:
            nl = chunk.find(b'\n', start)
            if nl < 0:
                break
            self.line += chunk[start:nl]
            self.end_line(b'\n')
            start = nl + 1
        self.line += chunk[start:]
        # Pass the partial line on now (a shell prompt has no newline), all
        # but a trailing '\r' whose '\n' is probably in the next chunk.
        end = len(self.line) - (1 if self.line.endswith(b'\r') else 0)
        if end > self.sent:
            write_all(self.outfd, self.line[self.sent:end])
            self.sent = end

    def finish(self):
        if self.line:
            self.end_line(b'')


def pump(infd, line_filter):
    while True:
        if line_filter.holding_cr():
            ready, _, _ = select.select([infd], [], [], CR_HOLD_SECONDS)
            if not ready:
                line_filter.flush_held_cr()
                continue
        chunk = os.read(infd, 65536)
        if not chunk:
            break
        line_filter.feed(chunk)
    line_filter.finish()


def make_resolver(elf, tool):
    """Return (ranges, resolver) or ([], None) after one warning."""
    try:
        ranges = exec_ranges(elf)
    except (OSError, ValueError, struct.error) as e:
        warn('cannot read %s (%s); passing lines through' % (elf, e))
        return [], None
    path = shutil.which(tool)
    if path is None:
        warn('%s not found (Debian package binutils-riscv64-unknown-elf); '
             'passing lines through' % tool)
        return [], None
    try:
        return ranges, Addr2line(path, elf)
    except OSError as e:
        warn('cannot start %s (%s); passing lines through' % (tool, e))
        return [], None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--elf', required=True, help='the ELF image the console belongs to')
    ap.add_argument('--addr2line', default='riscv64-unknown-elf-addr2line',
                    help='addr2line to use (default: %(default)s)')
    ap.add_argument('--strip-prefix', default=None,
                    help='remove this directory from source paths '
                         '(default: make them relative to the current directory)')
    args = ap.parse_args(argv)

    ranges, resolver = make_resolver(args.elf, args.addr2line)
    annotator = Annotator(ranges, resolver, args.strip_prefix)
    try:
        pump(sys.stdin.fileno(), LineFilter(annotator, sys.stdout.fileno()))
    except BrokenPipeError:
        # The reader went away; nothing left to do but leave quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    finally:
        if annotator.resolver is not None:
            annotator.resolver.close()
    return 0


if __name__ == '__main__':
    sys.exit(main())
