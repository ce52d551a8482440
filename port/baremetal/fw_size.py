#!/usr/bin/env python3
"""Size table of the firmware image, per component, from the GNU ld map.

    fw_size.py MAP ELF [SIZE-TOOL]

Counts every input section the linker kept (after --gc-sections) in the
image's allocated output sections, in the columns of `size`: text (code,
read-only data, exception index), data (initialised RAM, also stored in
flash), bss (zeroed RAM). Components are told apart by the archive or object
each section came from; jsmn is compiled into our JSON code, so its
code is found in the DWARF line table (it is mostly inlined). Merged string
sections may be listed overlapping, and GNU ld may list the first input
section of a merged string blob with a size that is not its own (e.g. the
size of another object's strings, running over the sections after it): an
input section counts up to where the next one in the map starts at the
latest, and only bytes past the highest address already counted count.
Ends with `size`'s own total for the ELF as a cross-check.
"""
import re
import subprocess
import sys

SECTION_KIND = {".text": "text", ".ARM.exidx": "text", ".data": "data", ".bss": "bss"}

ROWS = [
    ("ours", "libtradovate (our library)"),
    ("jsmn", "jsmn (inside json_parse)"),
    ("mbedcrypto", "mbedTLS: libmbedcrypto"),
    ("mbedx509", "mbedTLS: libmbedx509"),
    ("mbedtls", "mbedTLS: libmbedtls"),
    ("port", "bare-metal port"),
    ("image", "test image (main, board, startup, CA)"),
    ("libc", "C runtime (newlib-nano, libgcc)"),
    ("other", "alignment and linker padding"),
]

INPUT = re.compile(r"^ ([^\s*]\S*)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
NAME_ONLY = re.compile(r"^ (\S+)$")
CONTINUED = re.compile(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$")
OUTPUT = re.compile(r"^(\.\S+)\s")
FILL = re.compile(r"^ \*fill\*\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)")


def component(section, origin):
    """(component, module) of one input section."""
    del section
    member = re.search(r"([^/]+)\.a\(([^)]+)\)$", origin)
    if member:
        archive, obj = member.groups()
        if archive == "libtradovate":
            return "ours", obj[:-2] if obj.endswith(".o") else obj
        if archive in ("libmbedcrypto", "libmbedx509", "libmbedtls"):
            return archive[3:], None
        if archive == "libtvport":
            return "port", None
        return "libc", None
    if "/tests/firmware/" in origin:
        return "image", None
    return "other", None


def input_sections(map_path):
    """(output section, input section, address, size, origin) of every input
    section and fill the linker placed, in map order (fills: input "*fill*",
    origin None)."""
    in_map = False
    output = None
    pending = None
    with open(map_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("Linker script and memory map"):
                in_map = True
                continue
            if not in_map:
                continue
            out = OUTPUT.match(line)
            if out:
                output = out.group(1)
                pending = None
                continue
            if output is None:
                continue
            fill = FILL.match(line)
            if fill:
                yield output, "*fill*", int(fill.group(1), 16), int(fill.group(2), 16), None
                continue
            m = INPUT.match(line) or (CONTINUED.match(line) if pending else None)
            if m is None:
                n = NAME_ONLY.match(line)
                pending = n.group(1) if n and not n.group(1).startswith("*") else None
                continue
            name = m.group(1) if m.re is INPUT else pending
            addr, size, origin = int(m.group(m.re.groups - 2), 16), int(
                m.group(m.re.groups - 1), 16), m.group(m.re.groups)
            pending = None
            yield output, name, addr, size, origin


def _clamped(map_path):
    """input_sections(), each size cut at the next section's start."""
    entries = list(input_sections(map_path))
    for i, (output, name, addr, size, origin) in enumerate(entries):
        nxt = entries[i + 1] if i + 1 < len(entries) else None
        if nxt is not None and nxt[0] == output and addr <= nxt[2] < addr + size:
            size = nxt[2] - addr
        yield output, name, addr, size, origin


def parse(map_path):
    totals = {}
    modules = {}
    spans = []  # (start, end, module) of our library's code, for jsmn_share()
    current = None
    high = 0

    for output, name, addr, size, origin in _clamped(map_path):
        kind = SECTION_KIND.get(output)
        if kind is None:
            continue
        if output != current:
            current, high = output, 0
        comp, module = ("other", None) if origin is None else component(name, origin)
        new = max(0, addr + size - max(addr, high))
        high = max(high, addr + size)
        for table, key in ((totals, comp), (modules, module)):
            if key:
                table.setdefault(key, {"text": 0, "data": 0, "bss": 0})[kind] += new
        if module and kind == "text" and new:
            spans.append((addr + size - new, addr + size, module))
    return totals, modules, spans


LINE_ROW = re.compile(r"^(\S+)\s+(\d+|-)\s+0x([0-9a-f]+)")


def jsmn_share(elf, readelf, spans):
    """Bytes of our code that came from jsmn.h, per module, from the DWARF line
    table: jsmn is compiled into our JSON parser and mostly inlined there, so
    its functions do not keep names or sections of their own."""
    try:
        dump = subprocess.run([readelf, "--debug-dump=decodedline", elf], check=True,
                              capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    rows = []  # (address, file or None at the end of a sequence)
    for line in dump.splitlines():
        m = LINE_ROW.match(line)
        if m:
            rows.append((int(m.group(3), 16), None if m.group(2) == "-" else m.group(1)))
    share = {}
    spans = sorted(spans)
    for (addr, name), (nxt, _) in zip(rows, rows[1:]):
        if name != "jsmn.h" or nxt <= addr:
            continue
        for start, end, module in spans:
            lo, hi = max(start, addr), min(end, nxt)
            if lo < hi:
                share[module] = share.get(module, 0) + hi - lo
    return share


def fmt(label, row):
    total = row["text"] + row["data"] + row["bss"]
    return "%-40s %9d %7d %7d %9d" % (label, row["text"], row["data"], row["bss"], total)


def main():
    map_path, elf = sys.argv[1], sys.argv[2]
    size_tool = sys.argv[3] if len(sys.argv) > 3 else "arm-none-eabi-size"
    readelf = size_tool[:-len("size")] + "readelf" if size_tool.endswith("size") else "readelf"
    totals, modules, spans = parse(map_path)
    zero = {"text": 0, "data": 0, "bss": 0}
    for module, nbytes in jsmn_share(elf, readelf, spans).items():
        modules[module]["text"] -= nbytes
        totals["ours"]["text"] -= nbytes
        totals.setdefault("jsmn", dict(zero))["text"] += nbytes
    print("Firmware image %s (Cortex-M4, -Os, --gc-sections, newlib-nano), bytes:" % elf)
    print("%-40s %9s %7s %7s %9s" % ("component", "text", "data", "bss", "total"))
    grand = dict(zero)
    for key, label in ROWS:
        row = totals.get(key, zero)
        print(fmt(label, row))
        for k in grand:
            grand[k] += row[k]
        if key == "ours":
            for module in sorted(modules):
                print(fmt("  " + module, modules[module]))
        if key == "mbedtls":
            mbed = {k: sum(totals.get(c, zero)[k] for c in ("mbedcrypto", "mbedx509", "mbedtls"))
                    for k in zero}
            print(fmt("mbedTLS total", mbed))
    print(fmt("sum of the above", grand))
    print("whole image, as %s reports it:" % size_tool)
    sys.stdout.write(subprocess.run([size_tool, elf], check=True, capture_output=True,
                                    text=True).stdout)


if __name__ == "__main__":
    main()
