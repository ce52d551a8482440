"""The Performance section of README.md, from bench.py's results."""
import time

CLIENTS = ("tv", "curl")


def n(v):
    return "{:,}".format(int(round(v)))


def us(ns):
    return "%.1f µs" % (ns / 1e3) if ns < 1e6 else "%.2f ms" % (ns / 1e6)


def kb(b):
    return "%.1f KB" % (b / 1024.0)


def ratio(curl, tv):
    if not tv or curl is None:
        return "—"
    r = float(curl) / tv
    return "%.0f×" % r if r >= 10 else "%.2f×" % r if r < 1 else "%.1f×" % r


def verdict(ok):
    return "**met**" if ok else "**missed**"


class Table:
    def __init__(self):
        self.lines = ["| what | libtradovate | libcurl + cJSON | libcurl ÷ ours | target |",
                      "|---|---:|---:|---:|---|"]

    def section(self, title):
        self.lines.append("| **%s** | | | | |" % title)

    def row(self, what, tv, curl, r="", target=""):
        self.lines.append("| %s | %s | %s | %s | %s |" % (what, tv, curl, r, target))

    def text(self):
        return "\n".join(self.lines) + "\n"


def render(r, plot, plot_rel):
    m = r["machine"]
    reps = r["reps"]
    t = Table()

    # ---- 1. CPU ----
    t.section("Client CPU (instructions in user space, callgrind)")
    heap = {c: r["place_TLS13_" + c]["heap"] for c in CLIENTS}
    for server, label in (("PLAIN", "plaintext HTTP"), ("TLS13", "TLS 1.3")):
        tv = r["place_%s_tv" % server]["ir"]
        curl = r["place_%s_curl" % server]["ir"]
        target = ""
        if server == "PLAIN":
            ok = tv <= 2600 and curl / tv >= 50
            target = "≤ 2,600 and ≥ 50× fewer: %s" % verdict(ok)
        t.row("placeOrder round trip, %s: request built, sent, answer decoded" % label,
              n(tv), n(curl), ratio(curl, tv), target)
    t.row("heap calls per placeOrder over TLS: allocations (malloc, calloc, realloc) / free",
          "%s / %s" % (n(heap["tv"]["alloc"]), n(heap["tv"]["free"])),
          "%s / %s" % (n(heap["curl"]["alloc"]), n(heap["curl"]["free"])), "",
          "0: %s" % verdict(heap["tv"]["alloc"] + heap["tv"]["free"] == 0))
    for server, label in (("PLAIN", "plaintext HTTP"), ("TLS13", "TLS 1.3")):
        tv = r["list_%s_tv" % server]["ir"]
        curl = r["list_%s_curl" % server]["ir"]
        target = "≤ 5,000: %s" % verdict(tv <= 5000) if server == "PLAIN" else ""
        t.row("per order decoded from order/list of 1,000, %s" % label, n(tv), n(curl),
              ratio(curl, tv), target)

    # ---- 2. latency ----
    lt, lc = r["latency_tv"], r["latency_curl"]
    t.section("Latency, placeOrder over one kept-alive TLS 1.3 connection")
    t.row("p50", us(lt["p50"]), us(lc["p50"]), ratio(lc["p50"], lt["p50"]),
          "≤ 0.6× libcurl's: %s" % verdict(lt["p50"] <= 0.6 * lc["p50"]))
    t.row("p99", us(lt["p99"]), us(lc["p99"]), ratio(lc["p99"], lt["p99"]),
          "≤ 2× our p50: %s" % verdict(lt["p99"] <= 2 * lt["p50"]))
    t.row("p99.9", us(lt["p99.9"]), us(lc["p99.9"]), ratio(lc["p99.9"], lt["p99.9"]), "")

    # ---- 3. cold start, reconnect ----
    t.section("Cold start and reconnect (TLS, EC P-256 server certificate)")
    ct, cc = r["cold_cg_tv"]["ir"], r["cold_cg_curl"]["ir"]
    t.row("cold start: new client, connect + full TLS 1.3 handshake + login, instructions",
          n(ct), n(cc), ratio(cc, ct))
    t.row("cold start, wall time", us(r["cold_wall_tv"]), us(r["cold_wall_curl"]),
          ratio(r["cold_wall_curl"], r["cold_wall_tv"]))
    for ver in ("13", "12"):
        name = "TLS 1.%s" % ver[1]
        full = {c: r["reconnect_TLS%s_FULL_%s" % (ver, c)] for c in CLIENTS}
        res = {c: r["reconnect_TLS%s_RESUME_%s" % (ver, c)] for c in CLIENTS}
        t.row("%s reconnect + placeOrder, full handshake, instructions" % name,
              n(full["tv"]["ir"]), n(full["curl"]["ir"]), ratio(full["curl"]["ir"],
                                                                full["tv"]["ir"]))
        gain = full["tv"]["ir"] / res["tv"]["ir"] if res["tv"]["ir"] else 0
        t.row("%s reconnect + placeOrder, session resumed, instructions" % name,
              n(res["tv"]["ir"]), n(res["curl"]["ir"]), ratio(res["curl"]["ir"],
                                                              res["tv"]["ir"]),
              "≥ 10× cheaper than full: %s (%.1f×)" % (verdict(gain >= 10), gain))
        t.row("%s reconnect + placeOrder, wall time: full / resumed" % name,
              "%s / %s" % (us(full["tv"]["wall"]), us(res["tv"]["wall"])),
              "%s / %s" % (us(full["curl"]["wall"]), us(res["curl"]["wall"])),
              "%s / %s" % (ratio(full["curl"]["wall"], full["tv"]["wall"]),
                           ratio(res["curl"]["wall"], res["tv"]["wall"])))

    # ---- 4. memory ----
    t.section("Memory (ours: static state + stack high-water + mbedTLS arena peak; "
              "libcurl + cJSON: peak heap, massif)")
    s_tv, s_curl = r["mem_tv_session_1000"], r["mem_curl_session_1000"]
    t.row("whole session: login, 100 placeOrders, order/list of 1,000 over TLS 1.3",
          kb(s_tv["total"]), kb(s_curl["heap_peak"]), ratio(s_curl["heap_peak"],
                                                            s_tv["total"]))
    peaks = []
    for orders in (10, 1000, 100000):
        mt, mc = r["mem_tv_listmem_%d" % orders], r["mem_curl_listmem_%d" % orders]
        peaks.append(mt["total"])
        target = ""
        if orders == 100000:
            target = "independent of length: %s" % verdict(max(peaks) == min(peaks))
        t.row("login + order/list of %s orders" % n(orders), kb(mt["total"]),
              kb(mc["heap_peak"]), ratio(mc["heap_peak"], mt["total"]), target)

    # ---- 5. footprint ----
    fw, fe = r["fw_shipped"], r["fw_ecdsa"]
    comp = fw["components"]

    def flash(row):
        return row["text"] + row["data"]

    def ram(row):
        return row["data"] + row["bss"]
    zero = {"text": 0, "data": 0, "bss": 0}
    ours = comp.get("ours", zero)
    mbed = {k: sum(comp.get(c, zero)[k] for c in ("mbedcrypto", "mbedx509", "mbedtls"))
            for k in zero}
    mbed_e = {k: sum(fe["components"].get(c, zero)[k] for c in ("mbedcrypto", "mbedx509",
                                                                "mbedtls")) for k in zero}
    na = "n/a (no Cortex-M4 build)"
    t.section("Footprint, Cortex-M4 (-Os, --gc-sections, newlib-nano), all 58 operations linked")
    code = sum(m["code"] for m in fw["modules"].values())
    rodata = sum(m["rodata"] for m in fw["modules"].values())
    t.row("our library: flash (code + read-only tables) / static RAM (+ one tv_client)",
          "%s (%s + %s) / %d B (+ %s)" % (kb(flash(ours)), kb(code), kb(rodata), ram(ours),
                                          kb(fw["client_struct"])), na, "",
          "≤ 16 KB flash: %s" % verdict(flash(ours) <= 16 * 1024))
    jsmn = r["jsmn_alone"]
    t.row("jsmn (compiled alone; in the library it is inlined into json_parse): flash / RAM",
          "%s / %d B" % (kb(flash(jsmn)), ram(jsmn)), na)
    t.row("mbedTLS, shipped configuration (TLS 1.2 + 1.3, ECDSA + RSA): flash / RAM",
          "%s / %d B" % (kb(flash(mbed)), ram(mbed)), na)
    t.row("mbedTLS, ECDSA-only configuration: flash / RAM",
          "%s / %d B" % (kb(flash(mbed_e)), ram(mbed_e)), na)
    for label, f in (("shipped", fw), ("ECDSA-only", fe)):
        img = f["image"]
        t.row("whole firmware image (%s mbedTLS): flash / RAM (%s arena)" % (
            label, kb(f["arena"])), "%s / %s" % (kb(img["text"] + img["data"]),
                                                  kb(img["data"] + img["bss"])), na)
    ht = r["host_text"]
    t.row("x86-64: code in the process besides the C library (text)",
          kb(ht["tv"]["text"]), "%s (%d libraries)" % (kb(ht["curl"]["text"]),
                                                       ht["curl"]["libraries"]),
          ratio(ht["curl"]["text"], ht["tv"]["text"]))

    out = []
    out.append("_Generated by `make bench` (tests/bench/bench.py) on %s; regenerated, not "
               "edited by hand._\n" % time.strftime("%Y-%m-%d"))
    out.append("Both clients run the same harness (tests/bench/bench_main.c) against the same "
               "nginx on 127.0.0.1, send the same request bodies and decode the same answers "
               "into the same typed structs: ours through libtradovate, the other through "
               "libcurl's easy interface (one handle, connection and TLS session reused) and "
               "cJSON (tests/bench/bench_curl.c). nginx answers placeOrder and login with "
               "`return 200` and order/list from static files.\n")
    out.append("**Machine:** %s, %s cores, Linux %s; %s; nginx %s (one worker); %s; "
               "OpenSSL %s; cJSON %s; mbedTLS %s; %s.%s\n" % (
                   m["cpu"], m["cores"], m["kernel"], m["cc"], m["nginx"], m["curl"],
                   m["openssl"], m["cjson"], m["mbedtls"],
                   m["valgrind"], (" " + r["note"]) if r["note"] else ""))
    out.append(t.text())
    out.append(targets(r))
    out.append(notes(r, reps))
    if plot_rel:
        out.append("![Latency distributions](%s)\n" % plot_rel)
    out.append(profile(r))
    out.append(footprint_detail(r))
    return "\n".join(out)


def spread(values):
    """How far apart repeated figures are, as a percentage of their median."""
    mid = sorted(values)[len(values) // 2]
    return "%.2f%%" % (100.0 * (max(values) - min(values)) / mid) if mid else "—"


def top_phases(r, key, count):
    """The costliest top-level phases of one profiled run, as text."""
    phases = [(label, v) for label, fn, v in r["profile"][key]["phases"]
              if not label.startswith(" ")]
    phases.sort(key=lambda p: -p[1])
    return ", ".join("%s %s" % (label, n(v)) for label, v in phases[:count])


def targets(r):
    """One line per target that was missed: the figure and where it comes from."""
    lines = []
    place = r["place_PLAIN_tv"]["ir"]
    if place > 2600:
        lines.append(
            "- **placeOrder, plaintext: %s instructions, not ≤ 2,600.** Building the "
            "request, sending it, reading and parsing the head, validating, tokenizing and "
            "decoding the JSON each cost hundreds to thousands of instructions (largest "
            "phases: %s; the table below)." % (n(place), top_phases(r, "place_PLAIN_tv", 3)))
    order = r["list_PLAIN_tv"]["ir"]
    if order > 5000:
        lines.append(
            "- **Per order from order/list: %s instructions, not ≤ 5,000.** Each element "
            "is cut out by the splitter, validated, tokenized by jsmn, its tokens rewritten, "
            "then decoded field by field (largest phases: %s): four passes over the same "
            "bytes." % (n(order), top_phases(r, "list_PLAIN_tv", 3)))
    full = r["reconnect_TLS13_FULL_tv"]["ir"]
    res = r["reconnect_TLS13_RESUME_tv"]["ir"]
    if res and full / res < 10:
        lines.append(
            "- **TLS 1.3 resumed reconnect: %.1f× cheaper than a full one, not ≥ 10×.** "
            "TLS 1.3 resumption here is psk_dhe_ke: the shipped mbedTLS configuration offers "
            "no pure-PSK mode (port/mbedtls/tv_mbedtls_config.h: OpenSSL-based servers "
            "refuse it unless told otherwise), so a resumed handshake still does an ECDHE "
            "key exchange; it saves the certificate chain and its signature checks. A TLS "
            "1.2 resumption has no key exchange: %.0f× cheaper here." % (
                full / res, r["reconnect_TLS12_FULL_tv"]["ir"] /
                max(1, r["reconnect_TLS12_RESUME_tv"]["ir"])))
    fw = r["fw_shipped"]
    ours = fw["components"].get("ours", {"text": 0, "data": 0})
    if ours["text"] + ours["data"] > 16 * 1024:
        mods = fw["modules"]
        big = sorted(mods, key=lambda m: -(mods[m]["code"] + mods[m]["rodata"]))[:4]
        lines.append(
            "- **Library flash: %s, not ≤ 16 KB.** Largest modules: %s (code + read-only "
            "data; the module table at the end)." % (
                kb(ours["text"] + ours["data"]),
                ", ".join("%s %s + %s" % (m, n(mods[m]["code"]), n(mods[m]["rodata"]))
                          for m in big)))
    lt, lc = r["latency_tv"], r["latency_curl"]
    if lt["p50"] > 0.6 * lc["p50"]:
        lines.append("- **p50 latency %s, not ≤ 0.6× libcurl's %s.**" % (us(lt["p50"]),
                                                                          us(lc["p50"])))
    if lt["p99"] > 2 * lt["p50"]:
        runs = [p["p99"] / p["p50"] for p in r["latency_runs_tv"]]
        lines.append(
            "- **p99 latency %s, more than twice our p50 (%s).** p99/p50 per run: %s. "
            "The client allocates nothing and its average cost per request repeats to "
            "%s across callgrind runs; how much of the tail comes from scheduling the "
            "client and nginx on one CPU of a shared machine was not measured." % (
                us(lt["p99"]), us(lt["p50"]), ", ".join("%.2f" % x for x in runs),
                spread(r["place_TLS13_tv"]["runs"])))
    if not lines:
        return "Every target is met.\n"
    return "Targets missed, and why:\n\n" + "\n".join(lines) + "\n"


def negotiated(r, server):
    """What nginx logged for each client's connections to one server."""
    names = {"tv": "libtradovate", "curl": "libcurl"}
    return ", ".join("%s %s" % (names[c], " / ".join(r["reconnect_%s_%s" % (server, c)].get(
        "negotiated", ["?"]))) for c in CLIENTS)


def notes(r, reps):
    cpu = r["cpu"]
    lines = [
        "How each figure is taken:",
        "",
        "- **Instructions** are counted by callgrind in the client process only, inside the "
        "measured function, divided by the iterations (placeOrder: 1,000 after 100 warm-up "
        "calls; order/list: 3 calls of 1,000 orders after one warm-up); median of %d runs. "
        "The kernel's share of each system call is not included, for either client. The "
        "plaintext rows use a benchmark build of the library with "
        "`TV_CONFIG_ALLOW_PLAINTEXT_LOOPBACK=1` (http:// to loopback only); the normal build "
        "refuses http://." % reps,
        "- **Latency**: 10,000 sequential placeOrders after 1,000 warm-up ones, each timed "
        "with CLOCK_MONOTONIC; client and nginx's single worker pinned to CPU %d "
        "(`taskset`, `worker_cpu_affinity`); nearest-rank percentiles, median of %d runs per "
        "client, the clients alternating." % (cpu, max(reps, 5) if not r["quick"] else reps),
        "- **Cold start** creates a new client (ours parses the CA, libcurl reads the CA file) "
        "and logs in: TCP connect, full TLS 1.3 handshake, POST accesstokenrequest; process-"
        "wide set-up (arena, curl_global_init) is done before. Wall times are medians of 50 "
        "runs (pinned like the latency rows).",
        "- **Reconnect**: nginx closes the connection after every answer; one server keeps "
        "no sessions, the other resumes them (tickets and a session cache). Each measured "
        "call is connect + handshake + placeOrder. Each client offers what it offers by "
        "default; nginx logged, TLS 1.3: %s; TLS 1.2: %s." % (
            negotiated(r, "TLS13_FULL"), negotiated(r, "TLS12_FULL")),
        "- **Memory**: ours is `sizeof(tv_client)` + the caller's buffers (1 KB request, "
        "4 KB response, 64 JSON tokens, 512 B token) + the stack high-water mark of the "
        "session's thread (painted stack) + `tv_tls_arena_peak()`; libcurl + cJSON's is the "
        "peak of heap (requested + allocator overhead) that valgrind's massif saw; its "
        "stack is not counted (session: %s)." % kb(r["mem_curl_session_1000"]["stack_peak"]),
    ]
    res = []
    for key in sorted(k for k in r if k.startswith("reconnect_")):
        v = r[key]
        res.append("%s %d/%d" % (key[len("reconnect_"):], v["resumed"], v["connections"]))
    lines.append("- Handshakes nginx logged as resumed, per server and client (login and "
                 "warm-up included): " + ", ".join(res) + ".")
    return "\n".join(lines) + "\n"


def profile(r):
    p = r["profile"]
    out = ["### Where our instructions go", "",
           "Inclusive instructions per call of the functions that do each phase (callgrind, "
           "same runs as the table; nested rows are part of the row above them).", "",
           "| phase | function | placeOrder, plaintext | placeOrder, TLS 1.3 | per order, "
           "order/list |", "|---|---|---:|---:|---:|"]
    cols = [dict((fn, v) for _, fn, v in p[k]["phases"]) for k in
            ("place_PLAIN_tv", "place_TLS13_tv", "list_PLAIN_tv")]
    labels = []
    for k in ("place_PLAIN_tv", "place_TLS13_tv", "list_PLAIN_tv"):
        for label, fn, _ in p[k]["phases"]:
            if (label, fn) not in labels:
                labels.append((label, fn))
    for label, fn in labels:
        cells = [n(c[fn]) if fn in c else "" for c in cols]
        names = ", ".join("`%s`" % f if f != "jsmn.h" else "jsmn's lines" for f in fn.split("+"))
        out.append("| %s | %s | %s |" % (label.replace("  of which", "&nbsp;&nbsp;of which"),
                                         names, " | ".join(cells)))
    out.append("")
    out.append("Most expensive functions by their own instructions, placeOrder over plaintext:")
    out.append("")
    out.append("| function | file | instructions per call |")
    out.append("|---|---|---:|")
    for fn, v, f in p["place_PLAIN_tv"]["self"]:
        out.append("| `%s` | %s | %s |" % (fn, f, n(v)))
    return "\n".join(out) + "\n"


def footprint_detail(r):
    fw = r["fw_shipped"]
    out = ["### Footprint by module (Cortex-M4, shipped configuration)", "",
           "From the link map of `build/firmware/tradovate-api-fw.elf` (tests/bench/fw_api.c: "
           "the client with every operation kept; bytes). Code and read-only data are told "
           "apart by input section (.text.* / .rodata.*).", "",
           "| component | code + rodata | data | bss |", "|---|---:|---:|---:|"]
    labels = [("ours", "libtradovate"), ("jsmn", "jsmn"), ("mbedcrypto", "libmbedcrypto"),
              ("mbedx509", "libmbedx509"), ("mbedtls", "libmbedtls"),
              ("port", "bare-metal port"), ("image", "application, board, startup, CA"),
              ("libc", "newlib-nano, libgcc"), ("other", "alignment, padding")]
    for key, label in labels:
        row = fw["components"].get(key)
        if not row or key == "jsmn":
            continue
        out.append("| %s | %s | %s | %s |" % (label, n(row["text"]), n(row["data"]),
                                               n(row["bss"])))
        if key == "ours":
            mods = fw["modules"]
            for mod in sorted(mods, key=lambda m: -(mods[m]["code"] + mods[m]["rodata"])):
                mr = mods[mod]
                out.append("| &nbsp;&nbsp;%s | %s + %s | %s | %s |" % (
                    mod, n(mr["code"]), n(mr["rodata"]), n(mr["data"]), n(mr["bss"])))
    return "\n".join(out) + "\n"
