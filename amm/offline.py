"""The offline copy (service worker): which files each language keeps after the first visit,
and the build version that replaces the copy when the site is rebuilt.

`overrides/sw.js` is copied into the site by the theme; after every language is built,
`write_service_worker` fills in its two placeholders: the build version (a hash of every built
file, so any change to the site makes browsers install the new worker, which deletes the old
copy) and, per language, the pages a mentee needs without a connection plus the files those
pages load. Pages a visitor opens are kept as well (by the worker, as they are visited), each
under its own address, so a language never gets another language's copy.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

#: Pages kept for offline use in every language (paths below the language's root).
CORE_PAGES = ("", "mentor-finden/", "recht/mein-status/", "anerkennung/kurz/", "recht/check/")
#: Files the pages load on demand (not visible in their HTML).
ON_DEMAND = ("assets/finder.json",)
VERSION_PLACEHOLDER = "__AMM_VERSION__"
CORE_PLACEHOLDER = "__AMM_CORE__"
_REFERENCES = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"')


def build_version(site: Path) -> str:
    """A short hash over every built file (names and contents), except the worker itself and
    the search index (not kept offline)."""
    digest = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and relative != "sw.js" and not relative.startswith("pagefind/"):
            digest.update(relative.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _page_files(site: Path, page: str) -> list[str]:
    """The site files a built page loads (scripts, stylesheets, icon), as paths from the site root."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    base = "http://site/" + page
    found = []
    for ref in _REFERENCES.findall(html):
        url = urlparse(urljoin(base, ref.replace("&amp;", "&")))
        if url.netloc == "site" and (site / url.path.lstrip("/")).is_file():
            found.append(url.path.lstrip("/"))
    return found


def core_files(site: Path, languages: list[str], default: str) -> dict[str, list[str]]:
    """Per language: its core pages that exist, then every file they load, without repeats."""
    core = {}
    for lang in languages:
        prefix = "" if lang == default else f"{lang}/"
        pages = [prefix + p for p in CORE_PAGES if (site / prefix / p / "index.html").is_file()]
        files = list(pages) + list(ON_DEMAND)
        for page in pages:
            files += _page_files(site, page)
        core[lang] = list(dict.fromkeys(files))
    return core


def write_service_worker(site: Path, languages: list[str], default: str) -> str:
    """Fill in sw.js (copied by the theme); returns the build version."""
    worker = site / "sw.js"
    version = build_version(site)
    text = worker.read_text(encoding="utf-8")
    core = json.dumps(core_files(site, languages, default), ensure_ascii=False, separators=(",", ":"))
    worker.write_text(text.replace(VERSION_PLACEHOLDER, version).replace(CORE_PLACEHOLDER, core), encoding="utf-8")
    return version
