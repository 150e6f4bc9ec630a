#!/usr/bin/python3
"""The HTML report in a real browser (Debian's headless Chromium).

Usage: browser_test.py STATUSLINT SOURCE_DIR WORK_DIR

Loads reports written by `statuslint scan --format html` and checks that:
  - the page logs nothing to the console (no error, no blocked request, no exception); two
    broken pages first prove that such messages are caught;
  - the counts rendered in the DOM equal the JSON report's (tiles, status table, findings,
    not-evaluated rules, inputs);
  - hostile log text (script tags in user agents, paths, referrers) stays text: the page holds
    exactly one script element, its own;
  - the page's size follows the report, not the input (a 200x larger input, same size class);
  - screenshots (light, dark, phone width) are taken and are PNGs.
Exits 77 (skipped) when no chromium is installed.
"""
import html
import html.parser
import json
import os
import shutil
import subprocess
import sys

binary, source, work = sys.argv[1], sys.argv[2], sys.argv[3]
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if chromium is None:
    print("chromium not found: skipped")
    sys.exit(77)
os.makedirs(work, exist_ok=True)
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def browse(page, *flags):
    """Runs headless Chromium on a file; returns (stdout, console lines)."""
    profile = os.path.join(work, "profile")
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
           "--no-first-run", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", *flags,
           "file://" + os.path.abspath(page)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    console = [l for l in run.stderr.splitlines() if ":CONSOLE" in l]
    return run.stdout, console


def report(fmt, out, inputs, *extra):
    run = subprocess.run([binary, "scan", "--format", fmt, "-o", out, "--trends", "--top", "5", "--fail-on", "warning",
                          *extra, *inputs], capture_output=True, text=True)
    check(run.returncode in (0, 1), f"scan --format {fmt} exit {run.returncode}: {run.stderr}")
    return out


# 1. The console detector catches what it must, or the checks below prove nothing.
for name, body in [("console-error", "<script>console.error('boom')</script>"),
                   ("exception", "<script>undefinedFunction()</script>"),
                   ("blocked-request", "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                                       "<img src=\"http://example.invalid/x.png\">")]:
    page = os.path.join(work, name + ".html")
    with open(page, "w") as f:
        f.write("<!DOCTYPE html><title>t</title>" + body)
    _, console = browse(page, "--dump-dom")
    check(console, f"the console detector missed a {name} page")


class Dom(html.parser.HTMLParser):
    """The attributes and text the checks read from the rendered DOM."""

    def __init__(self):
        super().__init__()
        self.tiles, self.statuses, self.findings, self.not_evaluated, self.inputs = {}, {}, {}, {}, {}
        self.scripts, self.handlers, self.title, self.text = 0, 0, "", []
        self.shares, self.reason_groups, self.bars = {}, [], []
        self._row, self._in_title, self._in_head = None, False, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "") or ""
        if tag == "script":
            self.scripts += 1
        self.handlers += sum(1 for name, _ in attrs if name.lower().startswith("on"))
        if tag == "head":
            self._in_head = True
        if tag == "title" and self._in_head:  # the SVG chart's <title>s are hover texts
            self._in_title = True
        if tag == "div" and "tile" in cls.split():
            self.tiles[a["data-metric"]] = int(a["data-v"])
        if tag == "rect" and "data-class" in a:  # the overview's share bar
            self.shares[a["data-class"]] = int(a["data-count"])
        if tag == "rect" and "fill" in a and "title" not in a and "y" in a and a.get("height") != "28":
            self.bars.append((float(a["x"]), float(a["width"])))  # the trend chart's bars
        if tag == "details" and "not-evaluated-reason" in cls.split():
            self.reason_groups.append(int(a["data-rules"]))
        if tag == "details" and "finding" in cls.split():
            self.findings[a["data-rule"]] = int(a["data-count"])
        if tag == "tr" and "data-code" in a:
            self._row = ("status", a["data-code"])
        elif tag == "tr" and "data-rule" in a:
            self._row = ("rule", a["data-rule"])
        elif tag == "tr" and "data-input" in a:
            self._row = ("input", a["data-input"])
            self.inputs[a["data-input"]] = {}
        if tag == "td" and self._row and "data-v" in a:
            kind, key = self._row
            names = cls.split()
            if kind == "status" and "count" in names:
                self.statuses[key] = int(a["data-v"])
            elif kind == "rule":
                self.not_evaluated[key] = int(a["data-v"])
            elif kind == "input":
                for field in ("lines", "records", "malformed", "blank", "other", "no_response"):
                    if field in names:
                        self.inputs[key][field] = int(a["data-v"])
                for q in ("p50", "p95"):
                    if q in names:
                        self.inputs[key][q] = float(a["data-v"]) if a["data-v"] else None

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None
        if tag == "title":
            self._in_title = False
        if tag == "head":
            self._in_head = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        self.text.append(data)


def compare(html_page, json_report, label):
    dom_text, console = browse(html_page, "--dump-dom")
    check(not console, f"{label}: console messages: {console}")
    dom = Dom()
    dom.feed(dom_text)
    with open(json_report) as f:
        j = json.load(f)
    t = j["totals"]
    for metric in ("lines", "records", "malformed", "no_response"):
        check(dom.tiles.get(metric) == t[metric], f"{label}: tile {metric} {dom.tiles.get(metric)} != {t[metric]}")
    for cls in ("4xx", "5xx"):
        check(dom.tiles.get(cls) == j["classes"][cls], f"{label}: tile {cls}")
    for sev in ("error", "warning", "info"):
        want = sum(f["count"] for f in j["findings"] if f["severity"] == sev)
        check(dom.tiles.get(sev + "s") == want, f"{label}: {sev} findings {dom.tiles.get(sev + 's')} != {want}")
    want_status = {("-" if s["code"] is None else str(s["code"])): s["count"] for s in j["statuses"]}
    check(dom.statuses == want_status, f"{label}: status table {dom.statuses} != {want_status}")
    check(dom.findings == {f["rule"]: f["count"] for f in j["findings"]}, f"{label}: findings")
    check(dom.not_evaluated == {n["rule"]: n["records"] for n in j.get("not_evaluated", [])},
          f"{label}: not evaluated")
    for i in j["inputs"]:
        got = dom.inputs.get(i["name"], {})
        for field in ("lines", "records", "malformed", "blank", "other", "no_response"):
            check(got.get(field) == i[field], f"{label}: input {i['name']} {field}")
    want_shares = {c: n for c, n in j["classes"].items() if n}
    check(dom.shares == want_shares, f"{label}: share bar {dom.shares} != {want_shares}")
    check(sum(dom.reason_groups) == len(j.get("not_evaluated", [])), f"{label}: not-evaluated groups {dom.reason_groups}")
    check(len(dom.reason_groups) == len({n["reason"] for n in j.get("not_evaluated", [])}),
          f"{label}: one group per reason")
    for entry in j.get("latency", {}).get("inputs", []):
        want = entry["stats"]["p95"]
        got = dom.inputs.get(entry["name"], {}).get("p95")
        check((got is None and want is None) or (got is not None and want is not None and abs(got - want) < 0.0005),
              f"{label}: input {entry['name']} p95 {got} != {want}")
    check(dom.scripts == 1, f"{label}: {dom.scripts} script elements (only the page's own may exist)")
    check(dom.handlers == 0, f"{label}: {dom.handlers} event-handler attributes (the page sets none)")
    check(dom.title == "statuslint report", f"{label}: title changed to {dom.title!r}")
    return dom


samples = os.path.join(source, "samples")
inputs = [os.path.join(samples, n) for n in ("combined.log", "chrome.har", "firefox.har", "hostile-agents.log")]
page = report("html", os.path.join(work, "report.html"), inputs)
data = report("json", os.path.join(work, "report.json"), inputs)
compare(page, data, "samples")

# With --latency: the latency tables, HAR timings, and p50/p95/p99 over time under the status
# chart, on a page that still says what the JSON says and logs nothing to the console.
lat_inputs = [os.path.join(samples, n) for n in ("alb.log", "chrome.har")]
lat_page = report("html", os.path.join(work, "latency.html"), lat_inputs, "--latency")
lat_dom = compare(lat_page, report("json", os.path.join(work, "latency.json"), lat_inputs, "--latency"), "latency")
lat_text = "".join(lat_dom.text)
for heading in ("Latency (ms)", "HAR timings (ms)", "Latency over time (ms)"):
    check(heading in lat_text, f"latency page: no {heading!r}")

# A time axis shows gaps as gaps: records at 10:00 and 10:05 with minute buckets are two bars
# with four empty minutes between them, not two neighbours.
gap_log = os.path.join(work, "gap.log")
with open(gap_log, "w") as f:
    for minute, status in ((0, 200), (5, 500)):
        f.write(f'10.0.0.1 - - [21/Nov/2026:10:0{minute}:00 +0000] "GET / HTTP/1.1" {status} 1 "-" "u"\n')
gap_page = report("html", os.path.join(work, "gap.html"), [gap_log], "--bucket", "minute")
gap_dom = compare(gap_page, report("json", os.path.join(work, "gap.json"), [gap_log], "--bucket", "minute"), "gap")
check(len(gap_dom.bars) == 2, f"gap page: {len(gap_dom.bars)} trend bars")
if len(gap_dom.bars) == 2:
    (x0, w0), (x1, _) = gap_dom.bars
    check(x1 >= x0 + 4 * w0, f"gap page: the second bar at {x1} is not five minutes after the first ({x0}, {w0})")
check("4 buckets without records" in "".join(gap_dom.text), "gap page: the gap is not said")

# The page's script works: a copy of the page with a driver appended clicks the count header
# (ascending, then descending) and types into the filter; the results land in the DOM.
driver = """<script>
(() => {
  const table = document.getElementById("status-table");
  const counts = () => Array.from(table.tBodies[0].rows).map((r) => Number(r.querySelector("td.count").dataset.v));
  const head = Array.from(table.tHead.rows[0].cells).find((th) => th.textContent === "count");
  head.click();
  const up = counts();
  head.click();
  const down = counts();
  const filter = document.querySelector("input[data-filter=status-table]");
  filter.value = "gateway";
  filter.dispatchEvent(new Event("input"));
  const shown = Array.from(table.tBodies[0].rows).filter((r) => !r.hidden).map((r) => r.dataset.code);
  const out = document.createElement("pre");
  out.id = "driver-result";
  out.textContent = JSON.stringify({up, down, shown});
  document.body.appendChild(out);
})();
</script>"""
with open(page) as f:
    driven = f.read().replace("</body>", driver + "</body>")
driven_page = os.path.join(work, "driven.html")
with open(driven_page, "w") as f:
    f.write(driven)
dump, console = browse(driven_page, "--dump-dom")
check(not console, f"driven page: console messages {console}")
start = dump.find('<pre id="driver-result">')
result = json.loads(html.unescape(dump[start + len('<pre id="driver-result">'):dump.find("</pre>", start)])) \
    if start >= 0 else {}
check(result.get("up") == sorted(result.get("up", [None])), f"sorting ascending: {result.get('up')}")
check(result.get("down") == sorted(result.get("up", []), reverse=True), f"sorting descending: {result.get('down')}")
with open(data) as f:
    statuses = json.load(f)["statuses"]
want_shown = {str(x["code"]) for x in statuses
              if "gateway" in " ".join(str(x.get(k) or "") for k in ("name", "kind", "origin")).lower()}
check(want_shown and set(result.get("shown", [])) == want_shown,
      f"filter 'gateway' shows {result.get('shown')}, expected {sorted(want_shown)}")

# 2. Hostile text is shown as text, never run: it is in the page's text, and no script came of it.
hostile_input = [os.path.join(samples, "hostile-agents.log")]
page = report("html", os.path.join(work, "hostile.html"), hostile_input)
dom = compare(page, report("json", os.path.join(work, "hostile.json"), hostile_input), "hostile")
text = "".join(dom.text)
for hostile in ('"><script>alert(1)</script>', "</style><script>alert(2)</script>", "<img src=x onerror=alert(4)>",
                "<script>alert(7)</script>"):
    check(hostile in text, f"hostile text {hostile!r} is not shown as text")
with open(page) as f:
    raw = f.read()
check(raw.count("<script") == 1, "the page source holds a script tag besides its own")

# 3. Size follows the report, not the input: 200 copies of the combined sample.
big = os.path.join(work, "big.log")
with open(os.path.join(samples, "combined.log"), "rb") as f:
    chunk = f.read()
with open(big, "wb") as f:
    for _ in range(200):
        f.write(chunk)
small_page = report("html", os.path.join(work, "small.html"), [os.path.join(samples, "combined.log")])
big_page = report("html", os.path.join(work, "big.html"), [big])
small_size, big_size = os.path.getsize(small_page), os.path.getsize(big_page)
print(f"report sizes: {small_size} bytes for {len(chunk)} input bytes, {big_size} for {200 * len(chunk)}")
check(big_size < 1.5e6 and big_size < 2 * small_size, "the report grows with the input")
compare(big_page, report("json", os.path.join(work, "big.json"), [big]), "big")

# 4. Screenshots: light, dark, phone width.
for name, flags in [("light", ["--window-size=1280,2200"]), ("dark", ["--window-size=1280,2200", "--force-dark-mode",
                    "--blink-settings=preferredColorScheme=0"]), ("phone", ["--window-size=390,2400"])]:
    shot = os.path.join(work, f"report-{name}.png")
    if os.path.exists(shot):
        os.remove(shot)
    _, console = browse(os.path.join(work, "report.html"), "--screenshot=" + shot, *flags)
    check(not console, f"screenshot {name}: console messages {console}")
    ok = os.path.exists(shot) and os.path.getsize(shot) > 10000
    if ok:
        with open(shot, "rb") as f:
            ok = f.read(8) == b"\x89PNG\r\n\x1a\n"
    check(ok, f"screenshot {name} missing or not a PNG")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("ok: the HTML report renders, matches the JSON report, runs no log text, screenshots in", work)
