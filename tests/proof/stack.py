#!/usr/bin/env python3
"""Worst-case stack depth of every public entry point on the Cortex-M4.

    stack.py --elf ELF --map MAP --entries FILE --edges FILE --budget BYTES CI-DIR...

Frames and calls come from GCC's -fcallgraph-info=su files (.ci, written
next to each object of the firmware build, ours and mbedTLS's): each
function's frame in bytes and the calls it makes, direct ones by name and
indirect ones marked at their source line. The linked image (image.py) adds
what GCC's graph leaves out, calls it emits itself (memcpy for a structure
copy, __aeabi_uldivmod for a 64-bit division), and gives the frames of the
C library's functions, which have no .ci, from their prologues. Only what
the image keeps counts.

Every indirect call must be resolved in the edges file (stack-edges.txt):
the functions it can reach, or `caller` for a function the application
supplies, or `none` for a pointer our configuration never sets. Recursion
must be bounded there too: a `recursion` line caps how many activations of a
function one path may hold, and every cycle of the graph must pass through
such a function. Unresolved indirect calls, unbounded cycles, functions of
ours without a call graph and frames of dynamic size are errors.

For each entry point two worst paths are computed: "ours", the most bytes of
our own frames (src/ and port/, jsmn included) that any path stacks up, which
must stay within the budget; and "total", the deepest path counting every
frame (mbedTLS, newlib, the board's driver functions) but not the
application's callbacks. Prints a table, the deepest paths, and mbedTLS's
handshake (tv_tls_connect) on its own; exits 1 when an entry point's own
frames exceed the budget, 2 on an error in the inputs.
"""
import argparse
import collections
import fnmatch
import glob
import os
import re
import sys

import image

CI_NODE = re.compile(r'^node: \{ title: "([^"]+)" label: "([^"]*)"( shape : ellipse)? \}')
CI_EDGE = re.compile(r'^edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)" label: "([^"]*)" \}')
FRAME = re.compile(r"^(\d+) bytes \((static|dynamic|dynamic,bounded)\)$")
CALLER = "(caller)"  # the pseudo-node of an application callback
CALLBACK_WEIGHT = 1 << 30  # makes the deepest path be one that reaches CALLER
MBEDTLS = ("mbedcrypto", "mbedx509", "mbedtls")


class InputError(Exception):
    pass


# ---------------------------------------------------------------- inputs --

def load_ci(dirs):
    """{(source, name): (frame, qualifier, [callee key], [indirect call site])}; a callee key
    is (source, name) for a static function, (None, name) for a global one."""
    funcs = {}
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "**", "*.ci"), recursive=True)):
            source, defined, edges = None, {}, []
            with open(path, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("graph: { title:"):
                        source = os.path.basename(line.split('"')[1])
                        continue
                    m = CI_NODE.match(line)
                    if m and not m.group(3):
                        label = m.group(2).split("\\n")
                        frame = FRAME.match(label[2]) if len(label) > 2 else None
                        if frame is None:
                            raise InputError("%s: no frame size for %s" % (path, m.group(1)))
                        defined[m.group(1)] = (int(frame.group(1)), frame.group(2))
                        continue
                    m = CI_EDGE.match(line)
                    if m:
                        edges.append(m.groups())

            def key(title):
                if ":" in title:
                    file, name = title.rsplit(":", 1)
                    return os.path.basename(file), name
                return (source if title in defined else None), title

            for title, (frame, qual) in defined.items():
                funcs[key(title)] = (frame, qual, [], [])
            for src, dst, where in edges:
                entry = funcs[key(src)]
                if dst == "__indirect_call":
                    entry[3].append(where)
                else:
                    entry[2].append(key(dst))
    return funcs


def parse_edges(path):
    """([(caller spec, [target spec], line)], {function spec: bound})."""
    indirect, bounds = [], {}
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            kind, _, rest = line.partition(" ")
            head, sep, tail = rest.partition(":")
            if sep and re.match(r"^\S+\.c$", head.strip()):
                # "kind file.c:function: ...": the function is file-qualified
                fn, sep, tail = tail.partition(":")
                head = head.strip() + ":" + fn.strip()
            if not sep or kind not in ("indirect", "recursion"):
                raise InputError("%s:%d: expected 'indirect CALLER: TARGETS' or "
                                 "'recursion FUNCTION: N'" % (path, number))
            if kind == "indirect":
                indirect.append((head.strip(), tail.split(), number))
            else:
                bounds[head.strip()] = tail.strip()
    return indirect, bounds


# ----------------------------------------------------------------- graph --

class Graph:
    def __init__(self, img, ci, edges_path, schema_depth):
        self.img = img
        self.frame = {}  # addr -> bytes
        self.callees = collections.defaultdict(set)  # addr -> {addr or CALLER}
        self.errors = []
        self.warnings = []
        self.unresolved = {}  # addr -> [call sites]
        self.in_cycle = None  # addrs on a cycle, once worst() needs them
        self._from_ci(ci)
        indirect, bounds = parse_edges(edges_path)
        self._resolve(indirect)
        self.bound = {}
        for spec, n in bounds.items():
            if n == "schema-depth":
                n = schema_depth
            elif not n.isdigit():
                raise InputError("%s: recursion %s: a number or schema-depth" % (edges_path, spec))
            n = int(n)
            nodes = self.match(spec)
            if not nodes:
                self.warnings.append("recursion %s: not in the image" % spec)
            for node in nodes:
                self.bound[node.addr] = n

    def match(self, spec):
        """Functions of the image a spec names: NAME or FILE.c:NAME, NAME a glob."""
        source, _, name = spec.rpartition(":")
        return [n for n in self.img.functions()
                if fnmatch.fnmatchcase(n.name, name) and (not source or n.source == source)]

    def _node_of(self, key):
        source, name = key
        found = self.img.find(name, source) if source else \
            [n for n in self.img.find(name) if n.file is None]
        return found[0] if found else None

    def _from_ci(self, ci):
        seen = set()
        for key, (frame, qual, callees, sites) in ci.items():
            node = self._node_of(key)
            if node is None:
                continue  # not in the image (--gc-sections dropped it)
            seen.add(node.addr)
            if qual == "dynamic":
                self.errors.append("%s: frame of dynamic size (alloca or a VLA)" % node.label())
            self.frame[node.addr] = frame
            for c in callees:
                target = self._node_of(c)
                if target is not None:
                    self.callees[node.addr].add(target.addr)
            if sites:
                self.unresolved[node.addr] = sites
            elif self.img.indirect.get(node.addr):
                self.errors.append("%s: an indirect branch in the image that its call graph "
                                   "does not show" % node.label())
        missing = []  # functions of ours without a .ci
        for node in self.img.functions():
            a = node.addr
            self.callees[a] |= self.img.calls.get(a, set())  # what GCC's graph leaves out
            if a in seen:
                continue
            if node.ours:
                missing.append(node.label())
            self.frame[a] = self.img.sp_bytes[a]
            if a in self.img.sp_dynamic:
                self.errors.append("%s: moves sp by a register amount" % node.label())
            if self.img.indirect.get(a):
                self.unresolved[a] = ["0x%x" % x for x in self.img.indirect[a]]
        if missing:
            self.errors.append("no call graph (.ci) for %d functions of ours, e.g. %s: objects "
                               "built before -fcallgraph-info was added? remove the firmware "
                               "build directory and make again" % (len(missing), missing[0]))

    def _resolve(self, indirect):
        """Adds the edges of the file's `indirect` lines, to the functions they name that
        do call through a pointer (a glob may name others too)."""
        calling = set(self.unresolved)
        for caller_spec, targets, number in indirect:
            callers = [c for c in self.match(caller_spec) if c.addr in calling]
            if not callers:
                self.warnings.append("stack-edges line %d: %s makes no indirect call in the "
                                     "image" % (number, caller_spec))
            resolved = set()
            for t in targets:
                if t == "caller":
                    resolved.add(CALLER)
                elif t != "none":
                    nodes = self.match(t)
                    if not nodes:
                        self.warnings.append("stack-edges line %d: target %s is not in the "
                                             "image" % (number, t))
                    resolved |= {n.addr for n in nodes}
            for c in callers:
                self.unresolved.pop(c.addr, None)
                self.callees[c.addr] |= resolved

    def check(self, entries):
        """Errors for what the entry points reach: unresolved indirect calls, unbounded
        cycles."""
        reach = set()
        stack = list(entries)
        while stack:
            a = stack.pop()
            if a in reach or a == CALLER:
                continue
            reach.add(a)
            stack.extend(self.callees.get(a, ()))
        for a in sorted(reach):
            if a in self.unresolved:
                self.errors.append("%s: indirect call not resolved in stack-edges.txt (at %s)"
                                   % (self.img.nodes[a].label(), ", ".join(self.unresolved[a])))
        for scc in self._cycles(reach):
            free = [a for a in scc if a not in self.bound]
            if len(free) == len(scc) or self._cycles(set(free)):
                self.errors.append("unbounded recursion through: " + " -> ".join(
                    self.img.nodes[a].name for a in scc))
        return reach

    def _cycles(self, nodes):
        """Strongly connected components of the graph restricted to nodes that hold a cycle
        (Tarjan's algorithm, iterative)."""
        index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
        for root in nodes:
            if root in index:
                continue
            work = [(root, iter(sorted(x for x in self.callees.get(root, ()) if x in nodes)))]
            index[root] = low[root] = counter[0]
            counter[0] += 1
            stack.append(root)
            on.add(root)
            while work:
                v, it = work[-1]
                advanced = False
                for w in it:
                    if w not in index:
                        index[w] = low[w] = counter[0]
                        counter[0] += 1
                        stack.append(w)
                        on.add(w)
                        work.append((w, iter(sorted(
                            x for x in self.callees.get(w, ()) if x in nodes))))
                        advanced = True
                        break
                    if w in on:
                        low[v] = min(low[v], index[w])
                if advanced:
                    continue
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    scc = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        scc.append(w)
                        if w == v:
                            break
                    if len(scc) > 1 or v in self.callees.get(v, ()):
                        out.append(scc)
        return out

    # ---- depth --------------------------------------------------------

    def worst(self, entry, weight):
        """(bytes, path) of the path from entry with the largest sum of weight(node)."""
        memo = {}
        if self.in_cycle is None:
            self.in_cycle = {a for scc in self._cycles(set(self.frame)) for a in scc}
        in_cycle = self.in_cycle
        active = collections.Counter()

        def walk(a):
            if a == CALLER:
                return weight(CALLER), (CALLER,)
            if a in memo:
                return memo[a]
            active[a] += 1
            best = (0, ())
            for c in self.callees.get(a, ()):
                if c in self.bound and active[c] >= self.bound[c]:
                    continue
                if c != CALLER and active[c] and c not in self.bound:
                    continue  # guarded by check(): such a cycle passes a bounded function
                got = walk(c)
                if got[0] > best[0] or (got[0] == best[0] and len(got[1]) > len(best[1])):
                    best = got
            active[a] -= 1
            result = (weight(a) + best[0], (a,) + best[1])
            if a not in in_cycle:
                memo[a] = result
            return result

        sys.setrecursionlimit(10000)
        return walk(entry)


# ---------------------------------------------------------------- report --

def describe(g, path):
    """A path as `name frame -> ...`, wrapped and indented under a heading."""
    parts = []
    for a in path:
        if a == CALLER:
            parts.append("(the application's callback)")
        else:
            parts.append("%s %d" % (g.img.nodes[a].name, g.frame.get(a, 0)))
    lines, line = [], "  " + parts[0]
    for part in parts[1:]:
        if len(line) + len(part) + 4 > 100:
            lines.append(line + " ->")
            line = "    " + part
        else:
            line += " -> " + part
    return "\n".join(lines + [line])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--elf", required=True)
    ap.add_argument("--map", required=True)
    ap.add_argument("--entries", required=True, help="public functions, one per line")
    ap.add_argument("--edges", required=True, help="tests/proof/stack-edges.txt")
    ap.add_argument("--budget", type=int, required=True, help="bytes of our own frames allowed")
    ap.add_argument("--schema-depth", type=int, required=True,
                    help="the deepest nesting of the schema tables (schema_depth.c)")
    ap.add_argument("--objdump", default="arm-none-eabi-objdump")
    ap.add_argument("--report", help="also write the table to this file")
    ap.add_argument("--verbose", action="store_true",
                    help="list stack-edges.txt entries that name nothing in this image")
    ap.add_argument("ci_dirs", nargs="+")
    args = ap.parse_args()
    try:
        img = image.Image(args.elf, args.map, args.objdump)
        g = Graph(img, load_ci(args.ci_dirs), args.edges, args.schema_depth)
        with open(args.entries, encoding="utf-8") as f:
            names = [line.strip() for line in f if line.strip()]
    except (OSError, InputError) as e:
        print("stack: %s" % e, file=sys.stderr)
        return 2
    entries = {}
    for name in names:
        found = [n for n in img.find(name) if n.file is None]
        if not found:
            g.errors.append("entry point %s is not in the image" % name)
        else:
            entries[name] = found[0].addr
    g.check(entries.values())
    for w in g.warnings if args.verbose else ():
        print("stack: note: %s" % w, file=sys.stderr)
    if g.errors:
        for e in g.errors:
            print("stack: %s" % e, file=sys.stderr)
        return 2

    def ours(a):
        return g.frame.get(a, 0) if a != CALLER and img.nodes[a].ours else 0

    def everything(a):
        return g.frame.get(a, 0) if a != CALLER else 0

    def to_callback(a):  # the deepest path that ends in an application callback
        return CALLBACK_WEIGHT if a == CALLER else g.frame.get(a, 0)

    rows = []
    for name, a in sorted(entries.items()):
        own, own_path = g.worst(a, ours)
        total, total_path = g.worst(a, everything)
        mbed = sum(g.frame.get(x, 0) for x in total_path
                   if x != CALLER and img.nodes[x].component in MBEDTLS)
        at, _ = g.worst(a, to_callback)
        callback = at - CALLBACK_WEIGHT if at >= CALLBACK_WEIGHT else None
        rows.append((name, own, total, mbed, callback, own_path, total_path))

    groups = collections.defaultdict(list)
    for r in rows:
        groups[r[1:5]].append(r[0])
    head = "%6s %6s %7s %8s  %s" % ("ours", "total", "mbedTLS", "callback", "entry points")
    lines = [head]
    for key in sorted(groups, key=lambda k: (-k[0], -k[1], groups[k][0])):
        own, total, mbed, callback = key
        prefix = "%6d %6d %7d %8s  " % (own, total, mbed, "-" if callback is None else callback)
        text = " ".join(groups[key])
        while len(text) > 72:
            cut = text.rfind(" ", 0, 72)
            lines.append(prefix + text[:cut])
            prefix, text = " " * len(prefix), text[cut + 1:]
        lines.append(prefix + text)
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    deepest = max(rows, key=lambda r: r[1])
    over = [r for r in rows if r[1] > args.budget]
    print("Stack, worst case per public entry point, bytes (%s, %d entry points):"
          % (os.path.basename(args.elf), len(rows)))
    print("  ours: our frames (src/, port/) on the path deepest in them; total: every frame on")
    print("  the deepest path (mbedTLS, newlib, the board's drivers); mbedTLS: its part of it;")
    print("  callback: how deep an application callback (sink, tv_client_io, transport) is")
    print("  called, which adds its own frames; -: none is called.")
    print("\n".join(lines))
    print("deepest in our code: %s, %d bytes:\n%s" % (deepest[0], deepest[1],
                                                         describe(g, deepest[5])))
    connect = next((r for r in rows if r[0] == "tv_tls_connect"), None)
    if connect:
        print("mbedTLS handshake (tv_tls_connect): %d bytes deep, %d of them mbedTLS's:\n%s"
              % (connect[2], connect[3], describe(g, connect[6])))
    deepest_total = max(rows, key=lambda r: r[2])
    print("deepest of all: %s, %d bytes (a task that runs the client needs this, plus its own\n"
          "  frames and callbacks)" % (deepest_total[0], deepest_total[2]))
    if over:
        for r in over:
            print("stack budget EXCEEDED: %s stacks %d bytes of our frames (budget %d):\n%s"
                  % (r[0], r[1], args.budget, describe(g, r[5])))
        return 1
    print("stack budget: OK, our frames at most %d of %d bytes on every entry point"
          % (deepest[1], args.budget))
    return 0


if __name__ == "__main__":
    sys.exit(main())
