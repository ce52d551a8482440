#!/usr/bin/env python3
"""make check-alloc: no heap, no strtod, no printf in the firmware image.

    check_alloc.py ELF MAP [--tools PREFIX]

ELF is the Cortex-M4 image linked with every public tv_* function kept
(proof.mk), MAP its GNU ld map. Forbidden: malloc, calloc, realloc, free and
their aligned variants, _sbrk, strtod (strtof, atof, ...), any printf-family
function, and newlib's reentrant forms of all of them (_malloc_r, _sbrk_r,
_svfprintf_r, ...).

Two views, both printed:

  1. The image: which forbidden functions the linker kept (after
     --gc-sections), and for each the chain of calls and references
     (image.py) that reaches it. One reachable from our objects (src/,
     port/; jsmn is compiled into them) fails the check. One that only the
     test image's own code (tests/firmware) reaches is reported and does not
     fail: it is the integrator's choice, not the library's.
  2. The link: archive members the linker pulled in for a forbidden symbol
     ("archive member included to satisfy reference by file (symbol)"),
     which object asked for it and from which of its functions. When the
     symbol is not in the image, --gc-sections dropped the functions that
     referred to it: nothing can reach it. Reported, never a failure.

Exit status 1 when the check fails, 2 on bad input.
"""
import argparse
import collections
import re
import subprocess
import sys

import image

HEAP = {"malloc", "calloc", "realloc", "free", "reallocarray", "memalign", "aligned_alloc",
        "posix_memalign", "valloc", "pvalloc", "sbrk"}
STRTOD = {"strtod", "strtof", "strtold", "atof", "strtod_l"}


def forbidden(name):
    base = name.lstrip("_")
    if base.endswith("_r"):
        base = base[:-2]
    return base in HEAP or base in STRTOD or "printf" in name


def archive_members(map_path):
    """[(member, referrer, symbol)] of the map's first section."""
    out = []
    pending = None
    entry = re.compile(r"^\s+(\S.*) \((\S+)\)$")
    with open(map_path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(("Discarded input sections", "Memory Configuration")):
                break
            if line and not line[0].isspace():
                pending = line.strip() if "(" in line else None
                continue
            m = entry.match(line)
            if m and pending:
                out.append((pending, m.group(1), m.group(2)))
                pending = None
    return out


def referring_functions(readelf, referrer, symbol):
    """The functions (sections .text.NAME) of an archive member or object that
    refer to symbol, from its relocations."""
    m = re.match(r"^(.*\.a)\(([^)]+)\)$", referrer)
    path, member = (m.group(1), m.group(2)) if m else (referrer, None)
    out = subprocess.run([readelf, "-rW", path], capture_output=True, text=True).stdout
    names, in_member, section = set(), member is None, None
    for line in out.splitlines():
        if line.startswith("File: "):
            in_member = member is None or line.endswith("(%s)" % member)
            continue
        sec = re.match(r"^Relocation section '\.rel\.text\.([^']+)'", line)
        if sec or line.startswith("Relocation section"):
            section = sec.group(1) if sec else None
            continue
        if in_member and section and re.search(r"\s%s(\s|$)" % re.escape(symbol), line):
            names.add(section)
    return sorted(names)


def referrers(img, addr):
    """A chain of references that ends in addr and starts at something nothing refers to
    (a root of the link: the vector table, an entry point), or [addr] alone."""
    preds = collections.defaultdict(set)
    for a in img.nodes:
        for b in img.successors(a):
            preds[b].add(a)
    parent = {addr: None}
    queue = collections.deque([addr])
    while queue:
        a = queue.popleft()
        if not preds[a] and a != addr:
            chain = []
            while a is not None:
                chain.append(img.nodes[a])
                a = parent[a]
            return chain
        for p in sorted(preds[a]):
            if p not in parent:
                parent[p] = a
                queue.append(p)
    return [img.nodes[addr]]


def short(path):
    m = re.search(r"([^/]+\.a)\(([^)]+)\)$", path)
    return "%s(%s)" % m.groups() if m else path.split("/")[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("elf")
    ap.add_argument("map")
    ap.add_argument("--tools", default="arm-none-eabi-", help="binutils prefix")
    args = ap.parse_args()
    try:
        img = image.Image(args.elf, args.map, args.tools + "objdump")
    except (OSError, subprocess.CalledProcessError) as e:
        print("check-alloc: %s" % e, file=sys.stderr)
        return 2

    print("check-alloc: %s" % args.elf)
    print("  forbidden: malloc/calloc/realloc/free (and aligned forms), _sbrk, strtod/atof,")
    print("  the printf family, and newlib's _r forms of all of them")
    ours = [n.addr for n in img.functions() if n.ours]
    if not ours:
        print("check-alloc: no function of ours in the image: wrong input?", file=sys.stderr)
        return 2
    from_ours = img.reach(ours)
    failed = False
    linked = [n for n in img.nodes.values() if any(forbidden(x) for x in n.names)]
    print("  in the image (%d functions of ours among %d symbols kept): %s" % (
        len(ours), len(img.nodes), "none" if not linked else len(linked)))
    for node in sorted(linked, key=lambda n: n.name):
        if node.addr in from_ours:
            failed = True
            chain = img.path(from_ours, node.addr)
            print("    FAIL %s, reachable from our code:" % node.label())
        else:
            chain = referrers(img, node.addr)
            print("    %s, not reachable from our code; %s" % (
                node.label(), "kept for:" if len(chain) > 1 else
                "nothing refers to it (it shares an input section with what is kept)"))
        if len(chain) > 1:
            print("      " + " -> ".join(n.label() for n in chain))

    members = [(m, r, s) for m, r, s in archive_members(args.map) if forbidden(s)]
    if members:
        print("  pulled into the link for a forbidden symbol (object level):")
    by_referrer = collections.defaultdict(list)
    for member, referrer, symbol in members:
        by_referrer[(referrer, symbol)].append(member)
    for (referrer, symbol), got in sorted(by_referrer.items()):
        kept = bool(img.find(symbol))
        users = referring_functions(args.tools + "readelf", referrer, symbol)
        print("    %s for %s, asked by %s%s: %s" % (
            ", ".join(short(m) for m in got), symbol, short(referrer),
            " in " + ", ".join(users) if users else "",
            "in the image (see above)" if kept else "not in the image (dropped by --gc-sections)"))
    print("check-alloc: %s" % ("FAILED" if failed else "OK: nothing forbidden is reachable "
                                                     "from our objects"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
