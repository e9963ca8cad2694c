"""Privacy, in a real browser: the pages of the browser sweeps (tools/sitecrawl.py `sweep_pages`:
every page type in German and Arabic, the language-dependent types in the other languages; what a
page requests comes from its template and scripts, the same in every language, while the static
link check in test_links.py covers every address on every page), a missing page in every
language and one search per language (each language has its own search index). Every request
goes to the site itself; no cookies; nothing in the browser's storage that could identify a
person."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from conftest import DEFAULT_LANG, LANG_CODES, lang_prefix
from tools.sitecrawl import sweep_pages

pytestmark = pytest.mark.browser

#: Interface state Material for MkDocs may keep in localStorage/sessionStorage (key suffixes
#: after "<site path>."). None of it identifies a person. Any other key fails the test: check
#: what it holds and, if the site keeps it, name it on the privacy page (docs/datenschutz*.md).
MATERIAL_UI_STATE = {"__palette", "__tabs", "__consent", "__announce", "__outdated"}

#: A word that occurs in every language's search index (the programme's name).
QUERY = "Arbeitsmarktmentoren"


def test_every_request_stays_on_the_site_and_nothing_identifies_the_visitor(
        context, server, site):
    origin = urlparse(server)
    requests: list[str] = []
    missing: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("response", lambda response: response.status == 404
               and "gibt-es-nicht" not in response.url and missing.append(response.url))
    page = context.new_page()
    stored: dict[str, str] = {}

    def remember_storage():
        for key, value in page.evaluate(
                "() => [...Object.entries(localStorage), ...Object.entries(sessionStorage)]"):
            stored[key] = value

    visited = 0
    for site_page in sweep_pages(site, LANG_CODES, DEFAULT_LANG):
        page.goto(site_page.url(server))   # waits for "load"; requests started later are
        remember_storage()                  # recorded too, as long as they start at all
        visited += 1
    for lang in LANG_CODES:
        page.goto(server + lang_prefix(lang) + "gibt-es-nicht/")
        page.goto(server + lang_prefix(lang))
        page.click(".amm-search-toggle")
        page.locator(".pagefind-ui__search-input").fill(QUERY)
        page.locator(".pagefind-ui__result-link").first.wait_for(state="visible")
        remember_storage()
    page.wait_for_load_state("networkidle")
    assert visited >= len(LANG_CODES) * 5
    assert missing == [], "pages requested files that do not exist:\n" + "\n".join(missing)

    foreign = sorted({url for url in requests
                      if urlparse(url).scheme != "data"
                      and (urlparse(url).hostname, urlparse(url).port)
                      != (origin.hostname, origin.port)})
    assert foreign == [], "requests to other hosts:\n" + "\n".join(foreign)
    assert any("/pagefind/" in url and url.endswith(".pf_fragment") for url in requests), \
        "the searches did not load any result (the crawl would miss search requests)"

    assert context.cookies() == []
    assert page.evaluate("() => document.cookie") == ""
    unknown = {key: value for key, value in stored.items()
               if key.rsplit(".", 1)[-1] not in MATERIAL_UI_STATE}
    assert unknown == {}, "unexpected data in the browser's storage"
    assert all(len(value) < 200 for value in stored.values())
    # The one thing kept on the device is the site's own offline copy (named on the privacy
    # page): exactly one service worker, the site's sw.js at the site root, and its cache.
    expect(page.locator("html[data-amm-kept]")).to_be_attached(timeout=30_000)
    leftovers = page.evaluate("""async () => ({
        indexedDB: (await indexedDB.databases()).map(d => d.name),
        caches: await caches.keys(),
        serviceWorkers: (await navigator.serviceWorker.getRegistrations()).map(r =>
            [r.scope, (r.active || r.waiting || r.installing).scriptURL])})""")
    assert leftovers["indexedDB"] == []
    assert leftovers["serviceWorkers"] == [[server, server + "sw.js"]]
    assert len(leftovers["caches"]) == 1 and re.fullmatch(r"amm-[0-9a-f]{16}", leftovers["caches"][0])
    kept = page.evaluate("async () => (await (await caches.open((await caches.keys())[0])).keys()).map(r => r.url)")
    assert kept and all(url.startswith(server) for url in kept)
