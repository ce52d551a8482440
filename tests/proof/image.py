"""The linked firmware image as a graph of what refers to what.

Shared by check_alloc.py and stack.py. From the ELF (a small ELF32 reader,
no third-party module) and the GNU ld map:

  - nodes: every function and data object the linker kept (symbols with a
    size), with the object file each came from (the map's input sections)
    and, for static ones, their source file (the ELF's STT_FILE entries);
  - calls: the direct branches (bl, b.w, ...) objdump disassembles, from one
    node to the start of another, and every `blx`/`bx` through a register
    (an indirect call) per node;
  - references: every aligned word in a data object or in a literal pool
    (the `$d` ranges of code) whose value is the address of a kept function
    (Thumb: address + 1) or points into a kept data object. Function pointer
    tables and callbacks show up here.

Calls and references together are the conservative "reaches" relation: a
symbol the image keeps and no path of them leads to from a given node cannot
be reached from that node.
"""

import bisect
import collections
import os
import re
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "port",
                                "baremetal"))
import fw_size  # noqa: E402  (the map parser and the component of each input)

SHF_ALLOC, SHF_EXECINSTR = 0x2, 0x4
SHT_PROGBITS, SHT_SYMTAB = 1, 2
STT_OBJECT, STT_FUNC, STT_FILE = 1, 2, 4

# Components (fw_size.component) that are our code: the library (jsmn is
# compiled into its JSON objects) and the port.
OURS = ("ours", "jsmn", "port")


class Node:
    __slots__ = ("addr", "size", "name", "names", "func", "file", "origin", "component")

    def __init__(self, addr, size, name, func, file):
        self.addr, self.size, self.name, self.func, self.file = addr, size, name, func, file
        self.names = [name]
        self.origin = None
        self.component = "other"

    @property
    def ours(self):
        return self.component in OURS

    @property
    def source(self):
        """The C file it was compiled from (x.c for x.o), as far as the map tells."""
        m = re.search(r"([^/(]+)\.o\)?$", self.origin or "")
        return m.group(1) + ".c" if m else None

    def label(self):
        where = self.origin or "?"
        member = re.search(r"([^/(]+)\.a\(([^)]+)\)$", where)
        where = "%s(%s)" % member.groups() if member else os.path.basename(where)
        return "%s [%s]" % (self.name, where)


def _read_elf(path):
    """(bytes, sections, symbols): sections as dicts; symbols as (name, value, size, type,
    bind, shndx) in table order (STT_FILE entries included)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 1:
        raise SystemExit("%s: not a little-endian ELF32 file" % path)
    shoff, = struct.unpack_from("<I", data, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x2E)
    sections = []
    for i in range(shnum):
        (name, stype, flags, addr, offset, size, link, _info, _align,
         entsize) = struct.unpack_from("<10I", data, shoff + i * shentsize)
        sections.append(dict(name=name, type=stype, flags=flags, addr=addr, offset=offset,
                             size=size, link=link, entsize=entsize))

    def cstr(table, off):
        start = sections[table]["offset"] + off
        return data[start:data.index(b"\0", start)].decode("latin-1")

    for s in sections:
        s["name"] = cstr(shstrndx, s["name"])
    symbols = []
    for s in sections:
        if s["type"] != SHT_SYMTAB:
            continue
        for off in range(s["offset"], s["offset"] + s["size"], 16):
            name, value, size, info, _other, shndx = struct.unpack_from("<IIIBBH", data, off)
            symbols.append((cstr(s["link"], name), value, size, info & 0xF, info >> 4, shndx))
    return data, sections, symbols


class Image:
    def __init__(self, elf, map_path, objdump="arm-none-eabi-objdump"):
        self.elf = elf
        self.data, self.sections, symbols = _read_elf(elf)
        self.nodes = {}  # address -> Node
        self.by_name = collections.defaultdict(list)  # name -> [Node]
        mapping = self._symbols(symbols)
        self.starts = sorted(self.nodes)
        self._origins(map_path)
        self.calls = collections.defaultdict(set)  # addr -> {addr}
        self.indirect = collections.defaultdict(list)  # addr -> [instruction address]
        self.sp_bytes = collections.Counter()  # addr -> bytes its pushes and sp subtractions take
        self.sp_dynamic = set()  # addrs that move sp by a register amount
        self.refs = collections.defaultdict(set)  # addr -> {addr}
        self._disassemble(objdump)
        self._scan_words(mapping)

    def _symbols(self, symbols):
        """Makes the nodes; returns the mapping symbols ($t code, $d data) per section."""
        mapping = collections.defaultdict(list)  # section index -> [(addr, '$t' or '$d')]
        starts_in = collections.defaultdict(set)  # section index -> symbol addresses
        unsized = []  # functions written in assembly without .size (memchr, __aeabi_ldivmod)
        source = None
        for name, value, size, stype, bind, shndx in symbols:
            if stype == STT_FILE:
                source = name
                continue
            if shndx == 0 or shndx >= len(self.sections):
                continue
            if name in ("$t", "$d", "$a") or name.startswith(("$t.", "$d.", "$a.")):
                mapping[shndx].append((value & ~1, name[:2]))
                continue
            if stype not in (STT_FUNC, STT_OBJECT):
                continue
            starts_in[shndx].add(value & ~1)
            if size == 0:
                if stype == STT_FUNC:
                    unsized.append((name, value, bind, shndx, source))
                continue
            self._add(name, value & ~1 if stype == STT_FUNC else value, size,
                      stype == STT_FUNC, source if bind == 0 else None)
        for name, value, bind, shndx, source in unsized:
            # Such a function runs until the next symbol (or the section's end).
            addr, sec = value & ~1, self.sections[shndx]
            end = min([a for a in starts_in[shndx] if a > addr] + [sec["addr"] + sec["size"]])
            self._add(name, addr, end - addr, True, source if bind == 0 else None)
        return mapping

    def _add(self, name, addr, size, func, file):
        """A node for a symbol; a second name at the same address is an alias (the global
        one names the node)."""
        node = self.nodes.get(addr)
        if node is None or node.func != func:
            node = Node(addr, size, name, func, file)
            self.nodes[addr] = node
        elif name not in node.names:
            node.names.append(name)
            if file is None:
                node.name, node.file = name, None
        self.by_name[name].append(node)

    # ---- lookup ---------------------------------------------------------

    def containing(self, addr):
        """The node whose bytes hold addr, or None."""
        i = bisect.bisect_right(self.starts, addr) - 1
        if i >= 0:
            node = self.nodes[self.starts[i]]
            if node.addr <= addr < node.addr + node.size:
                return node
        return None

    def find(self, name, source=None):
        """Nodes called `name` (compiled from `source`, a base name, if given)."""
        return [n for n in self.by_name.get(name, ()) if source is None or n.source == source]

    def functions(self):
        return (n for n in self.nodes.values() if n.func)

    # ---- building -------------------------------------------------------

    def _origins(self, map_path):
        spans = sorted((addr, size, name, origin)
                       for out, name, addr, size, origin in fw_size.input_sections(map_path)
                       if origin is not None and size > 0 and out in fw_size.SECTION_KIND)
        starts = [s[0] for s in spans]
        for node in self.nodes.values():
            # The last input section starting at or before the node holds it
            # (merged string sections may overlap: look a few further back).
            i = bisect.bisect_right(starts, node.addr) - 1
            for j in range(i, max(i - 8, -1), -1):
                if spans[j][0] <= node.addr < spans[j][0] + spans[j][1]:
                    node.origin = spans[j][3]
                    node.component = fw_size.component(spans[j][2], node.origin)[0]
                    break

    _FUNC = re.compile(r"^([0-9a-f]+) <([^>]+)>:$")
    _INSN = re.compile(r"^\s+([0-9a-f]+):\s+(\S+)\s*(.*)$")
    _TARGET = re.compile(r"^([0-9a-f]+) <[^>]+>")
    _INDIRECT = re.compile(r"^(blx|bx)(\.n|\.w)?$")

    def _disassemble(self, objdump):
        out = subprocess.run([objdump, "-d", "--no-show-raw-insn", self.elf], check=True,
                             capture_output=True, text=True).stdout
        current = None
        last = {}  # addr -> (mnemonic, operands) of the node's last instruction
        for line in out.splitlines():
            m = self._FUNC.match(line)
            if m:
                current = self.containing(int(m.group(1), 16))
                continue
            m = self._INSN.match(line)
            if m is None or current is None:
                continue
            addr, mnemonic, operands = int(m.group(1), 16), m.group(2), m.group(3)
            if mnemonic.startswith(".") or mnemonic.startswith("nop"):
                continue  # a literal pool's data, or the padding before it
            last[current.addr] = (mnemonic, operands)
            self._stack_effect(current, mnemonic, operands)
            if not mnemonic.startswith(("b", "cb")) or mnemonic.startswith("bic"):
                continue
            if self._INDIRECT.match(mnemonic) and operands.split(";")[0].strip() != "lr":
                self.indirect[current.addr].append(addr)
                continue
            t = self._TARGET.match(operands.split(",")[-1].strip())
            if t:
                target = self.containing(int(t.group(1), 16))
                if target is not None and target is not current:
                    self.calls[current.addr].add(target.addr)
        # Hand-written entry points may run on into the next function (libgcc's
        # __aeabi_drsub into __aeabi_dadd): that is a call too.
        for a, (mnemonic, operands) in last.items():
            node = self.nodes[a]
            nxt = self.nodes.get(node.addr + node.size)
            if nxt is not None and nxt.func and not self._ends(mnemonic, operands):
                self.calls[a].add(nxt.addr)

    @staticmethod
    def _ends(mnemonic, operands):
        """Whether a function's last instruction never lets execution run on to the next
        function (a call there is to a function that does not return, such as exit)."""
        m = mnemonic.split(".")[0]
        if m in ("b", "bx", "bl", "blx", "udf", "bkpt"):
            return True
        if m in ("pop", "ldmia", "ldmfd"):
            return "pc" in operands
        return m.startswith("ldr") and operands.startswith("pc")

    _REGS = re.compile(r"\{([^}]*)\}")
    _SUB_SP = re.compile(r"^sp,\s*(?:sp,\s*)?#(\d+)")
    _PRE_SP = re.compile(r"\[sp, #-(\d+)\]!")

    def _stack_effect(self, node, mnemonic, operands):
        """Adds what an instruction reserves on the stack to the node's total:
        push/stmdb sp! (4 bytes a register), vpush (4 or 8 a register), a store
        that pre-decrements sp (str/strd [sp, #-N]!, in libgcc's assembly), sub sp
        by a constant; sp moved by a register amount marks the node dynamic.
        Summed over the whole function, which overstates a function that
        pushes on two exclusive paths: an upper bound, as wanted."""
        m = mnemonic.split(".")[0]
        if m in ("push", "vpush") or (m == "stmdb" and operands.startswith("sp!")):
            regs = self._REGS.search(operands)
            count = 0
            for part in (regs.group(1).split(",") if regs else ()):
                lo, _, hi = part.strip().partition("-")
                count += int(hi[1:]) - int(lo[1:]) + 1 if hi else 1
            self.sp_bytes[node.addr] += count * (8 if m == "vpush" and "d" in operands else 4)
        elif m.startswith("str") and self._PRE_SP.search(operands):
            self.sp_bytes[node.addr] += int(self._PRE_SP.search(operands).group(1))
        elif m in ("sub", "subw") and operands.startswith("sp"):
            k = self._SUB_SP.match(operands)
            if k:
                self.sp_bytes[node.addr] += int(k.group(1))
            else:
                self.sp_dynamic.add(node.addr)

    def _scan_words(self, mapping):
        for index, s in enumerate(self.sections):
            if not (s["flags"] & SHF_ALLOC) or s["type"] != SHT_PROGBITS or s["size"] == 0:
                continue
            if s["flags"] & SHF_EXECINSTR:
                marks = sorted(mapping.get(index, ()))
                ranges = [(a, marks[i + 1][0] if i + 1 < len(marks) else s["addr"] + s["size"])
                          for i, (a, kind) in enumerate(marks) if kind == "$d"]
            else:
                ranges = [(s["addr"], s["addr"] + s["size"])]
            for lo, hi in ranges:
                for addr in range((lo + 3) & ~3, hi - 3, 4):
                    value, = struct.unpack_from("<I", self.data, s["offset"] + addr - s["addr"])
                    target = self._pointee(value)
                    if target is None:
                        continue
                    holder = self.containing(addr)
                    if holder is not None and holder is not target:
                        self.refs[holder.addr].add(target.addr)

    def _pointee(self, value):
        """The node a word points to, if any. The object at address 0 (the
        vector table, on images whose flash starts there) is never taken for
        a pointee: NULL and small numbers would all point into it, and only
        the hardware reads it."""
        if value & 1:
            node = self.nodes.get(value & ~1)
            if node is not None and node.func:
                return node
        node = self.containing(value)
        return node if node is not None and not node.func and node.addr != 0 else None

    # ---- reachability ---------------------------------------------------

    def successors(self, addr):
        return self.calls.get(addr, set()) | self.refs.get(addr, set())

    def reach(self, roots):
        """{addr: parent addr (None for roots)} of everything reachable from roots."""
        parent = {r: None for r in roots}
        queue = collections.deque(roots)
        while queue:
            a = queue.popleft()
            for b in self.successors(a):
                if b not in parent:
                    parent[b] = a
                    queue.append(b)
        return parent

    def path(self, parent, addr):
        chain = []
        while addr is not None:
            chain.append(self.nodes[addr])
            addr = parent[addr]
        return chain[::-1]
