"""The site in a real browser (Debian's Chromium): search, language chooser, privacy, keyboard."""

from __future__ import annotations

import pytest

from conftest import DEFAULT_LANG, LANG_CODES, SUBPATH, lang_prefix
from sitecrawl import representative_pages

pytestmark = pytest.mark.browser


def _wait_for_results(page, query: str) -> None:
    """Wait until Pagefind's UI shows loaded results for the query (tests expect at least one)."""
    page.wait_for_function(
        """q => {
            const message = document.querySelector('.pagefind-ui__message');
            return message && message.textContent.includes(q)
                && document.querySelectorAll('.pagefind-ui__result-link').length > 0
                && !document.querySelector('.pagefind-ui__loading');
        }""", arg=query, timeout=10_000)


def index_urls(page, query: str) -> list[str]:
    """Every URL the page-language search index returns for the query (Pagefind's own API)."""
    return page.evaluate(
        """async q => {
            const panel = document.getElementById('amm-search-panel');
            const bundle = new URL(panel.dataset.ammBundle, document.baseURI).pathname;
            const pagefind = await import(bundle + 'pagefind.js');
            const search = await pagefind.search(q);
            return Promise.all(search.results.map(async r => (await r.data()).url));
        }""", query)


def open_search(page, query: str):
    page.click(".amm-search-toggle")
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for(state="visible")
    box.fill(query)
    _wait_for_results(page, query)
    return [a.get_attribute("href") for a in page.locator(".pagefind-ui__result-link").all()]


def test_search_finds_a_german_page_under_the_sub_path(context, server):
    page = context.new_page()
    page.goto(server)
    hrefs = open_search(page, "Protokolldateien")
    assert SUBPATH + "datenschutz/" in hrefs
    # the German page in Leichte Sprache is indexed in German (and, below, not in Arabic)
    assert SUBPATH + "leichte-sprache/" in index_urls(page, "Lupe")
    page.click(f'.pagefind-ui__result-link[href="{SUBPATH}datenschutz/"]')
    page.wait_for_url(server + "datenschutz/")
    assert page.locator("h1").inner_text() == "Datenschutzerklärung"


def test_search_finds_an_arabic_page_and_labels_are_arabic(context, server):
    page = context.new_page()
    page.goto(server + "ar/")
    assert page.locator(".amm-search-toggle").get_attribute("aria-label") == "بحث"
    hrefs = open_search(page, "البيانات")
    assert SUBPATH + "ar/datenschutz/" in hrefs
    # Pagefind's own labels follow the page language
    assert page.locator(".pagefind-ui__search-input").get_attribute("placeholder") != "Search"
    # a page shown in German (no Arabic translation) is not in the Arabic index
    assert index_urls(page, "Lupe") == []


def test_language_chooser_keeps_the_page(context, server):
    page = context.new_page()
    page.goto(server + "fuer-mentoren/")
    page.hover(".md-select")
    page.click('.md-select__link[hreflang="ar"]')
    page.wait_for_url(server + "ar/fuer-mentoren/")
    assert page.locator("html").get_attribute("dir") == "rtl"


def test_search_works_with_the_keyboard_only(context, server):
    page = context.new_page()
    page.goto(server)
    toggle = page.locator(".amm-search-toggle")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('amm-search-toggle')"):
            break
    else:
        pytest.fail("the search button cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    page.locator(".pagefind-ui__search-input").wait_for(state="visible")
    page.wait_for_function("document.activeElement.classList.contains('pagefind-ui__search-input')")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.type("Impressum")
    page.locator(".pagefind-ui__result-link").first.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.locator("#amm-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('amm-search-toggle')")
    assert toggle.get_attribute("aria-expanded") == "false"


def test_every_page_fits_a_phone_without_horizontal_scrolling(phone, site, server):
    """One page of every type in every language (sitecrawl.representative_pages) fits 390 px, also
    with 6 % wider text: a font with wider letters than the tests' DejaVu Sans must not break it."""
    page = phone.new_page()
    too_wide = []
    for site_page in representative_pages(site, LANG_CODES, DEFAULT_LANG):
        page.goto(server + site_page.path)
        for spacing in ("normal", "0.06em"):
            page.evaluate("s => { document.documentElement.style.letterSpacing = s; }", spacing)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                too_wide.append(f"{site_page.path} (letter-spacing {spacing}): {width}px")
    assert too_wide == [], "pages wider than a 390px phone screen"
    page.goto(server + "ar/")
    assert page.locator(".amm-entries a").count() == 3
