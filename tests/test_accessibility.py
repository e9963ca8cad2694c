"""WCAG 2.1 A and AA in a real browser: axe-core on one page of every page type in German and
Arabic and on the language-dependent page types in every other language (tools/sitecrawl.py
`sweep_pages`: the same template and style sheet serve every language, so what a language can
break is its text, direction and script; the chosen pages carry those), in the interactive
states, and keyboard-only walks. AMM_EVERY_PAGE=types (every type in every language) or
AMM_EVERY_PAGE=1 (every page) widens the sweep.

Page types come from tools/sitecrawl.py, so pages that later work adds are checked too.
"""

from __future__ import annotations

import os

import pytest

from conftest import DEFAULT_LANG, LANG_CODES, RTL, lang_prefix
from tools.sitecrawl import EVERY_TYPE_IN, IN_EVERY_LANGUAGE, sweep_pages

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def pages_by_lang(site):
    pages = sweep_pages(site, LANG_CODES, DEFAULT_LANG)
    return {lang: [p for p in pages if p.lang == lang] for lang in LANG_CODES}


def violations(axe, page, label: str) -> list[str]:
    found = []
    for violation in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        for node in violation["nodes"]:
            summary = " ".join((node.get("failureSummary") or "").split())
            found.append(f"{label}: {violation['id']} at {node['target']}: {summary}")
    return found


@pytest.mark.parametrize("lang", LANG_CODES)
def test_axe_finds_no_violation_on_any_page_type(context, server, axe, pages_by_lang, lang):
    page = context.new_page()
    found = []
    assert len(pages_by_lang[lang]) >= len(IN_EVERY_LANGUAGE)
    for site_page in pages_by_lang[lang]:
        page.goto(site_page.url(server))
        found += violations(axe, page, f"{site_page.path or '/'} [{site_page.type}]")
    assert found == [], "\n".join(found)


#: Languages of the interactive states below: the same widgets and style sheet in every language,
#: in German (left to right) and Arabic (right to left); every language with AMM_EVERY_PAGE.
STATE_LANGS = LANG_CODES if os.environ.get("AMM_EVERY_PAGE") else list(EVERY_TYPE_IN)


@pytest.mark.parametrize("lang", STATE_LANGS)
def test_axe_finds_no_violation_in_open_menus_search_and_on_a_phone(
        context, phone, server, axe, lang):
    start = server + lang_prefix(lang)
    found = []
    page = context.new_page()
    page.goto(start)
    page.click(".amm-search-toggle")
    page.locator(".pagefind-ui__search-input").fill("Arbeitsmarktmentoren")
    page.locator(".pagefind-ui__result-link").first.wait_for(state="visible")
    page.wait_for_function("() => !document.querySelector('.pagefind-ui__loading')")
    found += violations(axe, page, "search with results")
    page.goto(start)
    page.focus(".md-select button")
    page.wait_for_function(  # the menu fades in; axe would measure the half-transparent text
        "() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
    found += violations(axe, page, "language menu open")
    mobile = phone.new_page()
    mobile.goto(start)
    found += violations(axe, mobile, "phone")
    mobile.click(".md-header label[for=__drawer]")
    mobile.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="visible")
    found += violations(axe, mobile, "phone, navigation drawer open")
    assert found == [], "\n".join(found)


def test_axe_reports_a_violation_when_there_is_one(context, server, axe):
    page = context.new_page()
    page.goto(server)
    page.evaluate("""() => {
        const img = document.createElement('img');          // an image without alt text
        img.src = 'assets/favicon.svg';
        document.querySelector('.amm-content').append(img);
        document.querySelector('.amm-content p').style.color = '#bbbbbb';   // too pale
    }""")
    found = " ".join(violations(axe, page, "start"))
    assert "image-alt" in found and "color-contrast" in found


# ---------------------------------------------------------------------------------------------
# Keyboard only

#: What a sighted keyboard user sees change when an element receives focus.
_FOCUS_STYLE = ["outlineStyle", "outlineWidth", "outlineColor", "boxShadow", "color",
                "backgroundColor", "textDecorationLine", "borderTopColor", "borderBottomColor"]

_TAB_WALK_SETUP = """props => {
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]';
    const visible = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
        && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
    const tabbable = [...document.querySelectorAll(sel)].filter(
        el => el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]') && visible(el));
    const style = el => { const s = getComputedStyle(el); return props.map(p => s[p]).join('|'); };
    window.__ammTab = {visible, style, unfocused: new Map()};
    // Tab enters a group of radio buttons once (arrow keys move inside): one stop per group
    const groups = new Map();
    let stops = 0;
    for (const el of tabbable) {
        const group = el.type === 'radio' && el.name ? (el.form ? 'f' : 'd') + ':' + el.name : null;
        if (group && !groups.has(group)) groups.set(group, stops++);
        el.dataset.ammTab = group ? groups.get(group) : stops++;
        window.__ammTab.unfocused.set(el, style(el));
    }
    return stops;
}"""

_TAB_WALK_STEP = """() => {
    // jump transitions to their end (the skip link slides in, the language menu fades in)
    for (const a of document.getAnimations())
        if (a.effect && a.effect.getComputedTiming().endTime !== Infinity) a.finish();
    const el = document.activeElement, t = window.__ammTab;
    if (!el || el === document.body) return {body: true};
    const before = t.unfocused.has(el) ? t.unfocused.get(el) : null;
    return {body: false, index: el.dataset.ammTab ?? null, visible: t.visible(el),
            indicated: before === null || before !== t.style(el),
            label: el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
                   + ' "' + (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30) + '"'};
}"""


def tab_walk(page) -> tuple[int, set[str], list[str]]:
    """Press Tab through the whole page. Returns (tabbable elements, reached ones, problems)."""
    required = page.evaluate(_TAB_WALK_SETUP, _FOCUS_STYLE)
    reached, problems = set(), []
    for _ in range(required * 2 + 20):
        page.keyboard.press("Tab")
        state = page.evaluate(_TAB_WALK_STEP)
        if state["body"]:
            continue  # past the last element, before Tab starts over at the top
        if state["index"] is not None and state["index"] in reached:
            break  # round trip complete
        if not state["visible"]:
            problems.append(f"focus on an invisible element: {state['label']}")
        elif not state["indicated"]:
            problems.append(f"no visible focus indicator: {state['label']}")
        if state["index"] is not None:
            reached.add(state["index"])
    return required, reached, problems


#: Page types of the right-to-left tab walk. Tab order and focus styles come from the templates and
#: the style sheet, the same in every language (the German walk visits every type); what right to
#: left moves is where things sit: header, language menu, search and drawer (start page), the
#: widgets (decision aid, finder) and the language-dependent layouts (sweep_pages).
RTL_TAB_WALK_TYPES = (*IN_EVERY_LANGUAGE, "legal: decision aid", "mentor-finden")


@pytest.mark.parametrize("lang", [DEFAULT_LANG, "ar"])
def test_every_control_is_reachable_by_tab_with_visible_focus(context, server, pages_by_lang, lang):
    """On one page of every type in German and of RTL_TAB_WALK_TYPES in Arabic (every type with
    AMM_EVERY_PAGE): Tab reaches every visible link, button and field (the finder's and the
    decision aid's controls; a radio group is one stop), focus never disappears into an invisible
    element, and each focused element looks different from unfocused."""
    assert lang == DEFAULT_LANG or lang in RTL
    page = context.new_page()
    failures = []
    pages = pages_by_lang[lang]
    if lang != DEFAULT_LANG and not os.environ.get("AMM_EVERY_PAGE"):
        pages = [p for p in pages if p.type in RTL_TAB_WALK_TYPES]
        assert {p.type for p in pages} == set(RTL_TAB_WALK_TYPES)
    for site_page in pages:
        page.goto(site_page.url(server))
        required, reached, problems = tab_walk(page)
        missing = required - len(reached)
        where = site_page.path or "/"
        if missing:
            labels = page.evaluate("""reached => [...document.querySelectorAll('[data-amm-tab]')]
                .filter(el => !reached.includes(el.dataset.ammTab))
                .filter((el, i, all) => all.findIndex(o => o.dataset.ammTab === el.dataset.ammTab) === i)
                .map(el => el.tagName + ' ' + (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30))""",
                                   sorted(reached))
            failures.append(f"{where}: {missing} of {required} controls not reachable by Tab: {labels}")
        failures += [f"{where}: {p}" for p in problems]
    assert failures == [], "\n".join(failures)


def test_tab_walk_detects_a_trap_and_a_missing_focus_indicator(context, server):
    page = context.new_page()
    page.goto(server + "impressum/")
    page.evaluate("""() => {
        const content = document.querySelector('.amm-content');
        const plain = document.createElement('a');       // focus looks exactly like no focus
        plain.href = '#'; plain.textContent = 'plain';
        plain.style.cssText = 'outline: none !important; color: #000 !important; '
            + 'text-decoration: none !important; background: none !important';
        const trap = document.createElement('a');        // Tab never leaves this link
        trap.href = '#'; trap.textContent = 'trap';
        trap.addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault(); });
        content.append(plain, trap);
    }""")
    required, reached, problems = tab_walk(page)
    assert required - len(reached) >= 3   # everything after the trap: report link, footer
    assert any("no visible focus indicator" in p and "plain" in p for p in problems)


def tab_to(page, selector: str, what: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has focus (for keyboard walks through
    widgets such as the finder or the decision aid: tab_to, then type/Enter/Space, assert)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return
    pytest.fail(f"{what} cannot be reached with the Tab key")


def test_skip_link_comes_first_and_moves_focus_to_the_content(context, server):
    page = context.new_page()
    page.goto(server + "impressum/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.locator(".md-skip").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content')"), \
        "after the skip link, Tab should continue inside the content"


@pytest.mark.parametrize("start, target", [("", "ar"), ("ar", "de")])
def test_language_chooser_works_with_the_keyboard_only(context, server, start, target):
    page = context.new_page()
    page.goto(server + lang_prefix(start or DEFAULT_LANG) + "fuer-mentoren/")
    tab_to(page, ".md-select button", "the language button")
    for _ in range(len(LANG_CODES) + 1):
        page.keyboard.press("Tab")
        link = page.locator(":focus")
        assert link.is_visible(), "the focused language link is not visible"
        if link.get_attribute("hreflang") == target:
            break
    else:
        pytest.fail(f"the link to {target} cannot be reached with the Tab key")
    assert link.get_attribute("lang") == target
    page.keyboard.press("Enter")
    page.wait_for_url(server + lang_prefix(target) + "fuer-mentoren/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if target in RTL else "ltr")


@pytest.mark.parametrize("lang", [DEFAULT_LANG, "ar", "fa"])
def test_axe_on_a_phone_with_the_language_menu_open_and_a_finder_result(phone, server, axe, lang):
    """Issue 16: the states a mentee reaches on a phone, with the tap-opened language menu
    (aria-expanded) and the finder's focused result region."""
    from playwright.sync_api import expect

    page = phone.new_page()
    page.goto(server + lang_prefix(lang) + "mentor-finden/")
    button = page.locator(".md-header .amm-lang__button")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
    found = violations(axe, page, "language menu open by tap")
    page.keyboard.press("Escape")
    page.fill("#amm-finder-input", "Chemnitz")
    # the suggestions open once the place index has loaded; Escape then closes them (with the list
    # closed, Escape would empty the field, as a combobox does)
    expect(page.locator("#amm-finder-list")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#amm-finder-list")).to_be_hidden()
    page.keyboard.press("Enter")
    result = page.locator(".amm-finder__result")
    expect(result).to_be_focused()
    expect(result).to_have_attribute("role", "region")
    found += violations(axe, page, "finder result")
    assert found == [], "\n".join(found)
