"""Built HTML for tests: parsed with selectolax (lexbor, an HTML5 parser), found with CSS
selectors, each file parsed at most once per process.

    doc = parse(site / "impressum" / "index.html")
    text(doc.css_first(".amm-stand"))          # its text, whitespace collapsed
    doc.css_first("a.amm-law").attrs.get("href")
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode


@lru_cache(maxsize=128)   # about 90 MB of parsed pages at most
def _parse_file(path: Path, mtime_ns: int, size: int) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def parse(source: str | Path) -> LexborHTMLParser:
    """A document from HTML text, or from a file (cached: a file is parsed once as long as it is
    unchanged; treat the result as read-only)."""
    if isinstance(source, Path):
        stat = source.stat()
        return _parse_file(source.resolve(), stat.st_mtime_ns, stat.st_size)
    return LexborHTMLParser(source)


def parse_uncached(path: Path) -> LexborHTMLParser:
    """A document from a file without keeping it (for one pass over the whole site)."""
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def text(node: LexborNode | LexborHTMLParser | None) -> str:
    """The text of an element and everything in it, runs of whitespace collapsed to one space."""
    assert node is not None, "no such element"
    return " ".join(node.text().split())


def classes(node: LexborNode) -> set[str]:
    return set((node.attrs.get("class") or "").split())


def content(template: LexborNode) -> LexborNode:
    """What a <template> holds: not part of the document tree (HTML5), so css() on the page never
    reaches it; search this fragment instead."""
    [fragment] = template.template_fragments()
    return fragment


def roots(doc: LexborHTMLParser | LexborNode) -> list[LexborNode]:
    """The document (or element) and the content of every <template> in it, nested ones too: what
    a check over everything a page can show (links, inline code, marked words) must search."""
    found = [doc.root if isinstance(doc, LexborHTMLParser) else doc]
    for node in found:   # grows while it is walked: fragments inside fragments
        found += node.template_fragments()
    return found
