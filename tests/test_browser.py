"""The site in a real browser (Debian's Chromium): search, language chooser, privacy, keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import DEFAULT_LANG, LANG_CODES, SUBPATH, lang_prefix
from tools.sitecrawl import sweep_pages

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
    """Every page type in German and Arabic and the language-dependent types in the other languages
    (tools/sitecrawl.py `sweep_pages`: same template and style sheet in every language; long
    words, the widest layout and right to left are on the chosen pages) fit 390 px, also with 6 %
    wider text: a font with wider letters than the tests' DejaVu Sans must not break it."""
    page = phone.new_page()
    too_wide = []
    for site_page in sweep_pages(site, LANG_CODES, DEFAULT_LANG):
        page.goto(server + site_page.path)
        for spacing in ("normal", "0.06em"):
            page.evaluate("s => { document.documentElement.style.letterSpacing = s; }", spacing)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 390:
                too_wide.append(f"{site_page.path} (letter-spacing {spacing}): {width}px")
    assert too_wide == [], "pages wider than a 390px phone screen"
    page.goto(server + "ar/")
    assert page.locator(".amm-entries a").count() == 5



# ---------------------------------------------------------------------------------------------
# What a mentee sees on a phone (issue 16): each defect the persona test found, so it cannot
# come back. Phone = 390 x 844 (conftest `phone`); German and the two right-to-left languages.

PHONE_LANGS = ["de", "ar", "fa"]

#: Is the element's text drawn left to right? The first and last character of its text (kept on
#: one line for the measurement) must appear in that order from the left: "§ 61 Abs. 2 AsylG"
#: and not "Abs. 2 AsylG 61 §".
_READS_LTR = """el => {
    el.style.whiteSpace = 'nowrap';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) if (walker.currentNode.data.trim()) nodes.push(walker.currentNode);
    const box = (node, i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                               return r.getBoundingClientRect(); };
    const first = nodes[0], last = nodes[nodes.length - 1];
    const a = box(first, first.data.search(/\\S/)), b = box(last, last.data.trimEnd().length - 1);
    return {sameLine: Math.abs(a.top - b.top) < 3, ltr: a.left < b.left,
            text: nodes.map(n => n.data).join('')};
}"""


def _reads_ltr(locator) -> bool:
    state = locator.evaluate(_READS_LTR)
    assert state["sameLine"], f"pick a text on one line: {state['text']!r}"
    return state["ltr"]


@pytest.mark.parametrize("lang", PHONE_LANGS)
def test_project_page_shows_the_qr_code_and_address_in_print_only(phone, server, lang):
    page = phone.new_page()
    page.goto(server + lang_prefix(lang) + "verzeichnis/chemnitz/")
    figure = page.locator(".amm-qr-figure")
    expect(figure).to_have_count(1)
    expect(figure).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    page.emulate_media(media="print")
    expect(figure).to_be_visible()
    expect(figure.locator("figcaption")).to_contain_text("verzeichnis/chemnitz/")


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_sections_of_law_and_german_titles_read_left_to_right_in_rtl_pages(context, phone, server, lang):
    page = phone.new_page()
    page.goto(server + lang + "/recht/mein-status/")
    law = page.locator(".amm-mentee__law .amm-law", has_text="§ 61 Abs. 2 AsylG").first
    expect(law).to_be_visible()
    assert _reads_ltr(law), "the section of law is drawn right to left"
    for media in ("print",):
        page.emulate_media(media=media)
        assert _reads_ltr(law), f"the section of law is drawn right to left in {media}"
    # a German page title with a question mark, in the navigation of a right-to-left page
    desk = context.new_page()
    desk.goto(server + lang + "/recht/mein-status/")
    title = desk.locator(".md-sidebar--primary .md-nav__link", has_text="Darf ich diese Person einstellen?")
    expect(title.first).to_be_attached()
    title.first.evaluate("el => el.closest('.md-nav__item--nested')?.querySelector('input')?.click()")
    expect(title.first).to_be_visible()
    assert _reads_ltr(title.first.locator(".md-ellipsis")), "the question mark jumped to the front"


def test_the_decision_aid_keeps_left_to_right_runs_isolated(phone, server):
    page = phone.new_page()
    page.goto(server + "fa/recht/check/")
    page.locator("fieldset[data-question]:visible input").first.check()
    page.locator("fieldset[data-question]:visible button[type=submit]").click()
    page.locator("#check-status-ausbildungsduldung").check()
    page.locator("fieldset[data-question]:visible button[type=submit]").click()
    # the answer list copies the option's markup, isolation included
    answer = page.locator(".amm-check__list dd", has_text="Ausbildungsduldung")
    expect(answer.locator('bdi[dir="ltr"]')).to_have_count(1)
    while page.locator(".amm-check__result").is_hidden():
        page.locator("fieldset[data-question]:visible input").first.check()
        page.locator("fieldset[data-question]:visible button[type=submit]").click()
    law = page.locator(".amm-check__outcome .amm-law").first
    expect(law).to_be_visible()
    assert _reads_ltr(law)


@pytest.mark.parametrize("lang", PHONE_LANGS)
def test_first_screen_offers_the_finder_status_overview_and_check(phone, server, lang):
    page = phone.new_page()
    page.goto(server + lang_prefix(lang))
    for target in ("mentor-finden/", "recht/mein-status/", "recht/check/"):
        link = page.locator(f'.amm-entries a[href$="{target}"]')
        expect(link).to_have_count(1)
        expect(link).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("lang, label", [
    ("de", "Sprache"), ("en", "Language"), ("uk", "Мова"), ("ru", "Язык"), ("ar", "اللغة"),
    ("fa", "زبان"), ("es", "Idioma")])
def test_language_menu_on_a_phone_is_named_and_shows_all_seven_languages(phone, server, lang, label):
    page = phone.new_page()
    page.goto(server + lang_prefix(lang))
    button = page.locator(".md-header .amm-lang__button")
    expect(button).to_have_accessible_name(label)
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    links = page.locator(".md-select__link")
    expect(links).to_have_count(len(LANG_CODES))
    for code in LANG_CODES:
        expect(page.locator(f'.md-select__link[hreflang="{code}"]')).to_be_in_viewport(ratio=1)
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")


def test_finder_says_not_found_once_and_focuses_a_named_result(phone, server):
    page = phone.new_page()
    page.goto(server + "ar/mentor-finden/")
    page.fill("#amm-finder-input", "Xyzabc")
    page.keyboard.press("Enter")
    not_found = "لم نجد هذا المكان"
    expect(page.locator(".amm-finder__status")).to_contain_text(not_found)
    expect(page.locator(".amm-finder").get_by_text(not_found)).to_have_count(1)
    expect(page.locator("#amm-finder-input")).to_be_focused()
    page.fill("#amm-finder-input", "Chemnitz")
    expect(page.locator("#amm-finder-list")).to_be_visible()
    page.keyboard.press("Escape")  # closes the suggestions
    expect(page.locator("#amm-finder-list")).to_be_hidden()
    page.keyboard.press("Enter")
    result = page.get_by_role("region", name="نتيجة البحث")
    expect(result).to_be_focused()
    expect(result.locator('a[href$="verzeichnis/chemnitz/"]')).to_have_count(1)
    assert result.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


@pytest.mark.parametrize("lang", PHONE_LANGS)
def test_wide_tables_are_readable_on_a_phone(phone, server, lang):
    page = phone.new_page()
    page.goto(server + lang_prefix(lang) + "anerkennung/zustaendige-stellen/")
    table = page.locator(".amm-recognition-table").first
    expect(table).to_be_visible()
    # one card per body: nothing to scroll sideways, each cell names its column
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert table.evaluate("el => el.getBoundingClientRect().right <= 390")
    label = table.locator("td").first.evaluate("el => getComputedStyle(el, '::before').content")
    assert label in ('"Zuständig für"', '"Responsible for"')   # German page text in every language
    page.goto(server + lang_prefix(lang) + "recht/uebersicht/")
    matrix = page.get_by_role("region", name="Aufenthaltsstatus")
    expect(matrix).to_have_attribute("tabindex", "0")
    hint = matrix.locator(".amm-matrix__hint")
    hint.scroll_into_view_if_needed()
    expect(hint).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("path", ["arbeitgeber/checkliste-einstellung/", "arbeitgeber/checkliste-pflichten/",
                                  "verzeichnis/chemnitz/", "ar/verzeichnis/chemnitz/", "fa/verzeichnis/chemnitz/"])
def test_print_button_on_checklists_and_project_pages(phone, server, path):
    page = phone.new_page()
    page.goto(server + path)
    button = page.locator("button.amm-print-button")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name({"ar": "طباعة", "fa": "چاپ"}.get(path.split("/")[0], "Drucken"))
    page.emulate_media(media="print")
    expect(button).to_be_hidden()


def test_every_checklist_gets_the_print_button(site):
    """Generic: any page with an .amm-checklist block, in any language, has the button."""
    checklists = [f for f in site.rglob("index.html") if 'class="amm-checklist' in f.read_text(encoding="utf-8")]
    assert len(checklists) >= 4
    missing = [str(f.relative_to(site)) for f in checklists
               if "amm-print-button" not in f.read_text(encoding="utf-8")]
    assert missing == []


@pytest.mark.parametrize("lang", PHONE_LANGS)
def test_project_handout_prints_the_fallback_phone_and_no_dangling_also(phone, server, lang):
    page = phone.new_page()
    page.goto(server + lang_prefix(lang) + "verzeichnis/chemnitz/")
    page.emulate_media(media="print")
    fallback = page.locator(".amm-fallback")
    expect(fallback).to_be_visible()
    expect(fallback.locator('a[href^="tel:"]')).to_be_visible()
    expect(fallback.locator('a[href^="tel:"]')).to_have_text("0371 256201810")
    # "for this project also:" always follows the programme's list it adds to
    teilnahme = page.locator("#teilnahme ~ ul").first
    expect(teilnahme).to_be_visible()


def test_back_to_top_sits_in_a_corner_and_does_not_cover_the_text(phone, server):
    page = phone.new_page()
    page.goto(server + "recht/mein-status/")
    page.mouse.wheel(0, 3000)
    page.mouse.wheel(0, -400)
    top = page.locator(".md-top")
    expect(top).to_be_visible()
    box = top.bounding_box()
    assert box["width"] <= 48 and box["height"] <= 48
    assert box["y"] > 844 / 2, "the button should sit at the bottom of the screen"
    assert box["x"] + box["width"] > 390 - 48 - 24, "the button should sit in the corner"
    expect(top).to_have_accessible_name("Zurück zum Seitenanfang")


@pytest.mark.parametrize("lang", PHONE_LANGS)
def test_tap_targets_of_footnotes_and_sections_of_law_are_at_least_24px(phone, server, lang):
    page = phone.new_page()
    page.goto(server + lang_prefix(lang) + "recht/mein-status/")
    small = page.evaluate("""() => [...document.querySelectorAll('.amm-cite a, .amm-mentee__law .amm-law')]
        .filter(a => a.checkVisibility())
        .map(a => [a.textContent.trim(), a.getBoundingClientRect()])
        .filter(([t, r]) => r.width < 24 || r.height < 24).map(([t, r]) => `${t}: ${r.width}x${r.height}`)""")
    assert small == []


def test_practice_notes_show_a_light_bulb_not_a_pencil(context, server):
    page = context.new_page()
    page.goto(server + "recht/duldung/")
    summary = page.locator("details.amm-note > summary").first
    expect(summary).to_be_visible()
    mask = summary.evaluate("el => getComputedStyle(el, '::before').maskImage")
    assert "M20 11h3v2h-3z" in mask   # the start of Material's lightbulb-on-outline path


def test_an_unclear_answer_says_not_confirmed_once(site):
    text = (site / "recht" / "mein-status" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'<dd data-cell="[^"]+">(.*?)</dd>', text, re.S)
    # the value label ("Unklar – Rechtslage nicht bestätigt") and the rule's label ("nicht bestätigt
    # (Stand …)") must not both say it: at most once per answer, whatever the data holds today
    assert len(cells) >= 3 * 18, "expected the mentee overview's answers"
    assert [c for c in cells if c.count("nicht bestätigt") > 1] == []
