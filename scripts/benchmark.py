"""Benchmark: prints figures about the build and the output; asserts nothing.

Figures: clean build time (best and median of --runs), pages per language, site size,
Pagefind index size and Pagefind's share of the build time.
Usage: python scripts/benchmark.py [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import DEFAULT_LANG, LANG_CODES  # noqa: E402  (one list of languages: mkdocs.yml)


def build(site_dir: Path) -> tuple[float, float]:
    """One clean strict build; returns (wall time, Pagefind time as logged by the hook)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "--site-dir", str(site_dir)], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit("build failed:\n" + result.stdout + result.stderr)
    match = re.search(r"search index built in ([0-9.]+) s", result.stdout + result.stderr)
    return elapsed, float(match.group(1)) if match else float("nan")


def size(path: Path) -> tuple[int, int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    compressed = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return len(files), raw, compressed


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        times, pagefind = [], []
        for _ in range(args.runs):
            elapsed, indexing = build(site)
            times.append(elapsed)
            pagefind.append(indexing)
        print(f"clean build (mkdocs build --strict, {args.runs} runs): best {min(times):.2f} s, "
              f"median {statistics.median(times):.2f} s")
        share = statistics.median(pagefind) / statistics.median(times)
        print(f"Pagefind indexing: median {statistics.median(pagefind):.2f} s "
              f"({share:.0%} of the build)")
        print("pages per language (without 404):")
        for lang in LANG_CODES:
            folder = site if lang == DEFAULT_LANG else site / lang
            pages = [p for p in folder.rglob("index.html")
                     if lang != DEFAULT_LANG or not any(p.is_relative_to(site / c) for c in LANG_CODES)]
            pages = [p for p in pages if not p.is_relative_to(site / "pagefind")]
            print(f"  {lang}: {len(pages)}")
        n, raw, gz = size(site)
        print(f"site: {n} files, {kb(raw)} on disk, {kb(gz)} gzipped")
        n, raw, gz = size(site / "pagefind")
        print(f"Pagefind bundle and index: {n} files, {kb(raw)}, {kb(gz)} gzipped")
        index = [p for p in (site / "pagefind").rglob("*") if p.suffix in (".pf_index", ".pf_meta",
                                                                           ".pf_fragment")]
        print(f"Pagefind index files only: {len(index)} files, "
              f"{kb(sum(p.stat().st_size for p in index))} (already compressed by Pagefind)")
        start = [site / "index.html", site / "assets" / "site.css", site / "assets" / "search.js"]
        start += list((site / "assets" / "stylesheets").glob("main.*.min.css"))
        start += list((site / "assets" / "stylesheets").glob("palette.*.min.css"))
        start += list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
        total = sum(len(gzip.compress(p.read_bytes(), 6)) for p in start)
        print(f"start page first load (HTML, CSS, JS; gzipped, without favicon): {kb(total)}")


if __name__ == "__main__":
    main()
