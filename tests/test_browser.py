"""The site in a real browser (Debian's Chromium): search, language chooser, privacy, keyboard."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import LANG_CODES, SUBPATH, lang_prefix

pytestmark = pytest.mark.browser


def _wait_for_results(page, query: str) -> None:
    """Pagefind's status line names the query once the results for it are shown."""
    page.wait_for_function(
        "q => (document.querySelector('.pagefind-ui__message') || {}).textContent?.includes(q)",
        arg=query, timeout=10_000)


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
    assert SUBPATH + "leichte-sprache/" in open_search_again(page, "Lupe")
    open_search_again(page, "Protokolldateien")
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
    assert not any("leichte-sprache" in href for href in open_search_again(page, "Lupe"))


def open_search_again(page, query: str):
    box = page.locator(".pagefind-ui__search-input")
    box.fill(query)
    _wait_for_results(page, query)
    return [a.get_attribute("href") for a in page.locator(".pagefind-ui__result-link").all()]


def test_no_request_leaves_the_site_and_nothing_is_stored(context, server):
    hosts = set()
    missing = []
    context.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    context.on("response", lambda r: r.status == 404 and missing.append(r.url))
    page = context.new_page()
    for lang in LANG_CODES:
        for slug in ("", "datenschutz/", "leichte-sprache/"):
            page.goto(server + lang_prefix(lang) + slug)
            page.wait_for_load_state("networkidle")
    open_search(page, "Arbeitsmarktmentoren")
    assert missing == [], "pages requested files that do not exist"
    page.goto(server + "diese-seite-gibt-es-nicht/")
    assert hosts == {"127.0.0.1"}
    assert context.cookies() == []
    assert page.evaluate("Object.keys(localStorage).length + Object.keys(sessionStorage).length") \
        == 0 or page.evaluate("Object.keys(localStorage)") == []


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


def test_start_page_fits_a_phone_without_horizontal_scrolling(phone, server):
    page = phone.new_page()
    for lang in ("", "ar/"):
        page.goto(server + lang)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{lang or 'de'}: page is {width}px wide on a 390px screen"
        assert page.locator(".amm-entries a").count() == 3
