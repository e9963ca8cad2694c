"""The mentor finder: every Saxon place leads to its district's project, in Python and in the browser."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from amm import places as P
from amm.loader import load_all
from amm.places_import import import_places
from conftest import DEFAULT_LANG, LANG_CODES, ROOT, lang_prefix
from htmltree import parse

DATA = load_all(ROOT, LANG_CODES, DEFAULT_LANG)
INDEX = P.build_index(DATA.places, DATA.directory.districts)
MUNICIPALITIES = list(DATA.places.municipalities.values())
FIXTURES = ROOT / "tests" / "fixtures" / "places"


def test_there_are_418_municipalities_in_13_districts():
    assert len(MUNICIPALITIES) == 418
    assert {m.district for m in MUNICIPALITIES} == set(DATA.directory.districts)


@pytest.mark.parametrize("m", MUNICIPALITIES, ids=lambda m: m.ags)
def test_every_municipality_resolves_to_its_district(m):
    answer = P.resolve(INDEX, m.name)
    assert m.district in answer.districts, (m.name, answer)
    if answer.kind == "choose":  # a name shared with a municipality elsewhere: the choice names ours
        assert any(e.label == m.name and e.district == m.district for e in answer.entries)
    for code in m.postcodes:
        assert m.district in P.resolve(INDEX, code).districts, (m.name, code)


@pytest.mark.parametrize("query, district", [
    ("Goerlitz", "14626"), ("GÖRLITZ", "14626"), ("görlitz", "14626"), ("Weisswasser", "14626"),
    ("Weißwasser/Oberlausitz", "14626"), ("Neukirchen/Erzgeb.", "14521"), ("Oelsnitz/Vogtl.", "14523"),
    ("Stadt Leipzig", "14713"), ("Leipzig", "14713"), ("Landkreis Leipzig", "14729"),
    ("  Dresden  ", "14612"), ("Weixdorf", "14612"), ("Gompitz", "14612"), ("Budyšin", "14625"),
    ("Budysin", "14625"), ("Bautzen/Budyšin", "14625"), ("Radwor", "14625"), ("Mittelsachsen", "14522"),
    ("Radebeul, Sachsen", "14627"), ("01 067", "14612"), ("Annaberg-Buchholz", "14521"),
    ("Reichenbach im Vogtland", "14523"), ("Reichenbach/O.L.", "14626"),
])
def test_tolerant_matching(query, district):
    answer = P.resolve(INDEX, query)
    assert answer.kind == "district" and answer.districts == [district], answer


@pytest.mark.parametrize("query, districts", [
    ("Bernsdorf", {"14524", "14625"}), ("Auerbach", {"14521", "14523"}), ("Oelsnitz", {"14521", "14523"}),
    ("Reichenbach", {"14523", "14626"}), ("Neustadt", {"14523", "14628"}), ("Neukirchen", {"14521", "14524"}),
    ("09573", {"14521", "14522"}),
])
def test_ambiguous_places_let_the_person_choose_by_district(query, districts):
    answer = P.resolve(INDEX, query)
    assert answer.kind == "choose" and set(answer.districts) == districts
    assert len(answer.entries) >= 2


def test_a_postcode_of_several_municipalities_in_one_district_answers_directly():
    shared = [code for code in {c for m in MUNICIPALITIES for c in m.postcodes}
              if len({m.district for m in MUNICIPALITIES if code in m.postcodes}) == 1
              and len([m for m in MUNICIPALITIES if code in m.postcodes]) > 1]
    assert shared
    for code in shared:
        assert P.resolve(INDEX, code).kind == "district"


@pytest.mark.parametrize("query", ["10115", "99084", "04600"])
def test_places_outside_saxony_get_a_clear_answer(query):
    assert P.resolve(INDEX, query).kind == "outside"


def test_prefix_typing_suggests_places():
    answer = P.resolve(INDEX, "Chemn")
    assert answer.kind == "suggest" and answer.entries[0].label == "Chemnitz"
    assert P.resolve(INDEX, "0912").kind == "suggest"
    assert P.resolve(INDEX, "Xyzzy").kind == "none"


@pytest.mark.parametrize("text, folded", [
    ("Görlitz", "gorlitz"), ("Goerlitz", "gorlitz"), ("Weißwasser/O.L.", "weisswasser o l"),
    ("Budyšin", "budysin"), ("Sprjewiny Doł", "sprjewiny dol"), ("  Bad   Schandau ", "bad schandau"),
])
def test_folding(text, folded):
    assert P.fold(text) == folded


def test_importer_regenerates_the_tables_from_the_public_formats(tmp_path):
    out = tmp_path / "places"
    out.mkdir()
    (out / "municipalities.csv").write_bytes((FIXTURES / "previous_municipalities.csv").read_bytes())
    report = import_places(FIXTURES / "zuordnung_plz_ort.csv", FIXTURES / "DE.txt", out)
    rows = {r["ags"]: r for r in csv.DictReader(open(out / "municipalities.csv", encoding="utf-8"))}
    assert set(rows) == {"14612000", "14625020", "14521220", "14522020", "14522320", "14729245"}
    assert rows["14612000"]["official_name"] == "Dresden, Stadt"          # kept from before
    assert rows["14612000"]["postcodes"] == "01067 01108"
    assert rows["14522020"]["district_key"] == "14522"
    assert "14729245 Neuer Ort" in report.added and "14729999 Alter Ort" in report.removed
    localities = list(csv.DictReader(open(out / "localities.csv", encoding="utf-8")))
    by_name = {r["name"]: r for r in localities}
    assert by_name["Weixdorf"] == {"name": "Weixdorf", "postcode": "01108", "district_key": "14612",
                                   "municipality_ags": "14612000"}
    assert by_name["Augustusburg"]["district_key"] == "14522"             # the name decides
    assert "Hennersdorf" not in by_name                                   # 09573 spans two districts
    assert "Berlin" not in by_name and any("Kitzen" in s for s in report.skipped_localities)
    shared = list(csv.DictReader(open(out / "postcodes_shared.csv", encoding="utf-8")))
    assert shared == [{"postcode": "04600", "other_states": "Thüringen"}]


def test_finder_page_works_without_javascript_as_a_district_list(site):
    for lang in LANG_CODES:
        doc = parse(site / lang_prefix(lang) / "mentor-finden" / "index.html")
        finder = doc.find(cls="amm-finder")
        assert "hidden" in finder.find("form").attrs              # the form appears with JavaScript
        links = finder.find(cls="amm-finder__districts").find_all("a")
        assert len(links) == 13
        for a in links:
            assert (site / lang_prefix(lang) / "mentor-finden" / a.get("href") / "index.html").resolve().exists()
        svg = doc.find(cls="amm-map").find("svg")
        assert len(svg.find_all("a")) == 13 and svg.find("title").text()
        assert all(a.get("aria-label") for a in svg.find_all("a"))


@pytest.mark.browser
def test_finder_data_loads_on_first_use_only(context, server):
    requested = []
    page = context.new_page()
    page.on("request", lambda r: requested.append(r.url))
    _open_finder(page, server)
    page.wait_for_load_state("networkidle")
    assert not any(url.endswith("finder.json") for url in requested)
    page.fill("#amm-finder-input", "Dresden")
    page.keyboard.press("Enter")
    page.locator(".amm-finder__card").wait_for()
    assert sum(url.endswith("finder.json") for url in requested) == 1


def test_finder_data_is_loaded_only_where_the_finder_is(site):
    assert (site / "assets" / "finder.json").exists()
    for page in site.rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        assert ("finder.js" in text) == ('data-amm-finder' in text), page
    start = (site / "index.html").read_text(encoding="utf-8")
    assert "finder.js" in start
    assert "finder.js" not in (site / "datenschutz" / "index.html").read_text(encoding="utf-8")


# --- in the browser ---------------------------------------------------------------------------

PARITY_QUERIES = ["Goerlitz", "Bernsdorf", "09573", "0912", "Chemn", "Budyšin", "Weißwasser/Oberlausitz",
                  "Stadt Leipzig", "Landkreis Leipzig", "10115", "Xyzzy", " Neustadt ", "Gompitz", "Vogtland"]


def _open_finder(page, url):
    page.goto(url)
    page.wait_for_selector(".amm-finder__form:not([hidden])")


@pytest.mark.browser
def test_browser_and_python_give_the_same_answers(context, server):
    page = context.new_page()
    _open_finder(page, server + "mentor-finden/")
    page.evaluate("ammFinder.ensureIndex()")
    page.wait_for_function("window.ammFinder && window.ammFinder.index")
    for query in PARITY_QUERIES:
        js = page.evaluate("q => { const a = ammFinder.resolve(ammFinder.index, q);"
                           " return [a.kind, a.districts, a.entries.map(e => e.label)]; }", query)
        py = P.resolve(INDEX, query)
        assert js == [py.kind, py.districts, [e.label for e in py.entries]], query
    samples = ["Görlitz", "GOERLITZ", "Weißwasser/O.L.", "Sprjewiny Doł", "Ralbicy-Róžant", " Bad  Schandau"]
    assert page.evaluate("xs => xs.map(ammFinder.fold)", samples) == [P.fold(s) for s in samples]


@pytest.mark.browser
@pytest.mark.parametrize("lang, query, project, status", [
    (DEFAULT_LANG, "Goerlitz", "goerlitz", r"^Ergebnis für G(oe|ö)rlitz: Landkreis Görlitz$"),
    ("ar", "01108", "dresden", r"^نتيجة البحث عن 01108: Dresden$"),
    ("ar", "Weixdorf", "dresden", r"^نتيجة البحث عن Weixdorf: Dresden$")])
def test_typing_a_place_shows_the_responsible_project(context, server, lang, query, project, status):
    page = context.new_page()
    _open_finder(page, server + lang_prefix(lang) + "mentor-finden/")
    page.fill("#amm-finder-input", query)
    page.click(".amm-finder button[type=submit]")
    card = page.locator(".amm-finder__result .amm-finder__card")
    card.wait_for()
    assert card.locator(f'a[href$="verzeichnis/{project}/"]').count() == 1
    expect(page.locator(".amm-finder__status")).to_have_text(re.compile(status))


@pytest.mark.browser
def test_ambiguous_name_offers_a_choice_with_districts(context, server):
    page = context.new_page()
    _open_finder(page, server + "ar/mentor-finden/")
    page.fill("#amm-finder-input", "Bernsdorf")
    page.keyboard.press("Enter")
    choices = page.locator(".amm-finder__choices button")
    choices.first.wait_for()
    texts = choices.all_inner_texts()
    assert any("Landkreis Bautzen" in t for t in texts) and any("Landkreis Zwickau" in t for t in texts)
    choices.filter(has_text="Landkreis Bautzen").click()
    assert page.locator('.amm-finder__card a[href$="verzeichnis/bautzen/"]').count() == 1


@pytest.mark.browser
def test_finder_works_with_the_keyboard_alone(context, server):
    page = context.new_page()
    _open_finder(page, server)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "amm-finder-input":
            break
    else:
        pytest.fail("the finder input cannot be reached with Tab")
    combo = page.locator("#amm-finder-input")
    page.keyboard.type("Neukirch")
    # the place index loads on first use; the suggestions open once it is there
    page.wait_for_selector('#amm-finder-input[aria-expanded="true"]', timeout=10_000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = combo.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    chosen = page.locator(f"#{active}").inner_text()
    page.keyboard.press("Enter")
    assert combo.get_attribute("aria-expanded") == "false"
    assert page.locator(".amm-finder__card").count() == 1
    assert chosen.split(" – ")[1] in page.locator(".amm-finder__card").inner_text()
    # the result took the focus (so screen readers read it); Shift+Tab goes back to the field
    assert page.evaluate("document.activeElement.classList.contains('amm-finder__result')")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "amm-finder-input"
    page.keyboard.press("Escape")  # no list open: Escape clears the field
    assert combo.input_value() == ""


@pytest.mark.browser
def test_outside_saxony_gets_an_explanation(context, server):
    page = context.new_page()
    _open_finder(page, server + "en/mentor-finden/")
    page.fill("#amm-finder-input", "10115")
    page.keyboard.press("Enter")
    page.locator(".amm-finder__result .admonition").wait_for()
    text = page.locator(".amm-finder__result").inner_text()
    assert DATA.ui.get("finder_outside", "en") in text
