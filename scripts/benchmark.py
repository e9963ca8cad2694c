"""Benchmark: prints figures about the build and the delivered site; asserts nothing.

Figures:
  1. clean build time (best and median of --runs), Pagefind's share, pages per language, sizes;
     the editors' preview (`make serve`): time from saving data/contacts.yaml until the served
     page shows the change (median of --runs edits) and its ratio to the clean build (target
     <= 0.25); the time per hook and phase of one build (scripts/build_phases.py, no profiler);
     a profile of one build (watched entries with call counts, our code's top entries by
     cumulative time, own time per package, top entries);
  2. bytes transferred (compressed, as Debian's nginx with deploy/nginx/ sends them, headers
     included) for the first load of the start, finder, project and a legal page in an empty
     browser cache, and for the first search; the finder's answer time where a finder exists;
  3. Material's built-in search index for the same site, as a comparison;
  5. scale runs: the site with synthetic content x10 and x100 (build time, index size,
     bytes of the first search);
  6. the link check summary; 7. Lighthouse scores, if the lighthouse npm package runs offline.
Targets to aim for: start page <= 100 KB on first load; finder answer <= 50 ms.

Every timing is printed with the machine's load: figures taken while other builds run are not
comparable (use the cProfile call counts and shares to decide, and repeat timings).

Usage: python scripts/benchmark.py [--runs 3] [--scale 10,100] [--preview-langs de]
       [--skip phases,serve,profile,transfer,material,scale,lighthouse]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import queue
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from tools.nginx_server import NginxError, NginxServer
from tools.project import CHROMIUM, DEFAULT_LANG, LANG_CODES  # languages: mkdocs.yml
from tools.sitecrawl import all_pages, check_links

ROOT = Path(__file__).resolve().parent.parent

SITE_URL = "http://127.0.0.1:8000/"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run"]
LIGHTHOUSE = "lighthouse@12.8.2"   # runs on Node >= 18.16 (Debian 12 ships 18.19)

#: The pages whose first load is measured: (label, patterns on the address inside the German
#: site, first match wins). Adjust the patterns when the project and legal pages exist.
FIRST_LOAD = [
    ("start", [r"^$"]),
    ("finder", [r"^mentor-finden/$"]),
    ("project", [r"^verzeichnis/chemnitz/$", r"^verzeichnis/(?!kreis-|datenstand)[^/]+/$"]),
    ("legal", [r"^recht/duldung/$", r"^recht/[^/]+/$"]),
    ("decision aid", [r"^recht/check/$"]),
    ("legal notice", [r"^impressum/$"]),
]
#: Typed into the finder for its answer time (postcode, town, part of a town).
FINDER_QUERIES = ["09111", "Annaberg-Buchholz", "Leipzig-Grünau", "01067"]
FINDER_TIMING = """async query => {
    const input = document.getElementById('amm-finder-input');
    const result = document.querySelector('.amm-finder__result');
    const started = performance.now();
    input.value = query;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.form.requestSubmit();
    const handled = performance.now() - started;
    await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return [handled, performance.now() - started, result.textContent.trim().length];
}"""
#: Searched for in the first-search measurement; occurs in every language's index.
QUERY = "Arbeitsmarktmentoren"
#: Figures before issue 18 (this machine), printed next to today's for comparison.
BEFORE = [
    ("clean build", "17.9 s median of 3 (462 pages, quiet machine; commit 6cbfe9d, code review of "
     "2026-11-30); 1,552 Jinja template compilations per build (two new environments for every page)"),
    ("clean build", "20.2 s wall, CPU 19.9 s median of 3 at load 2.2, builds interleaved with the "
     "version that keeps HTML blocks out of Markdown and gives Pagefind its page list (13.9 s wall, "
     "CPU 13.8 s), SITE_URL set, 2026-11-30 (commit 639ee76); under load 4.4-7.7 (9 pairs): CPU "
     "20.2 s vs 14.8 s, wall 25-75 s vs 16-55 s"),
    ("preview", "22 s from saving data/contacts.yaml until the page showed it = 0.96 of a clean "
     "build (every save rebuilt all seven languages)"),
]
#: The data file edited in the preview measurement (the first contact's name is changed).
PREVIEW_EDIT = "data/contacts.yaml"


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def copy_project(target: Path) -> Path:
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", ".pytest_cache", "__pycache__", "*.egg-info", "test-artifacts",
        ".cache", "node_modules"))
    return target


#: CPU seconds (user + system, Pagefind included) of each clean build by build(): less
#: disturbed by other work on the machine than the wall time.
BUILD_CPU: list[float] = []


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process_cpu(pid: int) -> float | None:
    """CPU seconds of a running process and its finished children (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def build(project: Path, site_dir: Path) -> tuple[float, float]:
    """One clean strict build; returns (wall time, Pagefind time as logged by the hook)."""
    shutil.rmtree(site_dir, ignore_errors=True)
    cpu = _children_cpu()
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--site-dir", str(site_dir)], cwd=project, capture_output=True,
                            text=True, env={**os.environ, "SITE_URL": SITE_URL})
    elapsed = time.perf_counter() - started
    BUILD_CPU.append(_children_cpu() - cpu)
    if result.returncode != 0:
        raise RuntimeError("build failed:\n" + result.stdout[-3000:] + result.stderr[-3000:])
    match = re.search(r"search index built in ([0-9.]+) s", result.stdout + result.stderr)
    return elapsed, float(match.group(1)) if match else float("nan")


def size(paths) -> tuple[int, int, int]:
    files = [p for p in paths if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    compressed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return len(files), raw, compressed


def pagefind_index(site: Path) -> list[Path]:
    return [p for p in (site / "pagefind").rglob("*")
            if p.suffix in (".pf_index", ".pf_meta", ".pf_fragment")]


# ---------------------------------------------------------------------------------------------
# 1. clean build

def load() -> str:
    """The machine's load next to every timing: figures taken under load are not comparable."""
    return "load %.2f %.2f %.2f on %d cores" % (*os.getloadavg(), os.cpu_count() or 0)


def section_build(site: Path, runs: int) -> tuple[float, float]:
    """Clean builds; returns the median wall and CPU times."""
    times, pagefind, cpu = [], [], []
    for _ in range(runs):
        elapsed, indexing = build(ROOT, site)
        times.append(elapsed)
        pagefind.append(indexing)
        cpu.append(BUILD_CPU[-1])
    print(f"clean build (mkdocs build --strict, {runs} runs): best {min(times):.2f} s, "
          f"median {statistics.median(times):.2f} s ({load()}; target <= 15 s); CPU time "
          f"(user + system, Pagefind included; less disturbed by other work on the machine) "
          f"median {statistics.median(cpu):.2f} s")
    print("  runs (wall / CPU): " + ", ".join(f"{t:.2f} / {c:.2f} s" for t, c in zip(times, cpu)))
    for label, figure in BEFORE:
        print(f"  before issue 18: {label}: {figure}")
    share = statistics.median(pagefind) / statistics.median(times)
    print(f"  Pagefind indexing: median {statistics.median(pagefind):.2f} s ({share:.0%} of the build)")
    pages = [p for p in all_pages(site, LANG_CODES, DEFAULT_LANG) if not p.path.endswith("404.html")]
    print("  pages per language (without 404): " + ", ".join(
        f"{lang} {sum(p.lang == lang for p in pages)}" for lang in LANG_CODES))
    n, raw, gz = size(site.rglob("*"))
    print(f"  site: {n} files, {kb(raw)} on disk, {kb(gz)} gzipped")
    n, raw, gz = size((site / "pagefind").rglob("*"))
    print(f"  Pagefind bundle and index: {n} files, {kb(raw)} ({kb(gz)} gzipped)")
    index = pagefind_index(site)
    print(f"  Pagefind index files only: {len(index)} files, "
          f"{kb(sum(p.stat().st_size for p in index))} (compressed by Pagefind itself)")
    return statistics.median(times), statistics.median(cpu)


#: Where a build spends its time, watched in the profile (file name ending, function); the
#: call counts show repeated work, e.g. Jinja compiling the same templates for every page.
PROFILE_WATCH = [
    ("jinja2/environment.py", "compile", "Jinja: compile a template"),
    ("jinja2/environment.py", "render", "Jinja: render"),
    ("markdown/core.py", "convert", "Markdown: convert a page"),
    ("html/parser.py", "feed", "HTML parser (md_in_html, MkDocs anchors)"),
    ("mkdocs_static_i18n/reconfigure.py", "reconfigure_files", "i18n: files per language"),
    ("hooks/site_data.py", "on_page_markdown", "hook: markers on a page"),
    ("amm/build.py", "load_all", "data: load and validate"),
    ("amm/directory/pages.py", "directory_pages", "directory pages (Markdown)"),
    ("hooks/search_index.py", "on_post_build", "Pagefind (subprocess)"),
]


def _own_code(file: str) -> bool:
    return file.startswith(tuple(str(ROOT / folder) for folder in ("amm", "hooks", "overrides", "templates")))


def _package(file: str, function: str) -> str:
    """Who a profiled function belongs to: our code (Python and Jinja templates), a library
    (site-packages), the standard library, or builtins (C functions)."""
    if "poll" in function and (file == "~" or file.startswith("<")):
        return "waiting for Pagefind (a subprocess; its CPU time is not in this profile)"
    if file == "~" or file.startswith("<"):
        return "builtins (C: regular expressions, str methods, I/O; called by all of the others)"
    if _own_code(file):
        return "our code: " + Path(file).relative_to(ROOT).parts[0] + "/"
    parts = Path(file).parts
    if "site-packages" in parts:
        name = parts[parts.index("site-packages") + 1]
        return "library: " + ("Material's templates" if name == "material" and file.endswith(".html") else name)
    module = Path(file).parent.name if Path(file).stem == "__init__" else Path(file).stem
    return "Python standard library: " + module


def section_phases(site: Path) -> None:
    """One clean build with timers around every hook, Markdown and the theme templates
    (scripts/build_phases.py): the split without a profiler's overhead."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_phases.py"), str(site), "--strict"],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SITE_URL": SITE_URL})
    try:
        data = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        print("build phases: the build failed:\n" + result.stderr[-2000:])
        return
    ours = sum(row[2] for row in data["parts"] if row[0].startswith("hooks/"))
    print(f"build phases (one clean build, wall {data['wall']:.2f} s; CPU {data['cpu']:.2f} s in Python, "
          f"{data['children_cpu']:.2f} s in Pagefind; {load()}); exclusive times:")
    print("    wall s   CPU s   calls  part")
    for label, wall, cpu, calls in data["parts"][:16]:
        print(f"    {wall:>6.2f}  {cpu:>6.2f}  {calls:>6}  {label}")
    print(f"  our hooks (amm/ code inside them included): CPU {ours:.2f} s = {ours / data['cpu']:.0%} of the "
          "Python CPU time; the rest is MkDocs, Python-Markdown, Material's templates, the i18n plugin "
          "(and Pagefind, apart)")


def section_profile(tmp: Path, top: int = 12) -> None:
    """One clean build under cProfile: the watched entries and the top entries by own time."""
    import pstats

    stats_file, site = tmp / "build.prof", tmp / "profile-site"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build",
         "--strict", "--site-dir", str(site)], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "SITE_URL": SITE_URL})
    elapsed = time.perf_counter() - started
    shutil.rmtree(site, ignore_errors=True)
    if result.returncode != 0:
        print("profile: the build failed:\n" + result.stderr[-2000:])
        return
    stats = pstats.Stats(str(stats_file)).stats
    total = max(entry[3] for entry in stats.values())
    print(f"profile of one clean build (cProfile, {elapsed:.1f} s with profiler overhead, {load()}):")
    print("  watched                                    calls   cumulative  share")
    for ending, function, label in PROFILE_WATCH:
        found = [v for k, v in stats.items() if k[0].endswith(ending) and k[2] == function]
        calls = sum(v[1] for v in found)
        cumulative = max((v[3] for v in found), default=0.0)
        print(f"  {label:<42} {calls:>5} {cumulative:>10.2f} s {cumulative / total:>6.1%}")
    ours = [(k, v) for k, v in stats.items() if _own_code(k[0])]
    print(f"  our code (amm/, hooks/): top {top} by cumulative time (nested entries overlap):")
    for (file, line, function), v in sorted(ours, key=lambda kv: -kv[1][3])[:top]:
        print(f"    {v[3]:>6.2f} s {v[0]:>8} calls  {Path(file).relative_to(ROOT)}:{line}({function})")
    by_package: dict[str, float] = {}
    for (file, _line, function), v in stats.items():
        package = _package(file, function)
        by_package[package] = by_package.get(package, 0.0) + v[2]
    print("  own time (tottime) by package, which sums to the whole run:")
    for package, seconds in sorted(by_package.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {seconds:>6.2f} s {seconds / total:>6.1%}  {package}")
    print(f"  top {top} by own time (tottime):")
    for (file, line, function), v in sorted(stats.items(), key=lambda kv: -kv[1][2])[:top]:
        where = "/".join(Path(file).parts[-2:]) if file != "~" else "builtin"
        print(f"    {v[2]:>6.2f} s {v[1]:>8} calls  {where}:{line}({function})")


# ---------------------------------------------------------------------------------------------
# 2. bytes over the wire, measured at nginx (access log: bytes sent incl. headers, gzip)

class Browser:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_FLAGS)

    def close(self):
        self.browser.close()
        self._pw.stop()


def _transferred(server: NginxServer, since: int) -> tuple[int, int, list]:
    rows = server.access_log()[since:]
    return sum(r[3] for r in rows), len(rows), rows


def first_load(browser: Browser, server: NginxServer, path: str) -> tuple[int, int, list]:
    context = browser.browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    mark = len(server.access_log())
    page.goto(server.root_url + path, wait_until="networkidle")
    result = _transferred(server, mark)
    context.close()
    return result


def second_load(browser: Browser, server: NginxServer, path: str) -> tuple[int, int, list]:
    """Load another page after the first one, with the browser cache from the first."""
    context = browser.browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server.root_url, wait_until="networkidle")
    mark = len(server.access_log())
    page.goto(server.root_url + path, wait_until="networkidle")
    result = _transferred(server, mark)
    context.close()
    return result


def first_search(browser: Browser, server: NginxServer, path: str = "") -> tuple[int, int, float]:
    context = browser.browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.root_url + path, wait_until="networkidle")
    mark = len(server.access_log())
    started = time.perf_counter()
    page.click(".amm-search-toggle")
    page.locator(".pagefind-ui__search-input").fill(QUERY)
    page.locator(".pagefind-ui__result-link").first.wait_for(state="visible")
    shown = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    sent, requests, rows = _transferred(server, mark)
    context.close()
    first_search.rows = rows
    return sent, requests, shown


def _find(site: Path, patterns: list[str]) -> str | None:
    paths = [p.path for p in all_pages(site, LANG_CODES, DEFAULT_LANG) if p.lang == DEFAULT_LANG]
    for pattern in patterns:
        match = next((p for p in paths if re.search(pattern, p)), None)
        if match is not None:
            return match
    return None


def section_transfer(site: Path, server: NginxServer, browser: Browser) -> None:
    print("first load in an empty cache (bytes sent by nginx, gzip, headers included):")
    for label, patterns in FIRST_LOAD:
        path = _find(site, patterns)
        if path is None:
            print(f"  {label}: no such page in this build (patterns {patterns})")
            continue
        sent, requests, rows = first_load(browser, server, path)
        target = "  (target <= 100 KB)" if label == "start" else ""
        biggest = sorted(rows, key=lambda r: -r[3])[:3]
        print(f"  {label} (/{path}): {kb(sent)} in {requests} requests{target}; largest: "
              + ", ".join(f"{r[1].rsplit('/', 1)[-1] or r[1]} {kb(r[3])}" for r in biggest))
    path = _find(site, FIRST_LOAD[-1][1])
    if path is not None:
        sent, requests, rows = second_load(browser, server, path)
        print(f"  next page after the start page (/{path}, warm cache): {kb(sent)} in "
              f"{requests} requests (" + ", ".join(f"{r[1].rsplit('/', 1)[-1] or r[1]} {r[2]}"
                                                    for r in rows) + ")")
    for path in ("", "ar/"):
        sent, requests, shown = first_search(browser, server, path)
        print(f"  first search on /{path} ({QUERY!r}): {kb(sent)} in {requests} requests; "
              f"results after {shown * 1000:.0f} ms (loading Pagefind and typing included)")
        if not path:
            print("    " + ", ".join(f"{r[1].rsplit('/', 1)[-1]} {kb(r[3])}"
                                     for r in sorted(first_search.rows, key=lambda r: -r[3])))
    section_finder(site, server, browser)


def section_finder(site: Path, server: NginxServer, browser: Browser) -> None:
    finder = _find(site, [r"^mentor-finden/$"])
    if not finder or "amm-finder-input" not in (site / finder / "index.html").read_text("utf-8"):
        print("  finder answer time: no finder (#amm-finder-input) in this build")
        return
    context = browser.browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server.root_url + finder, wait_until="networkidle")
    page.locator("#amm-finder-input").wait_for(state="visible")
    print("  finder answer (input + submit handled / until the next frame is painted; median of 5; "
          "target <= 50 ms):")
    for query in FINDER_QUERIES:
        runs = [page.evaluate(FINDER_TIMING, query) for _ in range(5)]
        handled = statistics.median(r[0] for r in runs)
        painted = statistics.median(r[1] for r in runs)
        print(f"    {query!r}: {handled:.1f} ms / {painted:.1f} ms (answer {runs[-1][2]} characters)")
    context.close()


# ---------------------------------------------------------------------------------------------
# 3. Material's own search, for comparison

def with_material_search(project: Path) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nplugins:\n", "\nplugins:\n  - search\n", 1), encoding="utf-8")
    return project


def material_index(site: Path) -> tuple[list[Path], int, int]:
    indexes = list(site.rglob("search_index.json"))
    _, raw, gz = size(indexes)
    return indexes, raw, gz


def section_material_search(tmp: Path) -> None:
    project = with_material_search(copy_project(tmp / "material-search"))
    site = tmp / "material-search-site"
    try:
        elapsed, _ = build(project, site)
    except RuntimeError as error:
        print(f"Material search comparison: the build with Material's search failed: {error}")
        return
    indexes, raw, gz = material_index(site)
    n = len(indexes)
    print(f"Material's built-in search (same site, plugin 'search' added): build {elapsed:.2f} s; "
          f"{n} index file(s), {kb(raw)} ({kb(gz)} gzipped), all loaded on the first search, "
          f"plus the lunr worker (search.*.min.js)")
    for index in indexes[:3]:
        docs = len(json.loads(index.read_text(encoding="utf-8")).get("docs", []))
        print(f"  {index.relative_to(site)}: {docs} entries, {kb(index.stat().st_size)}")


# ---------------------------------------------------------------------------------------------
# 1b. the editors' preview: `make serve` after a data edit

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _first_contact_name(data_file: Path) -> tuple[str, str]:
    """(the line with the first contact's name, the name) in data/contacts.yaml."""
    for line in data_file.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s+name:\s*(\S.*)$", line)
        if match:
            return line, match.group(1).strip().strip('"')
    raise RuntimeError(f"{data_file}: no contact name found")


def _page_showing(site: Path, text: str) -> str | None:
    """The first German directory page of the clean build that shows text (its address)."""
    for page in all_pages(site, LANG_CODES, DEFAULT_LANG):
        if (page.lang == DEFAULT_LANG and page.path.startswith("verzeichnis/")
                and text in page.file.read_text(encoding="utf-8")):
            return page.path
    return None


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def section_serve(tmp: Path, site: Path, clean: tuple[float, float], langs: str, edits: int) -> None:
    """The editors' loop: `make serve` (mkdocs serve with AMM_PREVIEW_LANGS=langs); the time from
    saving a changed contact name in data/contacts.yaml until the served page shows it."""
    project = copy_project(tmp / "serve")
    data = project / PREVIEW_EDIT
    line, name = _first_contact_name(data)
    path = _page_showing(site, html.escape(name, quote=False))
    if path is None:
        print(f"preview: no German directory page shows {name!r}; not measured")
        return
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{path}"
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "AMM_PREVIEW_LANGS": langs})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(ln) for ln in process.stdout], daemon=True).start()

    def wait_for(pattern: str, timeout: float) -> float | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                if process.poll() is not None:
                    return None
                continue
            if re.search(pattern, line):
                return time.perf_counter()
        return None

    state = {"building": 0, "builds": 0, "reloads": 0}

    def read(timeout: float) -> bool:
        """Read one line of the server's output (False if none came); count builds and reloads."""
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            return False
        if "Building documentation" in line:
            state["building"] += 1
            state["builds"] += 1
        elif "Documentation built in" in line or "Aborted" in line:
            state["building"] -= 1
        elif "Reloading browsers" in line:
            state["reloads"] += 1
        return True

    def settle(quiet: float = 2.0) -> None:
        """Wait until no rebuild runs and the server has printed nothing for `quiet` seconds."""
        while read(quiet) or state["building"] > 0:
            pass

    try:
        started = time.perf_counter()
        ready = wait_for(r"Serving on", 300)
        if ready is None:
            print("preview (mkdocs serve): did not start")
            return
        print(f"preview (make serve LANGS={langs}): first build and start {ready - started:.2f} s; "
              f"watching /{path}")
        times: list[float] = []
        cpus: list[float] = []
        settle()
        for i in range(edits):
            token = f"Bench{i}x{port}"
            text = data.read_text(encoding="utf-8")
            data.write_text(text.replace(line, f"{line} {token}", 1), encoding="utf-8")
            line = f"{line} {token}"
            saved, cpu = time.perf_counter(), _process_cpu(process.pid)
            reloads = state["reloads"]
            # shown = the page has the change and the server told the browser to reload
            while state["reloads"] == reloads or token not in _fetch(url):
                if time.perf_counter() - saved > 300 or process.poll() is not None:
                    print(f"  edit {i + 1}: the page did not show the change within 300 s")
                    return
                while read(0.02):
                    pass
            times.append(time.perf_counter() - saved)
            settle()   # the rebuild's CPU time: until it has finished
            after = _process_cpu(process.pid)
            if cpu is not None and after is not None:
                cpus.append(after - cpu)
        median = statistics.median(times)
        print(f"  saving {PREVIEW_EDIT} until /{path} shows the change ({edits} edits, {state['builds']} "
              f"rebuilds, {load()}): " + ", ".join(f"{t:.2f} s" for t in times)
              + f"; median {median:.2f} s")
        print(f"  preview / clean build: {median:.2f} s / {clean[0]:.2f} s = {median / clean[0]:.2f} "
              f"(target <= 0.25)")
        if cpus:
            cpu_median = statistics.median(cpus)
            print(f"  CPU time per save (rebuild, Pagefind included): median {cpu_median:.2f} s; "
                  f"/ clean build's {clean[1]:.2f} s = {cpu_median / clean[1]:.2f}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


# ---------------------------------------------------------------------------------------------
# 5. scale runs

def scale_pages(project: Path, factor: int) -> str:
    """Synthetic content: every page (all languages) copied factor-1 more times."""
    docs = project / "docs"
    originals = sorted(docs.glob("*.md"))
    for i in range(1, factor):
        for page in originals:
            (docs / f"synth-{i:03d}-{page.name}").write_text(page.read_text(encoding="utf-8"),
                                                             encoding="utf-8")
    return f"pages x{factor}"


#: How a scale run multiplies the site. After the project directory is merged, add a
#: "projects" scaler that multiplies the entries of data/projects.yaml (with unique ids and
#: slugs) and select it with --scale-by projects.
SCALERS = {"pages": scale_pages}


def section_scale(tmp: Path, factors: list[int], scaler: str, browser: Browser | None,
                  material: bool) -> None:
    print(f"scale runs ({scaler}; one build each):")
    rows = []
    for factor in [1, *factors]:
        project = copy_project(tmp / f"scale-{factor}")
        label = SCALERS[scaler](project, factor) if factor > 1 else "as is"
        site = tmp / f"scale-{factor}-site"
        try:
            elapsed, indexing = build(project, site)
        except RuntimeError as error:
            print(f"  x{factor}: {error}")
            continue
        pages = len(all_pages(site, LANG_CODES, DEFAULT_LANG))
        index = pagefind_index(site)
        search = ""
        if browser is not None:
            with NginxServer(site) as server:
                sent, requests, _ = first_search(browser, server)
            search = f", first search {kb(sent)} in {requests} requests"
        rows.append((factor, elapsed))
        print(f"  x{factor} ({label}): {pages} HTML pages, build {elapsed:.1f} s "
              f"(Pagefind {indexing:.1f} s), Pagefind index {len(index)} files "
              f"{kb(sum(p.stat().st_size for p in index))}{search}")
        shutil.rmtree(site, ignore_errors=True)
        if material:
            try:
                build(with_material_search(project), site)
                _, raw, gz = material_index(site)
                print(f"       Material's search index for the same pages: {kb(raw)} "
                      f"({kb(gz)} gzipped), all of it loaded on the first search")
            except RuntimeError as error:
                print(f"       Material's search build failed: {error}")
        shutil.rmtree(project, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
    if len(rows) > 1:
        base = rows[0][1]
        print("  build time relative to x1: " + ", ".join(f"x{f}: {t / base:.1f}" for f, t in rows))


# ---------------------------------------------------------------------------------------------
# 7. Lighthouse (optional)

def _lighthouse_binary() -> tuple[Path | None, str]:
    on_path = shutil.which("lighthouse")
    if on_path:
        return Path(on_path), "on PATH"
    if not shutil.which("npm"):
        return None, "npm is not installed (apt-get install npm) "
    prefix = ROOT / ".cache" / LIGHTHOUSE.replace("@", "-")
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        result = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix",
                                 str(prefix), LIGHTHOUSE], capture_output=True, text=True)
        if result.returncode != 0 or not binary.exists():
            return None, "npm could not install it: " + (result.stderr.strip().splitlines()
                                                          or ["no output"])[-1]
    return binary, f"{LIGHTHOUSE} in {prefix.relative_to(ROOT)}"


def section_lighthouse(server: NginxServer) -> None:
    binary, where = _lighthouse_binary()
    if binary is None:
        print(f"Lighthouse: not run: {where}")
        return
    print(f"Lighthouse ({where}, Debian's Chromium, mobile emulation, local nginx):")
    for path in ("", "ar/", "impressum/"):
        data, error = None, ""
        for _ in range(2):   # Lighthouse sometimes loses its trace (NO_NAVSTART): one retry
            data, error = _lighthouse_run(binary, server.root_url + path)
            if data is not None:
                break
        if data is None:
            print(f"  /{path}: Lighthouse failed: {error}")
            continue
        scores = ", ".join(f"{c['title']} {round(c['score'] * 100)}"
                           for c in data["categories"].values() if c["score"] is not None)
        audits = data["audits"]
        metrics = ", ".join(f"{name} {audits[key]['displayValue']}" for name, key in
                            (("FCP", "first-contentful-paint"), ("LCP", "largest-contentful-paint"),
                             ("TBT", "total-blocking-time"), ("CLS", "cumulative-layout-shift"))
                            if key in audits and audits[key].get("displayValue"))
        print(f"  /{path}: {scores}; {metrics}")


def _lighthouse_run(binary: Path, url: str) -> tuple[dict | None, str]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        result = subprocess.run(
            [str(binary), url, "--output=json", f"--output-path={report}",
             "--quiet", "--only-categories=performance,accessibility,best-practices,seo",
             "--chrome-flags=" + " ".join(CHROME_FLAGS)],
            capture_output=True, text=True, timeout=300,
            env={**os.environ, "CHROME_PATH": CHROMIUM})
        if result.returncode != 0 or not report.exists():
            return None, (result.stderr.strip().splitlines() or ["no output"])[-1]
        return json.loads(report.read_text(encoding="utf-8")), ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", default="10,100", help="factors, e.g. 10,100; empty: none")
    parser.add_argument("--scale-by", default="pages", choices=sorted(SCALERS))
    parser.add_argument("--skip", default="", help="comma-separated: phases, serve, profile, "
                        "transfer, material, scale, lighthouse")
    parser.add_argument("--preview-langs", default="de",
                        help="languages the preview builds (make serve LANGS=...), default de")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    factors = [int(f) for f in args.scale.split(",") if f.strip()]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        clean = section_build(site, args.runs)
        if "phases" not in skip:
            section_phases(tmp / "phases-site")
        if "serve" not in skip:
            section_serve(tmp, site, clean, args.preview_langs, args.runs)
        if "profile" not in skip:
            section_profile(tmp)
        print("links: " + check_links(site, SITE_URL).summary())
        browser = None
        try:
            browser = Browser()
        except Exception as error:  # noqa: BLE001  (a benchmark reports and goes on)
            print(f"browser figures skipped: Chromium could not start ({error})")
        try:
            with NginxServer(site) as server:
                if browser and "transfer" not in skip:
                    section_transfer(site, server, browser)
                if "lighthouse" not in skip:
                    section_lighthouse(server)
        except NginxError as error:
            print(f"transfer figures and Lighthouse skipped: {error}")
        if "material" not in skip:
            section_material_search(tmp)
        if factors and "scale" not in skip:
            section_scale(tmp, factors, args.scale_by, browser, "material" not in skip)
        if browser:
            browser.close()


if __name__ == "__main__":
    main()
