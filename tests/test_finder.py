"""The mentor finder: every Saxon place leads to its district's project, in Python and in the browser."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from amm.build import load_all
from amm.places import index as P
from amm.places.importer import import_places
from conftest import DEFAULT_LANG, LANG_CODES, ROOT, lang_prefix
from finder_inputs import random_queries
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


# --- the way people really type (issue 17): one test per class ---------------------------------

@pytest.mark.parametrize("query, district, label", [
    ("Leipzig-Connewitz", "14713", "Connewitz (Leipzig)"), ("Leipzig Connewitz", "14713", "Connewitz (Leipzig)"),
    ("Chemnitz Sonnenberg", "14511", "Sonnenberg (Chemnitz)"), ("Chemnitz-Sonnenberg", "14511", "Sonnenberg (Chemnitz)"),
    ("Connewitz", "14713", "Connewitz (Leipzig)"), ("Kaßberg", "14511", "Kaßberg (Chemnitz)"),
    ("Dresden-Pieschen", "14612", "Pieschen (Dresden)"), ("Prohlis", "14612", "Prohlis (Dresden)"),
    ("Sonnenberg, Chemnitz", "14511", "Sonnenberg (Chemnitz)"),
    ("Dresden Plauen", "14612", "Plauen (Dresden)"),                 # the part, not the town Plauen
])
def test_parts_of_the_three_cities_resolve_to_the_city(query, district, label):
    answer = P.resolve(INDEX, query)
    assert answer.kind == "district" and answer.districts == [district], answer
    assert answer.entries[0].label == label


@pytest.mark.parametrize("query, district", [
    ("Leipzig Irgendwo", "14713"), ("Dresden-Hintertupfingen", "14612"), ("Chemnitz Nord", "14511"),
    ("Unbekanntviertel Leipzig", "14713"),
])
def test_any_city_plus_words_is_the_city(query, district):
    answer = P.resolve(INDEX, query)
    assert answer.kind == "district" and answer.districts == [district]
    assert [e.label for e in answer.entries] == [{"14713": "Leipzig", "14612": "Dresden", "14511": "Chemnitz"}[district]]


def test_city_plus_land_is_not_the_city_and_the_name_of_a_town_stays_the_town():
    assert P.resolve(INDEX, "Leipzig Land").districts != ["14713"]
    assert P.resolve(INDEX, "Kreis Leipzig").districts != ["14713"]
    assert P.resolve(INDEX, "Plauen").districts == ["14523"]          # Plauen is also a part of Dresden
    assert P.resolve(INDEX, "Markersdorf").districts == ["14626"]     # and Markersdorf one of Chemnitz


def test_parts_of_the_cities_are_suggested_while_typing():
    answer = P.resolve(INDEX, "Leipzig Conn")
    assert answer.districts == ["14713"]
    assert [e.label for e in answer.entries][:1] == ["Connewitz (Leipzig)"]
    assert [e.label for e in P.resolve(INDEX, "Sonnenb").entries][:1] == ["Sonnenberg (Chemnitz)"]


@pytest.mark.parametrize("query, district, label", [
    ("Kurort Jonsdorf", "14626", "Jonsdorf"), ("Kurort Oberwiesenthal", "14521", "Oberwiesenthal"),
    ("Kurort Rathen", "14628", "Rathen"), ("Schandau", "14628", "Bad Schandau"), ("Lausick", "14729", "Bad Lausick"),
    ("Düben", "14730", "Bad Düben"), ("Wiesenbad", "14521", "Thermalbad Wiesenbad"), ("Bad Elster", "14523", "Bad Elster"),
])
def test_official_prefixes_added_or_dropped(query, district, label):
    answer = P.resolve(INDEX, query)
    assert answer.kind == "district" and answer.districts == [district], answer
    assert answer.entries[0].label == label


@pytest.mark.parametrize("query, label", [
    ("Leipzg", "Leipzig"), ("Chemnits", "Chemnitz"), ("Görlits", "Görlitz"), ("Zwikau", "Zwickau"),
    ("Hoyerswerad", "Hoyerswerda"), ("Anaberg-Buchholz", "Annaberg-Buchholz"), ("Freibreg", "Freiberg"),
    ("Bauzten", "Bautzen"), ("Meisen", "Meißen"),
])
def test_one_or_two_typing_mistakes_are_forgiven(query, label):
    answer = P.resolve(INDEX, query)
    assert answer.kind == "suggest" and label in [e.label for e in answer.entries], answer


def test_typos_rank_below_prefixes_and_exact_names_win():
    labels = [e.label for e in P.resolve(INDEX, "Dresdn").entries]
    assert labels == ["Dresdner Heide (Dresden)", "Dresden"]           # prefix first, then the typo
    assert P.resolve(INDEX, "Zwickau").entries[0].label == "Zwickau"    # exact: no typo guessing
    assert P.resolve(INDEX, "Xyzzy").kind == "none"


@pytest.mark.parametrize("query, labels", [
    ("Bernsdorff", {"Bernsdorf"}), ("Auerbch", {"Auerbach", "Auerbach/Vogtl."}),
    ("Oelsnits", {"Oelsnitz/Erzgeb.", "Oelsnitz/Vogtl."}), ("Reichenbch", {"Reichenbach im Vogtland", "Reichenbach/O.L."}),
    ("Neustat", {"Neustadt in Sachsen", "Neustadt/Vogtl."}), ("Neukirchn", {"Neukirchen/Erzgeb.", "Neukirchen/Pleiße"}),
])
def test_a_typo_of_an_ambiguous_name_still_offers_every_place(query, labels):
    answer = P.resolve(INDEX, query)
    found = [e for e in answer.entries if e.label in labels]
    assert answer.kind == "suggest" and len({e.district for e in found}) == 2, answer


@pytest.mark.parametrize("query, district", [
    ("Лейпциг", "14713"), ("Дрезден", "14612"), ("Баутцен", "14625"), ("Плауен", "14523"), ("ЛЕЙПЦИГ", "14713"),
    ("Хемниц", "14511"), ("Хемніц", "14511"), ("Цвиккау", "14524"), ("Гёрлиц", "14626"), ("Ґерліц", "14626"),
    ("Мейсен", "14627"), ("Фрайберг", "14522"), ("Пирна", "14628"), ("Хойерсверда", "14625"), ("Торгау", "14730"),
    ("Анаберг-Буххольц", "14521"), ("Лейпциг-Конневиц", "14713"),
])
def test_cyrillic_is_transliterated_before_matching(query, district):
    answer = P.resolve(INDEX, query)
    assert answer.entries and {e.district for e in answer.entries[:1]} == {district}, answer


def test_cyrillic_folding_follows_russian_and_ukrainian_letters():
    assert P.fold("Лейпциг") == "leipzig" and P.fold("Хемниц") == "chemniz"
    assert P.fold("Гоєрсверда", "uk") == "hojersw" + "erda" and P.fold("Гоєрсверда") == "gojerswerda"
    assert P.fold("Пирна", "uk") == "pyrna" and P.fold("Пирна") == "pirna"


@pytest.mark.parametrize("query, district", [
    ("درسدن", "14612"), ("دريسدن", "14612"), ("دِرِسْدِن", "14612"), ("لايبزيغ", "14713"), ("لایپزیگ", "14713"),
    ("كيمنتس", "14511"), ("کیمنتس", "14511"), ("بوتسن", "14625"), ("غورلتس", "14626"), ("ميسين", "14627"),
    ("بلاوين", "14523"), ("تسفيكاو", "14524"), ("تورجاو", "14730"),
])
def test_names_in_arabic_script_from_the_sourced_table(query, district):
    answer = P.resolve(INDEX, query)
    assert answer.kind == "district" and answer.districts == [district], answer


def test_arabic_names_are_suggested_while_typing():
    assert [e.label for e in P.resolve(INDEX, "لايب").entries] == ["Leipzig"]


@pytest.mark.parametrize("query, district", [
    ("D-04103", "14713"), ("d 04103", "14713"), ("DE-04103", "14713"), ("PLZ 09126", "14511"), ("PLZ: 09126", "14511"),
    ("plz09126", "14511"), ("04103 Leipzig", "14713"), ("09126 Chemnitz", "14511"), ("Leipzig, 04103", "14713"),
    ("٠٤١٠٣", "14713"), ("۰۹۱۲۶", "14511"), ("01-067", "14612"),
])
def test_postcode_forms(query, district):
    answer = P.resolve(INDEX, query)
    assert answer.kind == "district" and answer.districts == [district], answer


def test_partial_postcode_forms_suggest_and_foreign_ones_are_outside():
    assert P.resolve(INDEX, "PLZ 091").kind == "suggest"
    assert P.resolve(INDEX, "D-10115").kind == "outside"
    assert P.resolve(INDEX, "10115 Berlin").kind == "outside"


def test_place_name_tables_name_a_source_for_every_row():
    for name in ("city_parts.csv", "names_arabic_script.csv"):
        rows = list(csv.DictReader(open(ROOT / "data" / "places" / name, encoding="utf-8")))
        assert rows and all(r["source"].startswith("http") for r in rows), name


def test_a_bad_row_in_the_place_name_tables_is_reported_with_file_and_line(tmp_path):
    folder = tmp_path / "places"
    folder.mkdir()
    for f in (ROOT / "data" / "places").glob("*.csv"):
        (folder / f.name).write_bytes(f.read_bytes())
    with open(folder / "names_arabic_script.csv", "a", encoding="utf-8") as f:
        f.write("14612000,de,Dresden,https://example.org/\n")
    places, problems = P.load_places(folder, set(DATA.directory.districts))
    assert places is None
    assert any("names_arabic_script.csv" in p.file and p.entry == "Zeile 15" and p.field == "name"
               for p in problems), problems


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


PARITY_COUNT = 4000  # seeded random queries (tests/finder_inputs.py), compared in one page evaluate


@pytest.mark.browser
def test_browser_and_python_give_the_same_answers(context, server):
    """finder.js must answer exactly like the reference in amm/places/index.py: the hand-picked queries
    plus thousands of generated ones (accents, Cyrillic, Arabic, hyphens, postcodes, typos)."""
    queries = PARITY_QUERIES + random_queries(DATA.places, PARITY_COUNT)
    expected = []
    for query in queries:
        py = P.resolve(INDEX, query)
        expected.append([[py.kind, py.districts, [e.label for e in py.entries]], P.fold(query), P.fold(query, "uk")])
    page = context.new_page()
    _open_finder(page, server + "mentor-finden/")
    page.evaluate("ammFinder.ensureIndex()")
    page.wait_for_function("window.ammFinder && window.ammFinder.index")
    actual = page.evaluate("""qs => qs.map(q => { const a = ammFinder.resolve(ammFinder.index, q);
        return [[a.kind, a.districts, a.entries.map(e => e.label)], ammFinder.fold(q), ammFinder.fold(q, "uk")]; })""",
                           queries)
    mismatches = [(q, py, js) for q, py, js in zip(queries, expected, actual) if py != js]
    assert len(actual) == len(queries) > PARITY_COUNT
    assert not mismatches, f"{len(mismatches)} of {len(queries)} differ, e.g. {mismatches[:5]}"


def test_the_parity_inputs_cover_every_class():
    queries = random_queries(DATA.places, PARITY_COUNT)
    assert len(set(queries)) > PARITY_COUNT * 0.9
    checks = {"Cyrillic": "[а-я]", "Arabic": "[\u0621-\u064a]", "accented": "[äöüéłšž]", "hyphen": "-",
              "postcode": "(PLZ|D-|DE-) ?[0-9]", "city and part": "^(Dresden|Leipzig|Chemnitz)[- ]"}
    for name, pattern in checks.items():
        assert sum(bool(re.search(pattern, q, re.I)) for q in queries) > 50, name


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


@pytest.mark.browser
def test_the_answer_is_a_link_that_the_copy_button_copies_and_that_reopens_the_answer(context, server):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    _open_finder(page, server + "mentor-finden/")
    page.fill("#amm-finder-input", "Chemnitz Sonnenberg")
    page.keyboard.press("Enter")
    expect(page.locator('.amm-finder__card a[href$="verzeichnis/chemnitz/"]')).to_have_count(1)
    assert page.url == server + "mentor-finden/?ort=Chemnitz+Sonnenberg"
    copy = page.get_by_role("button", name="Link zu diesem Ergebnis kopieren")
    copy.focus()                                   # by keyboard
    page.keyboard.press("Enter")
    expect(page.locator(".amm-finder__status")).to_have_text(
        "Der Link ist kopiert. Sie können ihn jetzt einfügen und weitergeben.")
    assert page.evaluate("navigator.clipboard.readText()") == server + "mentor-finden/?ort=Chemnitz+Sonnenberg"
    other = context.new_page()
    other.goto(server + "ar/mentor-finden/?ort=Chemnitz+Sonnenberg")
    expect(other.locator('.amm-finder__card a[href$="verzeichnis/chemnitz/"]')).to_have_count(1)
    expect(other.locator("#amm-finder-input")).to_have_value("Chemnitz Sonnenberg")


@pytest.mark.browser
def test_without_a_clipboard_the_link_is_offered_selected_in_a_field(context, server):
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    _open_finder(page, server + "en/mentor-finden/")
    page.fill("#amm-finder-input", "D-04103")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Copy link to this result").click()
    field = page.get_by_role("textbox", name="Link to this result")
    expect(field).to_be_focused()
    expect(field).to_have_value(server + "en/mentor-finden/?ort=D-04103")
    expect(page.locator(".amm-finder__status")).to_have_text(
        "Copying was not possible. The link is in the field below and is selected:")
