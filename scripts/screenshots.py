"""Screenshots of built pages in Debian's Chromium, for looking at what we build.

Usage: python scripts/screenshots.py [SITE_DIR] [PATH ...]   (default: site/, start page in de and ar)
Writes PNGs to test-artifacts/screenshots/ at phone size (390x844) and desktop size (1280x900).
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    paths = sys.argv[2:] or ["", "ar/"]
    out = ROOT / "test-artifacts" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                    args=["--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking"])
        for name, viewport, mobile in (("phone", (390, 844), True), ("desktop", (1280, 900), False)):
            ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                      is_mobile=mobile, has_touch=mobile)
            page = ctx.new_page()
            for path in paths:
                page.goto(base + path)
                slug = (path.strip("/").replace("/", "_") or "de-index")
                target = out / f"{slug}-{name}.png"
                page.screenshot(path=str(target), full_page=(name == "desktop"))
                print(target)
            ctx.close()
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
