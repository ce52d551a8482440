#!/usr/bin/env python3
"""make bench: libtradovate side by side with libcurl + cJSON.

    bench.py --out build/bench --readme README.md --fw ELF --fw-ecdsa ELF [--quick]

Starts nginx on loopback (tests/bench/nginx.conf.in), runs both clients of
tests/bench (the same harness, bench_main.c, linked with each) through the
same scenarios, and writes one table with both clients' figures and their
ratio into README.md between <!-- bench:begin --> and <!-- bench:end -->,
with the latency plot next to this file (latency.svg) and the raw results
in OUT/results.json.

CPU figures are callgrind instruction counts (user space, client only),
counted inside bench_measured() alone; they repeat to within a fraction of a
percent, so they are comparable across runs on a busy machine. Wall-clock
figures are medians of repeated runs. --quick does one repetition of each
and leaves README.md alone (a smoke test of the benchmark itself).
"""
import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"
HEAP_FUNCTIONS = {"malloc", "calloc", "realloc", "free", "reallocarray", "posix_memalign",
                  "aligned_alloc", "memalign"}
LIST_SIZES = (10, 1000, 100000)
SERVERS = ("PLAIN", "TLS13", "TLS13_FULL", "TLS13_RESUME", "TLS12_FULL", "TLS12_RESUME")
CLIENTS = ("tv", "curl")


def log(msg):
    print("bench: " + msg, flush=True)


# ---------------------------------------------------------------- server ----

def free_ports(count):
    socks = []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def write_orders(path, count):
    """An order/list answer of `count` orders shaped like the simulator's:
    every order has the required fields, some carry OCO/bracket links."""
    actions = ("Buy", "Sell")
    statuses = ("Filled", "Working", "Canceled", "Rejected", "Suspended")
    base_ms = 1795094573000  # 2026-11-25T...
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("[")
        for i in range(count):
            oid = 4000000000001 + i
            ms = base_ms + i * 37
            stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000))
            fields = ['"id":%d' % oid, '"accountId":%d' % (1001 + i % 2),
                      '"contractId":%d' % (4001001 + i % 6),
                      '"timestamp":"%s.%03dZ"' % (stamp, ms % 1000),
                      '"action":"%s"' % actions[i % 2],
                      '"ordStatus":"%s"' % statuses[i % len(statuses)]]
            if i % 3 == 1:
                fields.append('"ocoId":%d' % (oid - 1))
                fields.append('"linkedId":%d' % (oid - 1))
            if i % 5 == 2:
                fields.append('"parentId":%d' % (oid - 2))
            fields.append('"admin":false')
            f.write(("," if i else "") + "{" + ",".join(fields) + "}")
        f.write("]")


class Nginx:
    def __init__(self, out, cpu):
        self.dir = os.path.join(out, "nginx")
        self.cpu = cpu
        self.proc = None
        self.ports = dict(zip(SERVERS, free_ports(len(SERVERS))))

    def start(self, certs):
        d = self.dir
        shutil.rmtree(d, ignore_errors=True)
        for sub in ("tmp", "www"):
            os.makedirs(os.path.join(d, sub))
        for n in LIST_SIZES:
            write_orders(os.path.join(d, "www", self.prefix(n).strip("/"), "order", "list"), n)
        with open(os.path.join(HERE, "nginx.conf.in")) as f:
            conf = f.read()
        subst = {"DIR": d, "CERTS": certs, "API_CONF": os.path.join(HERE, "api.conf"),
                 "CPU_MASK": "1" + "0" * self.cpu,
                 "USER": "user root root;" if os.geteuid() == 0 else ""}
        subst.update({"PORT_" + k: str(v) for k, v in self.ports.items()})
        conf = re.sub(r"@([A-Z0-9_]+)@", lambda m: subst[m.group(1)], conf)
        path = os.path.join(d, "nginx.conf")
        with open(path, "w") as f:
            f.write(conf)
        self.proc = subprocess.Popen(["nginx", "-p", d, "-c", path], stdin=subprocess.DEVNULL,
                                     stderr=open(os.path.join(d, "stderr.log"), "w"))
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                for port in self.ports.values():
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.1)
        raise SystemExit("nginx did not start; see %s/stderr.log and error.log" % d)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    @staticmethod
    def prefix(n):
        return "/v1" if n == 1000 else "/n%d/v1" % n

    def url(self, server, orders=1000):
        scheme = "http" if server == "PLAIN" else "https"
        return "%s://127.0.0.1:%d%s" % (scheme, self.ports[server], self.prefix(orders))

    def handshake_log(self):
        return os.path.join(self.dir, "handshakes.log")

    def clear_handshakes(self):
        open(self.handshake_log(), "w").close()

    def handshakes(self, server):
        """(resumed, total, key exchange groups and suites seen) of the
        connections logged for that server since clear."""
        port = str(self.ports[server])
        total = resumed = 0
        seen = set()
        with open(self.handshake_log()) as f:
            for line in f:
                parts = line.split()
                if parts and parts[0] == port:
                    total += 1
                    resumed += parts[2] == "r"
                    seen.add(" ".join(parts[3:]))
        return resumed, total, sorted(seen)


# --------------------------------------------------------------- running ----

class Bench:
    def __init__(self, args):
        self.args = args
        self.out = args.out
        self.bins = {"tv": os.path.join(self.out, "tv_bench"),
                     "curl": os.path.join(self.out, "curl_bench")}
        self.certs = os.path.abspath(os.path.join(self.out, "certs"))
        self.ca = os.path.join(self.certs, "ca.pem")
        self.cg_dir = os.path.join(self.out, "callgrind")
        self.reps = 1 if args.quick else args.reps
        self.cpu = args.cpu
        self.nginx = None
        self.results = {}
        self.counter = 0

    def run(self, client, mode, url, n, times=None, warmup=None, tool=None, pin=False):
        cmd = []
        if pin:
            cmd += ["taskset", "-c", str(self.cpu)]
        cmd += tool or []
        cmd += [self.bins[client], mode, url, self.ca, str(n), times or "-"]
        if warmup is not None:
            cmd.append(str(warmup))
        p = subprocess.run(cmd, capture_output=True, text=True)
        kv = {}
        for line in p.stdout.splitlines():
            key, _, value = line.partition(" ")
            kv[key] = value
        if p.returncode != 0 or kv.get("status") != "ok":
            sys.stderr.write(p.stdout + p.stderr)
            raise SystemExit("bench: %s failed: %s" % (client, " ".join(cmd)))
        return kv

    def callgrind(self, client, mode, url, n, warmup=None):
        """Instructions and heap calls inside bench_measured, per iteration."""
        self.counter += 1
        os.makedirs(self.cg_dir, exist_ok=True)
        path = os.path.join(self.cg_dir, "%s-%s-%d.out" % (client, mode, self.counter))
        tool = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + path,
                "--instr-atstart=no", "--toggle-collect=bench_measured"]
        kv = self.run(client, mode, url, n, warmup=warmup, tool=tool)
        ir, heap = parse_callgrind(path)
        return ir / n, {k: v / n for k, v in heap.items()}, path, kv

    def cg_median(self, client, mode, url, n, warmup=None, per=1):
        runs = [self.callgrind(client, mode, url, n, warmup) for _ in range(self.reps)]
        ir = statistics.median(r[0] for r in runs) / per
        heap = {k: statistics.median(r[1][k] for r in runs) / per for k in runs[0][1]}
        return {"ir": ir, "heap": heap, "file": runs[0][2], "kv": runs[0][3],
                "runs": [r[0] / per for r in runs]}

    def wall(self, client, mode, url, n, warmup=None):
        """Per-iteration wall times (ns) of one native run, pinned."""
        path = os.path.join(self.out, "times-%s-%s.txt" % (client, mode))
        kv = self.run(client, mode, url, n, times=path, warmup=warmup, pin=True)
        with open(path) as f:
            return [int(x) for x in f.read().split()], kv

    # ---- the scenarios ----

    def cpu_rows(self):
        log("client CPU per request (callgrind)")
        n_place = 200 if self.args.quick else 1000
        for server in ("PLAIN", "TLS13"):
            url = self.nginx.url(server)
            for c in CLIENTS:
                self.results["place_%s_%s" % (server, c)] = self.cg_median(c, "place", url,
                                                                           n_place, warmup=100)
                self.results["list_%s_%s" % (server, c)] = self.cg_median(
                    c, "list", url, 3, warmup=1, per=1000)
                log("  %s %s: placeOrder %.0f, per order %.0f" % (
                    server, c, self.results["place_%s_%s" % (server, c)]["ir"],
                    self.results["list_%s_%s" % (server, c)]["ir"]))
        for c in CLIENTS:
            kv = self.results["list_PLAIN_%s" % c]["kv"]
            self.results["list_check_" + c] = [kv.get(k) for k in
                                               ("orders", "id_sum", "time_sum", "enum_sum")]
        if self.results["list_check_tv"] != self.results["list_check_curl"]:
            raise SystemExit("bench: the clients decoded different orders: %s vs %s" % (
                self.results["list_check_tv"], self.results["list_check_curl"]))

    def latency_rows(self):
        n = 2000 if self.args.quick else 10000
        reps = self.reps if self.args.quick else max(self.reps, 5)
        log("latency: %d sequential placeOrders over TLS 1.3, %d runs per client" % (n, reps))
        url = self.nginx.url("TLS13")
        runs = {c: [] for c in CLIENTS}
        for _ in range(reps):
            for c in CLIENTS:
                times, _ = self.wall(c, "place", url, n, warmup=1000)
                runs[c].append(times)
        for c in CLIENTS:
            pct = [percentiles(t) for t in runs[c]]
            med = {k: statistics.median(p[k] for p in pct) for k in pct[0]}
            self.results["latency_" + c] = med
            self.results["latency_runs_" + c] = pct
            # the run whose p50 is the median one, for the plot
            order = sorted(range(len(pct)), key=lambda i: pct[i]["p50"])
            self.results["latency_plot_" + c] = runs[c][order[len(order) // 2]]
            log("  %s: p50 %.1f us, p99 %.1f us, p99.9 %.1f us" % (
                c, med["p50"] / 1e3, med["p99"] / 1e3, med["p99.9"] / 1e3))

    def connect_rows(self):
        log("cold start and reconnects")
        url = self.nginx.url("TLS13")
        n_wall = 10 if self.args.quick else 50
        for c in CLIENTS:
            self.results["cold_cg_" + c] = self.cg_median(c, "cold", url, 1)
            times, _ = self.wall(c, "cold", url, n_wall)
            self.results["cold_wall_" + c] = statistics.median(times)
            log("  cold %s: %.0f instructions, %.2f ms" % (
                c, self.results["cold_cg_" + c]["ir"], self.results["cold_wall_" + c] / 1e6))
        n_cg = 3 if self.args.quick else 10
        for server in ("TLS13_FULL", "TLS13_RESUME", "TLS12_FULL", "TLS12_RESUME"):
            url = self.nginx.url(server)
            for c in CLIENTS:
                self.nginx.clear_handshakes()
                cg = self.cg_median(c, "reconnect", url, n_cg, warmup=1)
                resumed, total, seen = self.nginx.handshakes(server)
                times, _ = self.wall(c, "reconnect", url, n_wall, warmup=1)
                key = "reconnect_%s_%s" % (server, c)
                self.results[key] = {"ir": cg["ir"], "wall": statistics.median(times),
                                     "resumed": resumed, "connections": total,
                                     "negotiated": seen}
                log("  %s %s: %.0f instructions, %.2f ms, %d of %d handshakes resumed" % (
                    server, c, cg["ir"], statistics.median(times) / 1e6, resumed, total))

    def memory_rows(self):
        log("memory")
        massif_dir = os.path.join(self.out, "massif")
        os.makedirs(massif_dir, exist_ok=True)
        cases = [("session", 1000)] + [("listmem", n) for n in LIST_SIZES]
        for mode, orders in cases:
            url = self.nginx.url("TLS13", orders)
            key = "%s_%d" % (mode, orders)
            kv = self.run("tv", mode, url, 0)
            parts = {k: int(kv[k]) for k in ("client_struct", "buffers", "arena_peak",
                                              "stack_peak")}
            self.results["mem_tv_" + key] = dict(parts, total=sum(parts.values()))
            path = os.path.join(massif_dir, key + ".out")
            kv = self.run("curl", mode, url, 0,
                          tool=["valgrind", "--tool=massif", "--massif-out-file=" + path])
            self.results["mem_curl_" + key] = {"heap_peak": massif_peak(path),
                                               "stack_peak": int(kv["stack_peak"])}
            log("  %s: ours %d B, libcurl+cJSON heap %d B" % (
                key, self.results["mem_tv_" + key]["total"],
                self.results["mem_curl_" + key]["heap_peak"]))

    def footprint_rows(self):
        log("footprint")
        spec = importlib.util.spec_from_file_location(
            "fw_size", os.path.join(ROOT, "port", "baremetal", "fw_size.py"))
        fw_size = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(fw_size)
        shipped_component = fw_size.component

        def component(section, origin):
            """fw_size's split, plus: our image's application is tests/bench/fw_api.c,
            and each module of ours is split into code and read-only data."""
            if "/tests/bench/" in origin:
                return "image", None
            comp, module = shipped_component(section, origin)
            if comp == "ours" and module:
                module += "|rodata" if section.startswith(".rodata") else "|code"
            return comp, module
        fw_size.component = component
        for key, elf in (("shipped", self.args.fw), ("ecdsa", self.args.fw_ecdsa)):
            totals, split = fw_size.parse(os.path.splitext(elf)[0] + ".map")[:2]
            modules = {}
            for name, row in split.items():
                mod, kind = name.split("|")
                entry = modules.setdefault(mod, {"code": 0, "rodata": 0, "data": 0, "bss": 0})
                entry[kind] += row["text"]
                entry["data"] += row["data"]
                entry["bss"] += row["bss"]
            text, data, bss = elf_size(elf)
            self.results["fw_" + key] = {"components": totals, "modules": modules,
                                         "image": {"text": text, "data": data, "bss": bss},
                                         "client_struct": symbol_size(elf, "client"),
                                         "arena": symbol_size(elf, "arena")}
        self.results["jsmn_alone"] = jsmn_size(self.out)
        self.results["host_text"] = {"tv": host_text(self.bins["tv"]),
                                     "curl": host_text(self.bins["curl"])}

    def profile(self):
        """Where our instructions go, per phase (callgrind_annotate, inclusive)."""
        out = {}
        for key in ("place_PLAIN_tv", "place_TLS13_tv", "list_PLAIN_tv"):
            r = self.results[key]
            n = int(r["kv"]["n"]) * (1000 if key.startswith("list") else 1)
            out[key] = annotate(r["file"], n)
        self.results["profile"] = out

    def machine(self):
        def first(cmd):
            try:
                return subprocess.run(cmd, capture_output=True, text=True,
                                      check=True).stdout.splitlines()[0].strip()
            except (OSError, subprocess.CalledProcessError, IndexError):
                return "?"
        model = "?"
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
        return {
            "cpu": model, "cores": os.cpu_count(), "kernel": platform.release(),
            "cc": first([os.environ.get("CC", "cc"), "--version"]),
            "nginx": nginx.replace("nginx version: ", "").replace("nginx/", ""),
            "curl": first(["curl-config", "--version"]),
            "openssl": (first(["openssl", "version"]).split() + ["?", "?"])[1],
            "cjson": pkg_version("libcjson-dev"),
            "valgrind": first(["valgrind", "--version"]),
            "mbedtls": mbedtls_version(),
            "arm_cc": first(["arm-none-eabi-gcc", "--version"]),
        }


# ------------------------------------------------------------- analysis ----

def percentiles(times):
    s = sorted(times)

    def rank(p):
        return s[min(len(s) - 1, max(0, int(round(p / 100.0 * len(s) + 0.5)) - 1))]
    return {"p50": rank(50), "p99": rank(99), "p99.9": rank(99.9), "min": s[0], "max": s[-1]}


def parse_callgrind(path):
    """Total Ir, and calls into the C heap from outside it: allocations
    (malloc, calloc, realloc, ...) and frees (free(NULL) included)."""
    names = {}
    total = 0
    heap = {"alloc": 0, "free": 0}
    caller = callee = ""
    with open(path) as f:
        for line in f:
            if line.startswith(("totals:", "summary:")):
                total = int(line.split()[1])
            elif line.startswith(("fn=", "cfn=")):
                key, _, rest = line.partition("=")
                m = re.match(r"\((\d+)\)(?: (.*))?", rest.strip())
                if m:
                    if m.group(2):
                        names[m.group(1)] = m.group(2)
                    name = names.get(m.group(1), "").split("'")[0]
                    if key == "fn":
                        caller = name
                    else:
                        callee = name
            elif line.startswith("calls=") and caller not in HEAP_FUNCTIONS:
                if callee == "free":
                    heap["free"] += int(line[6:].split()[0])
                elif callee in HEAP_FUNCTIONS:
                    heap["alloc"] += int(line[6:].split()[0])
    return total, heap


def massif_peak(path):
    peak = 0
    heap = extra = 0
    with open(path) as f:
        for line in f:
            if line.startswith("mem_heap_B="):
                heap = int(line.split("=")[1])
            elif line.startswith("mem_heap_extra_B="):
                extra = int(line.split("=")[1])
                peak = max(peak, heap + extra)
    return peak


# Our phases, by the functions that do each (inclusive instructions, summed);
# "jsmn.h" stands for the instructions of jsmn's own lines (it is compiled
# into tv_json_parse).
PHASES = [
    ("auth check before the call", ["tv_auth_ensure"]),
    ("request line, Host and bearer token", ["tv_http_req_begin", "tv_http_req_host",
                                             "tv_http_req_bearer", "tv_http_req_begin_parts",
                                             "tv_http_req_host_checked",
                                             "tv_http_req_bearer_checked"]),
    ("JSON body encoder", ["tv_codec_encode_members"]),
    ("exchange: liveness check, send, response head", ["tv_conn_exchange"]),
    ("  of which the send path (HTTP, TLS record, syscall)", ["tv_http_req_send"]),
    ("  of which the response head: receive + parse", ["tv_http_resp_read_head"]),
    ("response body: receive", ["tv_http_resp_read_body"]),
    ("list: element splitter", ["tv_json_split_next"]),
    ("list: receive more of the body", ["tv_http_resp_body_more"]),
    ("JSON parse: validate + jsmn + token rewrite", ["tv_json_parse"]),
    ("  of which validation", ["tv_json_scan_doc"]),
    ("  of which jsmn", ["jsmn.h"]),
    ("classify (penalty, business failure)", ["tv_call_classify"]),
    ("decode into the typed struct", ["tv_codec_decode"]),
]


def annotate(path, n):
    line_re = re.compile(r"\s*([\d,]+)\s+(?:\([^)]*\)\s+)?(\S+):([^\s']+)")

    def costs(inclusive):
        args = ["callgrind_annotate", "--threshold=100", path]
        if inclusive:
            args.insert(1, "--inclusive=yes")
        out = subprocess.run(args, capture_output=True, text=True).stdout
        rows = []
        for line in out.splitlines():
            m = line_re.match(line)
            if m and m.group(2) != "???" and not line.lstrip().startswith("--"):
                rows.append((m.group(2), m.group(3), int(m.group(1).replace(",", ""))))
        return rows
    incl = {}
    for f, fn, v in costs(True):
        incl[fn] = max(incl.get(fn, 0), v)
    self_rows = costs(False)
    jsmn = sum(v for f, fn, v in self_rows if f.endswith("jsmn.h"))
    phases = []
    for label, fns in PHASES:
        got = [jsmn if fn == "jsmn.h" else incl.get(fn) for fn in fns]
        if any(v for v in got):
            used = [fn for fn, v in zip(fns, got) if v]  # name only what ran
            phases.append((label, "+".join(used), sum(v or 0 for v in got) / n))
    top = sorted(self_rows, key=lambda row: -row[2])[:12]
    return {"phases": phases,
            "self": [(fn, v / n, os.path.basename(f)) for f, fn, v in top]}


def elf_size(elf):
    out = subprocess.run(["arm-none-eabi-size", elf], capture_output=True, text=True,
                         check=True).stdout.splitlines()[1].split()
    return int(out[0]), int(out[1]), int(out[2])


def symbol_size(elf, name):
    out = subprocess.run(["arm-none-eabi-nm", "-S", elf], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] == name:
            return int(parts[1], 16)
    return 0


def jsmn_size(out):
    """jsmn compiled alone for the Cortex-M4 like our library (in the library it
    is compiled into json_parse.c and mostly inlined there)."""
    src = os.path.join(out, "jsmn-alone.c")
    obj = os.path.join(out, "jsmn-alone.o")
    with open(src, "w") as f:
        f.write('#include "jsmn.h"\n')
    subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard",
                    "-mfpu=fpv4-sp-d16", "-Os", "-ffunction-sections", "-fdata-sections",
                    "-I", os.path.join(ROOT, "build", "deps", "jsmn"), "-c", src, "-o", obj],
                   check=True)
    out = subprocess.run(["arm-none-eabi-size", obj], capture_output=True, text=True,
                         check=True).stdout.splitlines()[1].split()
    return {"text": int(out[0]), "data": int(out[1]), "bss": int(out[2])}


def host_text(binary):
    """Code (text) of the program and of every shared library it loads."""
    total = 0
    libs = [binary]
    ldd = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    for line in ldd.splitlines():
        m = re.search(r"=> (/\S+)", line)
        if m:
            libs.append(m.group(1))
    for lib in libs:
        out = subprocess.run(["size", lib], capture_output=True, text=True).stdout.splitlines()
        if len(out) > 1:
            total += int(out[1].split()[0])
    libc = [l for l in libs if re.search(r"/(libc|libm|ld-linux[^/]*|libpthread)\.so", l)]
    for lib in libc:  # the C library is common to both: leave it out
        out = subprocess.run(["size", lib], capture_output=True, text=True).stdout.splitlines()
        if len(out) > 1:
            total -= int(out[1].split()[0])
    return {"text": total, "libraries": len(libs) - 1 - len(libc)}


def pkg_version(pkg):
    p = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], capture_output=True,
                       text=True)
    return p.stdout.strip() or "?"


def mbedtls_version():
    path = os.path.join(ROOT, "build", "deps", "mbedtls", "include", "mbedtls", "build_info.h")
    try:
        with open(path) as f:
            m = re.search(r'MBEDTLS_VERSION_STRING\s+"([^"]+)"', f.read())
            return m.group(1) if m else "?"
    except OSError:
        return "?"


# ---------------------------------------------------------------- report ----

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="build/bench")
    ap.add_argument("--readme", default="README.md")
    ap.add_argument("--fw", required=True)
    ap.add_argument("--fw-ecdsa", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--cpu", type=int, default=(os.cpu_count() or 1) - 1,
                    help="CPU that nginx and the client share in the latency rows")
    ap.add_argument("--note", default=os.environ.get("BENCH_NOTE", ""),
                    help="a sentence about the conditions, printed under the table")
    ap.add_argument("--render-only", action="store_true",
                    help="write the README section again from OUT/results.json")
    args = ap.parse_args()
    os.chdir(ROOT)
    if args.render_only:
        with open(os.path.join(args.out, "results.json")) as f:
            results = json.load(f)
        plot = os.path.join(HERE, "latency.svg")
        write_readme(args.readme, render(results, plot if os.path.exists(plot) else None))
        log("README.md Performance section written from %s/results.json" % args.out)
        return
    b = Bench(args)
    shutil.rmtree(b.cg_dir, ignore_errors=True)
    subprocess.run(["sh", "tests/tls/make-certs.sh", b.certs], check=True)
    b.nginx = Nginx(os.path.abspath(args.out), args.cpu)
    b.nginx.start(b.certs)
    try:
        b.cpu_rows()
        b.latency_rows()
        b.connect_rows()
        b.memory_rows()
    finally:
        b.nginx.stop()
    b.footprint_rows()
    b.profile()
    b.results["machine"] = b.machine()
    b.results["quick"] = args.quick
    b.results["reps"] = b.reps
    b.results["cpu"] = args.cpu
    b.results["note"] = args.note
    plot = plot_latency(b, os.path.join(HERE, "latency.svg") if not args.quick else
                        os.path.join(args.out, "latency.svg"))
    results = {k: v for k, v in b.results.items() if not k.startswith("latency_plot_")}
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)
    text = render(b.results, plot)
    with open(os.path.join(args.out, "performance.md"), "w") as f:
        f.write(text)
    print(text)
    if args.quick:
        log("quick run: %s/performance.md written, README.md untouched" % args.out)
    else:
        write_readme(args.readme, text)
        log("README.md Performance section regenerated")


def plot_latency(b, svg):
    """The latency distribution of both clients (gnuplot), or None."""
    if shutil.which("gnuplot") is None:
        return None
    data = {}
    for c in CLIENTS:
        s = sorted(b.results["latency_plot_" + c])
        path = os.path.join(b.out, "latency-%s.dat" % c)
        with open(path, "w") as f:
            step = max(1, len(s) // 800)
            for i in range(0, len(s), step):
                f.write("%.3f %.6f\n" % (s[i] / 1e3, 100.0 * (i + 1) / len(s)))
            f.write("%.3f 100\n" % (s[-1] / 1e3))
        data[c] = path
    script = """set terminal svg size 760,420 dynamic font 'sans,12'
set output '%s'
set title 'placeOrder round trip over kept-alive TLS 1.3, %d sequential requests (median run)'
set xlabel 'latency (microseconds, log scale)'
set ylabel 'requests at or below (%%)'
set logscale x
set grid
set key bottom right
set yrange [0:100]
plot '%s' using 1:2 with lines lw 2 title 'libtradovate', \\
     '%s' using 1:2 with lines lw 2 title 'libcurl + cJSON'
""" % (svg, len(b.results["latency_plot_tv"]), data["tv"], data["curl"])
    p = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        return None
    return svg


def fmt_int(v):
    return "{:,}".format(int(round(v)))


def fmt_ratio(curl, tv):
    if not tv:
        return "—"
    r = curl / tv
    return "%.0f×" % r if r >= 10 else "%.1f×" % r


def write_readme(path, text):
    with open(path) as f:
        readme = f.read()
    block = BEGIN + "\n" + text.rstrip("\n") + "\n" + END
    if BEGIN in readme and END in readme:
        readme = readme[:readme.index(BEGIN)] + block + readme[readme.index(END) + len(END):]
    else:
        readme = readme.rstrip("\n") + "\n\n## Performance\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(readme)


def render(r, plot):
    sys.path.insert(0, HERE)
    import bench_report  # the table's layout lives in its own file
    return bench_report.render(r, plot, os.path.relpath(plot, ROOT) if plot else None)


if __name__ == "__main__":
    main()
