"""The built site as a crawler sees it: every HTML page, its language and page type, and a
check of every internal link and anchor (HTML parsed with selectolax, tools/html.py).

Page types are what the quality gates (axe, keyboard, privacy crawl) visit one page of, in
every language. They are derived from the address, so pages that later work adds are covered
without changes here:
  - an explicit entry in PAGE_TYPES wins (first matching pattern);
  - a page one folder deep ("impressum/") is a type of its own;
  - deeper pages are grouped by their folder ("projekte/chemnitz/" -> "projekte/*");
  - a page that shows the German text because its translation is missing is a separate
    type ("... (German fallback)"), since it mixes languages and directions.
The browser sweeps (axe, phone width, keyboard) visit `sweep_pages`: every type in German and
Arabic, the language-dependent types in the other languages (see there).
AMM_EVERY_PAGE=types makes them visit one page of every type in every language,
AMM_EVERY_PAGE=1 every page.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from tools.html import parse_uncached, roots

#: (pattern on the address inside a language, type name). Extend when a group of pages should
#: be checked as one type although the automatic rule would not group them.
PAGE_TYPES: list[tuple[str, str]] = [
    (r"^$", "start"),
    (r"^404\.html$", "not found (404)"),
    (r"^recht/check/$", "legal: decision aid"),
    (r"^recht/mein-status/$", "legal: overview for mentees"),
    (r"^recht/uebersicht/$", "legal: overview and matrix"),
    (r"^recht/faq/$", "legal: questions"),
    (r"^recht/aenderungen/$", "legal: changes"),
    (r"^recht/[^/]+/$", "legal: status page"),
    (r"^verzeichnis/datenstand/$", "directory: data status"),
    (r"^verzeichnis/kreis-[^/]+/$", "directory: district"),
    (r"^verzeichnis/zettel-[^/]+/$", "directory: referral slip"),
    (r"^verzeichnis/anfrage-[^/]+/$", "directory: request to the coordination"),
    (r"^verzeichnis/[^/]+/$", "directory: project"),
]

LINK_ATTRS = {"a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",),
              "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
              "video": ("src", "poster"), "audio": ("src",), "form": ("action",),
              "object": ("data",), "embed": ("src",)}
LINK_SELECTOR = ", ".join(LINK_ATTRS)
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "ftp"}


@dataclass(frozen=True)
class Page:
    path: str      # address relative to the site root: "", "ar/", "impressum/", "ar/404.html"
    file: Path
    lang: str
    type: str

    def url(self, base: str) -> str:
        return base + self.path


def _lang_and_rest(path: str, languages: list[str], default: str) -> tuple[str, str]:
    first, _, rest = path.partition("/")
    if first in languages and first != default:
        return first, rest
    return default, path


def page_type(rest: str, fallback: bool) -> str:
    name = next((n for pattern, n in PAGE_TYPES if re.search(pattern, rest)), None)
    if name is None:
        parts = rest.strip("/").split("/")
        name = parts[0] if len(parts) == 1 else "/".join(parts[:-1]) + "/*"
    return name + (" (German fallback)" if fallback else "")


def all_pages(site: Path, languages: list[str], default: str) -> list[Page]:
    pages = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        lang, rest = _lang_and_rest(path, languages, default)
        fallback = "amm-notice--fallback" in file.read_text(encoding="utf-8")
        pages.append(Page(path, file, lang, page_type(rest, fallback)))
    return pages


def representative_pages(site: Path, languages: list[str], default: str) -> list[Page]:
    """One page of every type in every language (every page with AMM_EVERY_PAGE=1)."""
    pages = all_pages(site, languages, default)
    if os.environ.get("AMM_EVERY_PAGE", "") not in ("", "types"):
        return pages
    chosen: dict[tuple[str, str], Page] = {}
    for page in pages:
        chosen.setdefault((page.lang, page.type), page)
    return list(chosen.values())


#: Languages in which the browser sweeps visit every page type: German (the default, left to
#: right, the longest compound words) and Arabic (right to left, Arabic script).
EVERY_TYPE_IN = ("de", "ar")
#: Page types visited in every other language too: those whose text or layout depends on the
#: language beyond translated strings in the same template. The start page (header, language
#: menu, search, entry tiles: the interface texts of the language); the mentees' overview (the
#: longest translated page: long words, tables, sections of law inside the language's text); the
#: referral slip (the language and German side by side in one table: the widest layout); the
#: glossary (German terms with their explanation in the language).
IN_EVERY_LANGUAGE = ("start", "legal: overview for mentees", "directory: referral slip", "glossar")


def sweep_pages(site: Path, languages: list[str], default: str) -> list[Page]:
    """The pages the browser sweeps (axe, phone width) visit. Every page type shares its template
    and style sheet across languages; what a language changes is its text (length of words and
    labels), its direction and its script. So: every type in EVERY_TYPE_IN (LTR and RTL, German
    fallback pages included), and the types in IN_EVERY_LANGUAGE in each other language.
    AMM_EVERY_PAGE=types: one page of every type in every language; AMM_EVERY_PAGE=1: every page."""
    pages = representative_pages(site, languages, default)
    if os.environ.get("AMM_EVERY_PAGE"):
        return pages
    chosen = [p for p in pages if p.lang in EVERY_TYPE_IN or p.type in IN_EVERY_LANGUAGE]
    missing = sorted({(lang, t) for lang in languages for t in IN_EVERY_LANGUAGE}
                     - {(p.lang, p.type) for p in chosen})
    assert not missing, f"no page of these types: {missing} (tools/sitecrawl.py IN_EVERY_LANGUAGE)"
    return chosen


# ---------------------------------------------------------------------------------------------
# Link check

@dataclass
class LinkReport:
    pages: int = 0
    internal: int = 0
    broken: list[str] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def external_text(self) -> str:
        lines = ["# External links in the built site (listed, not fetched)",
                 "# address <TAB> number of pages <TAB> first page"]
        for url in sorted(self.external):
            where = self.external[url]
            lines.append(f"{url}\t{len(where)}\t{where[0]}")
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        hosts = {urlparse(u).hostname or urlparse(u).scheme for u in self.external}
        return (f"{self.pages} pages, {self.internal} internal links and anchors checked, "
                f"{len(self.broken)} broken; {len(self.external)} distinct external addresses "
                f"on {len(hosts)} hosts or schemes")


def _ids(file: Path, cache: dict[Path, set[str]]) -> set[str]:
    if file not in cache:
        found = roots(parse_uncached(file))   # what templates hold counts: scripts insert it
        cache[file] = {n.attrs.get("id") for r in found for n in r.css("[id]")} | {
            n.attrs.get("name") for r in found for n in r.css("a[name]")}
        cache[file] -= {"", None}
    return cache[file]


def _target_file(site: Path, page_file: Path, path: str, base_path: str) -> Path | None:
    """The file an internal address points to, or None when it points outside the site."""
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        target = site / path[len(base_path):]
    elif path:
        target = (page_file.parent / path).resolve()
    else:
        return page_file
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def check_links(site: Path, site_url: str) -> LinkReport:
    """Every internal href/src must name an existing file; every #fragment an id on it.
    Links to the site's own address (canonical, hreflang) count as internal."""
    site = site.resolve()
    own = urlparse(site_url)
    base_path = own.path if own.path.endswith("/") else own.path + "/"
    report = LinkReport()
    ids: dict[Path, set[str]] = {}
    targets: dict[tuple[Path, str], tuple[Path | None, bool]] = {}   # pages of a folder share links
    for file in sorted(site.rglob("*.html")):
        if file.relative_to(site).as_posix().startswith("pagefind/"):
            continue
        report.pages += 1
        page = file.relative_to(site).as_posix()
        for node in (n for r in roots(parse_uncached(file)) for n in r.css(LINK_SELECTOR)):
            for attr in LINK_ATTRS[node.tag]:
                value = node.attrs.get(attr)
                if not value:
                    continue
                values = [v.strip().split(" ")[0] for v in value.split(",")] \
                    if attr == "srcset" else [value.strip()]
                for href in values:
                    _check_one(site, file, page, href, own, base_path, report, ids, targets)
    return report


def _check_one(site, file, page, href, own, base_path, report, ids, targets) -> None:
    url = urlparse(href)
    if url.scheme in ("data", "javascript"):
        return
    if url.scheme or url.netloc:
        if url.scheme in ("http", "https", "") and url.netloc == own.netloc \
                and url.path.startswith(base_path):
            path = url.path   # the site's own absolute address
        elif url.scheme in EXTERNAL_SCHEMES or url.netloc:
            # "report a mistake" links differ per page only in subject and body
            key = f"mailto:{url.path} (with subject/body)" if url.scheme == "mailto" \
                and url.query else href
            report.external[key].append(page)
            return
        else:
            report.broken.append(f"{page}: unknown scheme in {href!r}")
            return
    else:
        path = url.path
    report.internal += 1
    path = unquote(path)
    key = (file.parent if path else file, path)   # where it points depends on the folder only
    if key not in targets:
        target = _target_file(site, file, path, base_path)
        targets[key] = target, target is not None and target.is_file() and target.resolve().is_relative_to(site)
    target, exists = targets[key]
    if target is None:
        report.broken.append(f"{page}: {href!r} points outside the site ({base_path})")
        return
    if not exists:
        report.broken.append(f"{page}: {href!r} -> missing {target}")
        return
    fragment = unquote(url.fragment)
    if fragment and target.suffix == ".html" and fragment not in _ids(target, ids):
        report.broken.append(f"{page}: {href!r} -> no id {fragment!r} in "
                             f"{target.relative_to(site).as_posix()}")
