"""hooks/search_index.py hands Pagefind the pages it indexes (those with data-pagefind-body),
so that it does not read the others; where that list cannot be given, Pagefind reads all."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("search_index_hook", ROOT / "hooks" / "search_index.py")
search_index = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_index)

MARKED = '<html><body><div class="amm-content" data-pagefind-body><p>Duldung</p></div></body></html>'
PLAIN = "<html><body><p>Deutsche Fassung</p></body></html>"


def _site(tmp_path, pages: dict[str, str]):
    for path, text in pages.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def test_only_the_marked_pages_are_named(tmp_path):
    site = _site(tmp_path, {"index.html": MARKED, "recht/duldung/index.html": MARKED,
                            "en/recht/duldung/index.html": PLAIN, "404.html": PLAIN,
                            "assets/data.json": MARKED})
    assert search_index._only_marked(site) == ["--glob", "{index.html,recht/duldung/index.html}"]


def test_without_any_marked_page_pagefind_reads_every_page(tmp_path):
    site = _site(tmp_path, {"index.html": PLAIN, "en/index.html": PLAIN})
    assert search_index._only_marked(site) == []


def test_a_path_with_a_glob_character_lets_pagefind_read_every_page(tmp_path):
    site = _site(tmp_path, {"index.html": MARKED, "a{b}/index.html": MARKED})
    assert search_index._only_marked(site) == []
