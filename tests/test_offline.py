"""Offline after the first visit (service worker sw.js, amm/offline.py): in Chromium against the
shipped nginx configuration, then with the network switched off."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Error, expect

from amm import offline
from conftest import DEFAULT_LANG, LANG_CODES, lang_prefix

MENTEE_PAGES = ["", "mentor-finden/", "recht/mein-status/", "anerkennung/kurz/", "recht/check/"]


def _core(site) -> dict:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"var CORE = (\{.*\});", text).group(1))


def test_the_built_worker_keeps_each_languages_mentee_pages_and_nothing_of_other_languages(site):
    text = (site / "sw.js").read_text(encoding="utf-8")
    assert re.search(r'var VERSION = "[0-9a-f]{16}";', text)
    core = _core(site)
    assert set(core) == set(LANG_CODES)
    assert core["ar"][:5] == ["ar/", "ar/mentor-finden/", "ar/recht/mein-status/", "ar/anerkennung/kurz/",
                              "ar/recht/check/"]
    assert core["de"][:5] == MENTEE_PAGES
    assert "assets/finder.json" in core["uk"] and "assets/legal-check.js" in core["uk"]
    for lang, files in core.items():
        others = [f for f in files if f.split("/")[0] in set(LANG_CODES) - {lang}]
        assert others == [], lang
        assert all((site / f / "index.html").is_file() or (site / f).is_file() for f in files)


def test_a_rebuilt_site_gets_a_new_version(tmp_path):
    (tmp_path / "index.html").write_text("<p>eins</p>", encoding="utf-8")
    (tmp_path / "sw.js").write_text('var VERSION = "__AMM_VERSION__"; var CORE = __AMM_CORE__;', encoding="utf-8")
    first = offline.build_version(tmp_path)
    assert offline.build_version(tmp_path) == first
    (tmp_path / "index.html").write_text("<p>zwei</p>", encoding="utf-8")
    assert offline.build_version(tmp_path) != first
    version = offline.write_service_worker(tmp_path, ["de"], "de")
    assert (tmp_path / "sw.js").read_text(encoding="utf-8") == f'var VERSION = "{version}"; var CORE = {{"de":["","assets/finder.json"]}};'


def _visit_and_wait(page, url):
    page.goto(url)
    # the worker reports that this language's pages are kept (the page sets data-amm-kept)
    expect(page.locator("html[data-amm-kept]")).to_be_attached(timeout=30_000)


@pytest.mark.browser
def test_after_one_visit_the_mentee_pages_the_finder_and_opened_pages_work_offline(context, server):
    page = context.new_page()
    _visit_and_wait(page, server + "ar/")
    _visit_and_wait(page, server + "ar/impressum/")           # a page the visitor opened
    context.set_offline(True)
    for path in MENTEE_PAGES + ["impressum/"]:
        page.goto(server + "ar/" + path)
        notice = page.locator(".amm-notice--offline")
        expect(notice).to_contain_text("قد تكون الصفحة على الإنترنت أحدث")   # "the page online may be newer"
        expect(notice).to_contain_text(re.compile("[٠-٩0-9]{4}"))          # the date of the copy
        assert page.locator("html").get_attribute("lang") == "ar"
    page.goto(server + "ar/mentor-finden/")
    page.fill("#amm-finder-input", "Leipzig-Connewitz")
    page.keyboard.press("Enter")
    expect(page.locator('.amm-finder__result .amm-finder__card a[href$="verzeichnis/leipzig/"]')).to_have_count(1)
    page.goto(server + "ar/recht/check/")
    expect(page.locator(".amm-check")).to_be_visible()
    with pytest.raises(Error):                                   # never opened, other language: not kept
        page.goto(server + "en/impressum/")
    context.set_offline(False)


@pytest.mark.browser
def test_online_pages_come_from_the_network_without_the_offline_notice(context, server):
    page = context.new_page()
    _visit_and_wait(page, server + lang_prefix(DEFAULT_LANG))
    page.reload()
    expect(page.locator("html[data-amm-kept]")).to_be_attached(timeout=30_000)
    assert page.locator(".amm-notice--offline").count() == 0
    context.set_offline(True)
    page.reload()
    expect(page.locator(".amm-notice--offline")).to_contain_text("Die Seite im Internet kann neuer sein.")
    expect(page.locator(".amm-notice--offline")).to_contain_text(re.compile(r"\d{1,2}\. \w+ \d{4}"))
    context.set_offline(False)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", DEFAULT_LANG])
def test_the_offline_notice_and_the_copy_link_pass_axe(context, server, lang):
    """axe-core (WCAG 2.1 A/AA) on what only appears after use: the finder's answer with its copy
    button and the hand-copy field, and a page from the offline copy with its notice."""
    from axe_playwright_python.sync_playwright import Axe

    from test_accessibility import AXE_OPTIONS
    axe = Axe()
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    _visit_and_wait(page, server + lang_prefix(lang) + "mentor-finden/?ort=Leipzig")
    page.locator(".amm-finder__copy").click()
    expect(page.locator(".amm-finder__link input")).to_be_focused()
    found = axe.run(page, options=AXE_OPTIONS).response["violations"]
    context.set_offline(True)
    page.goto(server + lang_prefix(lang) + "anerkennung/kurz/")
    expect(page.locator(".amm-notice--offline")).to_be_visible()
    found += axe.run(page, options=AXE_OPTIONS).response["violations"]
    context.set_offline(False)
    assert found == []
