"""Link check of a fresh build: every internal link and anchor, in every language.

Builds the site into a temporary folder (or checks --site DIR, built for --site-url), prints a
summary and the broken links, and writes the external links (listed, not fetched) to
test-artifacts/external-links.txt. Exit status 1 when an internal link or anchor is broken.
Usage: python scripts/links.py [--site DIR --site-url URL]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.sitecrawl import check_links

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="an already built site (default: build one now)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", "http://127.0.0.1:8000/"),
                        help="the SITE_URL the site was built with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site) if args.site else Path(tmp) / "site"
        if not args.site:
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                cwd=ROOT, capture_output=True, text=True,
                env={**os.environ, "SITE_URL": args.site_url})
            if result.returncode != 0:
                print(result.stdout + result.stderr, file=sys.stderr)
                return result.returncode
        report = check_links(site, args.site_url)
    out = ROOT / "test-artifacts" / "external-links.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report.external_text(), encoding="utf-8")
    print("links: " + report.summary())
    print(f"external links listed in {out.relative_to(ROOT)}")
    for line in report.broken:
        print("  BROKEN " + line)
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
