"""The referral directory as a visitor and a data consumer see it: generated pages, exports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import vobject
from playwright.sync_api import expect

from amm.directory import pages as generate
from conftest import (DEFAULT_LANG, LANG_CODES, PRINT_MARGIN, ROOT, RTL, SUBPATH, lang_prefix, pdf_pages,
                      print_fill)
from tools.html import classes, parse, text


def page(site: Path, lang: str, slug: str) -> Path:
    return site / lang_prefix(lang) / "verzeichnis" / (f"{slug}/index.html" if slug else "index.html")


@pytest.fixture(scope="module")
def directory(data):
    return data.directory


@pytest.fixture(scope="module")
def projects(directory):
    return list(directory.projects.values())


# Hand-written expectations (read from data/projects.yaml and data/contacts.yaml, not computed by
# amm/): an editorial change to those files must be repeated here on purpose.
TITLES = {
    "de": {"chemnitz": "Arbeitsmarktmentoren Chemnitz", "dresden": "Arbeitsmarktmentoren Dresden",
           "leipzig": "Arbeitsmarktmentoren Leipzig", "bautzen": "Projekt Landkreis Bautzen",
           "erzgebirgskreis": "Projekt Erzgebirgskreis", "goerlitz": "Arbeitsmarktmentoren im Landkreis Görlitz",
           "landkreis-leipzig": "Projekt Landkreis Leipzig", "meissen": "Projekt Landkreis Meißen",
           "mittelsachsen-1": "Projekt Landkreis Mittelsachsen (1 von 2)",
           "mittelsachsen-2": "Projekt Landkreis Mittelsachsen (2 von 2)",
           "nordsachsen": "Projekt Landkreis Nordsachsen",
           "saechsische-schweiz-osterzgebirge": "Projekt Landkreis Sächsische Schweiz-Osterzgebirge",
           "vogtlandkreis": "Projekt Vogtlandkreis", "landkreis-zwickau": "Projekt Landkreis Zwickau",
           "programmbegleitung": "Programmbegleitung Arbeitsmarktmentoren Sachsen beim ZEFAS",
           "programmbegleitung-sfr": "Fachlich-inhaltliche Programmbegleitung beim Sächsischen Flüchtlingsrat (bis 2019)"},
    "en": {"chemnitz": "Arbeitsmarktmentoren Chemnitz", "dresden": "Arbeitsmarktmentoren Dresden",
           "leipzig": "Arbeitsmarktmentoren Leipzig", "bautzen": "Project Landkreis Bautzen",
           "erzgebirgskreis": "Project Erzgebirgskreis", "goerlitz": "Arbeitsmarktmentoren im Landkreis Görlitz",
           "landkreis-leipzig": "Project Landkreis Leipzig", "meissen": "Project Landkreis Meißen",
           "mittelsachsen-1": "Project Landkreis Mittelsachsen (1 of 2)",
           "mittelsachsen-2": "Project Landkreis Mittelsachsen (2 of 2)",
           "nordsachsen": "Project Landkreis Nordsachsen",
           "saechsische-schweiz-osterzgebirge": "Project Landkreis Sächsische Schweiz-Osterzgebirge",
           "vogtlandkreis": "Project Vogtlandkreis", "landkreis-zwickau": "Project Landkreis Zwickau",
           "programmbegleitung": "Programmbegleitung Arbeitsmarktmentoren Sachsen beim ZEFAS",
           "programmbegleitung-sfr": "Fachlich-inhaltliche Programmbegleitung beim Sächsischen Flüchtlingsrat (bis 2019)"},
}
PHONES = {"zefas": "+49371256201810"}   # tel: links and vCards in E.164
# every project without a contact for the current phase; only the coordination has one
NEEDS_FALLBACK = {p for p in TITLES["de"] if p != "programmbegleitung"}
PROJECTS_OF_DISTRICT = {
    "chemnitz": ["chemnitz"], "erzgebirgskreis": ["erzgebirgskreis"],
    "mittelsachsen": ["mittelsachsen-1", "mittelsachsen-2"], "vogtlandkreis": ["vogtlandkreis"],
    "landkreis-zwickau": ["landkreis-zwickau"], "dresden": ["dresden"], "bautzen": ["bautzen"],
    "goerlitz": ["goerlitz"], "meissen": ["meissen"],
    "saechsische-schweiz-osterzgebirge": ["saechsische-schweiz-osterzgebirge"], "leipzig": ["leipzig"],
    "landkreis-leipzig": ["landkreis-leipzig"], "nordsachsen": ["nordsachsen"]}


@pytest.mark.parametrize("lang", LANG_CODES)
def test_every_project_has_a_page_in_every_language_showing_its_data(site, data, directory, projects, lang):
    for project in projects:
        doc = parse(page(site, lang, project.id))
        html = doc.css_first("html")
        assert html.attrs.get("lang") == lang and html.attrs.get("dir") == ("rtl" if lang in RTL else "ltr")
        main = doc.css_first(".amm-project")
        if lang in TITLES:
            assert text(main.css_first("h1")) == TITLES[lang][project.id]
        assert classes(main.css_first(".amm-badge")) >= {f"amm-badge--{project.status}"}
        operator = main.css_first("h2#traeger")
        shown = text(main)
        if project.operator:
            assert project.operator.name in shown
        else:
            assert data.ui.for_language(lang)["operator_unknown"] in shown
        assert operator is not None
        for key in project.districts:
            district = directory.districts[key]
            assert main.css_first(f'a[href="../kreis-{district.slug}/"]') is not None
        # every description is translated into every language: shown as page-language text
        assert " ".join(project.description[lang].split()) in shown
        assert main.css_first("p.amm-lead").attrs.get("lang") is None


def test_contact_cards_show_exactly_the_sourced_values(site, directory, projects):
    for project in projects:
        doc = parse(page(site, DEFAULT_LANG, project.id)).css_first(".amm-project")
        cards = doc.css(".amm-card")
        assert [text(c.css_first("h3")) for c in cards] == [directory.contacts[c].name for c in project.contacts]
        for card, cid in zip(cards, project.contacts):
            contact = directory.contacts[cid]
            tel = [a.attrs.get("href") for a in card.css('a[href^="tel:"]')]
            assert tel == ([f"tel:{PHONES[cid]}"] if cid in PHONES else [])
            mail = [a.attrs.get("href") for a in card.css('a[href^="mailto:"]')]
            assert mail == ([f"mailto:{contact.email}"] if contact.email else [])
            if contact.address:
                a = contact.address
                assert text(card.css_first(".amm-address")) == f"{a.street}, {a.postcode} {a.city}"
                osm = [x.attrs.get("href") for x in card.css('a[href*="openstreetmap.org"]')]
                assert len(osm) == 1 and osm[0].startswith("https://www.openstreetmap.org/search?query=")
            warning = card.css_first(".amm-card__warning")
            assert (warning is not None) == (contact.phase != directory.current_phase)
            assert "21. November 2026" in text(card.css_first(".amm-card__meta"))


def test_no_mentee_is_left_at_a_dead_end(site, data, directory, projects):
    """A project without a current contact routes to the coordination and the official website."""
    coordination = directory.coordination()
    assert set(TITLES["de"]) == set(directory.projects)
    for lang in LANG_CODES:
        for project in projects:
            doc = parse(page(site, lang, project.id)).css_first(".amm-project")
            route = doc.css_first(".amm-fallback")
            if project.id in NEEDS_FALLBACK:
                hrefs = [a.attrs.get("href") for a in route.css("a")]
                assert f"../{coordination.id}/" in hrefs
                assert data.site.links["programme_website"] in hrefs
            else:
                assert route is None
    # and the coordination page itself has a contact card with a phone number
    card = parse(page(site, DEFAULT_LANG, coordination.id)).css_first(".amm-card")
    assert card is not None and card.css_first('a[href="tel:+49371256201810"]') is not None


def test_district_pages_list_the_projects_serving_them(site, data, directory):
    assert set(PROJECTS_OF_DISTRICT) == {d.slug for d in directory.districts.values()}
    for lang in LANG_CODES:
        for district in directory.districts.values():
            doc = parse(page(site, lang, f"kreis-{district.slug}")).css_first(".amm-district")
            linked = [a.attrs.get("href") for a in doc.css("h2 > a")]
            assert linked == [f"../{p}/" for p in PROJECTS_OF_DISTRICT[district.slug]]
            several = len(linked) > 1
            assert (data.ui.for_language(lang)["district_several"].format(n=len(linked)) in text(doc)) == several


def test_overview_lists_every_district_and_project(site, directory, projects):
    for lang in LANG_CODES:
        doc = parse(page(site, lang, "")).css_first(".amm-overview")
        hrefs = {a.attrs.get("href") for a in doc.css("a")}
        assert {f"kreis-{d.slug}/" for d in directory.districts.values()} <= hrefs
        assert {f"{p.id}/" for p in projects} <= hrefs
        # 13 districts, each with the projects serving it: 14 regional project entries
        assert len(doc.css_first(".amm-district-list").css("li")) == 13 + 14


def test_data_status_page_lists_gaps_per_project(site, projects):
    doc = parse(page(site, DEFAULT_LANG, "datenstand")).css_first(".amm-data-status")
    rows = {tr.attrs.get("id"): tr for tr in doc.css('tr[id^="projekt-"]')}
    assert set(rows) == {f"projekt-{p.id}" for p in projects}
    assert "Träger" in text(rows["projekt-landkreis-leipzig"])
    assert "nur für die Phase 2016-2019 belegt" in text(rows["projekt-bautzen"])
    assert "Aufteilung des Kreises" in text(rows["projekt-mittelsachsen-1"])
    assert "data-pagefind-body" not in parse(page(site, DEFAULT_LANG, "datenstand")).css_first(
        ".amm-content").attrs


def test_stale_entries_are_flagged_on_the_page(data):
    env = generate.environment(ROOT)
    later = dt.date(2028, 1, 15)
    pages = generate.directory_pages(data, env, site_url="https://example.org/", today=later)
    dresden = pages["verzeichnis/dresden.md"]
    assert "können veraltet sein" in dresden
    fresh = generate.directory_pages(data, env, site_url="https://example.org/", today=dt.date(2026, 12, 1))
    assert "können veraltet sein" not in fresh["verzeichnis/dresden.md"]
    assert "Eintrag zuletzt geprüft 2026-11-21" in pages["verzeichnis/datenstand.md"]


def test_projects_json_validates_against_its_schema_and_matches_the_data(site, projects):
    exported = json.loads((site / "verzeichnis" / "projects.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "verzeichnis" / "projects.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, schema, format_checker=jsonschema.FormatChecker())
    assert [p["id"] for p in exported["projects"]] == [p.id for p in projects]
    assert len(exported["districts"]) == 13
    assert all(d["projects"] for d in exported["districts"])
    for item in exported["projects"]:
        assert set(item["sources"]) <= set(exported["sources"])


def test_every_contact_has_a_vcard_that_parses(site, directory):
    for contact in directory.contacts.values():
        card = vobject.readOne((site / "verzeichnis" / "kontakte" / f"{contact.id}.vcf").read_text(encoding="utf-8"))
        assert card.fn.value == contact.name
        if contact.id in PHONES:
            assert card.tel.value == PHONES[contact.id]
        else:
            assert "tel" not in card.contents
        if contact.address:
            assert card.adr.value.street == contact.address.street
            assert card.adr.value.code == contact.address.postcode


def test_project_pages_carry_schema_org_json_ld(site, projects):
    for project in projects:
        doc = parse(page(site, DEFAULT_LANG, project.id))
        scripts = doc.css('script[type="application/ld+json"]')
        assert len(scripts) == 1
        data = json.loads(scripts[0].text())
        assert data["@type"] == "Organization"
        assert data["name"] == TITLES["de"][project.id]
        assert data["url"].endswith(f"/verzeichnis/{project.id}/")


def test_markup_in_data_is_shown_as_text_everywhere(altered_build):
    # the altered build has this text as the name of the Dresden project and its contact
    from conftest import MARKUP_IN_DATA as tricky

    result = altered_build
    start = (result.site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(2)</script>" not in start and "&lt;script&gt;alert(2)&lt;/script&gt;" in start
    assert ' onfocus="alert(4)' not in start and 'aria-label="Suche&#34; onfocus=&#34;alert(4)"' in start
    imprint = (result.site / "impressum" / "index.html").read_text(encoding="utf-8")
    assert 'href="javascript:' not in imprint and "&lt;a href=&#34;javascript:alert(3)&#34;&gt;Verein" in imprint
    html_file = result.site / "verzeichnis" / "dresden" / "index.html"
    raw = html_file.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw and "<b>" not in raw.split("<body", 1)[1]
    doc = parse(html_file)
    assert text(doc.css_first("title")) == " ".join(tricky.split()) + " - Arbeitsmarktmentoren Sachsen"
    assert text(doc.css_first('.md-header__topic[data-md-component="header-topic"]')) \
        == " ".join(tricky.split())
    assert text(doc.css_first(".amm-project h1")) == " ".join(tricky.split())
    assert text(doc.css_first(".amm-card h3")) == " ".join(tricky.split())
    ld = json.loads(doc.css_first('script[type="application/ld+json"]').text())
    assert ld["name"] == tricky
    card = vobject.readOne((result.site / "verzeichnis" / "kontakte" / "aul_dresden.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == tricky
    exported = json.loads((result.site / "verzeichnis" / "projects.json").read_text(encoding="utf-8"))
    assert next(p for p in exported["projects"] if p["id"] == "dresden")["name"] == tricky


def test_generated_pages_are_found_by_the_search_index(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(LANG_CODES) <= set(entry["languages"])
    # Pagefind indexes exactly the pages marked for search, generated directory pages included
    others = [code for code in LANG_CODES if code != DEFAULT_LANG]
    for lang in LANG_CODES:
        base = site if lang == DEFAULT_LANG else site / lang
        marked = [p for p in base.rglob("index.html")
                  if not (lang == DEFAULT_LANG and p.relative_to(site).parts[0] in others)
                  and "data-pagefind-body" in p.read_text(encoding="utf-8")]
        assert entry["languages"][lang]["page_count"] == len(marked), lang
        names = {p.parent.name for p in marked}
        assert {"dresden", "kreis-leipzig", "chemnitz"} <= names, lang


@pytest.mark.browser
@pytest.mark.parametrize("lang", [DEFAULT_LANG, "ar"])
def test_project_pages_print_on_one_page(print_tab, server, projects, lang):
    """Each project page is a one-page handout, with room to spare (a wider font, a longer name)."""
    fills = {}
    for project in projects:
        print_tab.goto(server + lang_prefix(lang) + f"verzeichnis/{project.id}/")
        expect(print_tab.locator(".amm-qr-figure svg")).to_be_visible()
        fills[project.id] = round(print_fill(print_tab), 2)
    print(f"{lang}: share of one A4 page filled:", fills)
    assert max(fills.values()) <= PRINT_MARGIN, f"{lang}: more than {PRINT_MARGIN:.0%} of A4: {fills}"
    longest = max(fills, key=fills.get)
    print_tab.goto(server + lang_prefix(lang) + f"verzeichnis/{longest}/")
    assert pdf_pages(print_tab.pdf(format="A4")) == 1


def test_qr_code_points_to_the_page(site):
    doc = parse(page(site, DEFAULT_LANG, "chemnitz"))
    caption = text(doc.css_first(".amm-qr-figure figcaption"))
    assert caption.endswith("http://127.0.0.1" + SUBPATH + "verzeichnis/chemnitz/")
    import segno

    expected = segno.make("http://127.0.0.1" + SUBPATH + "verzeichnis/chemnitz/", error="m")
    drawn = doc.css_first(".amm-qr-figure path").attrs.get("d")
    assert drawn and drawn in expected.svg_inline(scale=3)


@pytest.mark.parametrize("written", ["(0351) 1234567", "+49 (0)351 1234567", "0049 351 1234567", "0351/123 45 67",
                                     "0351 1234 567"])
def test_phone_numbers_as_german_sites_write_them_are_read_and_shown_in_one_form(written):
    from amm.core.model import validate
    from amm.directory.model import ContactPhone

    phone, problems = validate({"number": written}, ContactPhone, "data/contacts.yaml")
    assert problems == []
    assert str(phone.number) == "0351 1234567" and phone.e164 == "+493511234567"


@pytest.mark.parametrize("written, shown, e164", [
    ("03581 663-0", "03581 663-0", "+4935816630"),        # DIN 5008: -0 is the switchboard
    ("0371 488-3371", "0371 488-3371", "+493714883371"),
    ("(0351) 123 - 4567", "0351 123-4567", "+493511234567"),
])
def test_an_extension_the_editor_marks_with_a_hyphen_stays_marked(written, shown, e164):
    from amm.core.model import validate
    from amm.directory.model import ContactPhone

    phone, problems = validate({"number": written}, ContactPhone, "data/contacts.yaml")
    assert problems == []
    assert (str(phone.number), phone.e164) == (shown, e164)


@pytest.mark.parametrize("written", ["+49 1 2345678", "1234567", "0351 1234567 8901 2345 678", "0351 12a4567"])
def test_phone_numbers_that_cannot_be_dialled_are_refused(written):
    from amm.core.model import validate
    from amm.directory.model import ContactPhone

    phone, problems = validate({"number": written}, ContactPhone, "data/contacts.yaml")
    assert phone is None and [p.field for p in problems] == ["number"]
    assert problems[0].message_de == f"„{written}“ ist keine gültige deutsche Telefonnummer."


def test_every_phone_number_in_the_data_keeps_its_digits(data):
    """The readable form and the tel: link of each shipped number have the digits the source wrote
    (area code with its leading 0; +49 written as 0)."""
    import re

    import yaml

    written = [c["phone"]["number"] for c in yaml.safe_load((ROOT / "data" / "contacts.yaml").read_text())["contacts"]
               if "phone" in c]
    offices = yaml.safe_load((ROOT / "data" / "offices.yaml").read_text())
    written += [o["phone"] for o in offices["offices"] + offices["routes"] if "phone" in o]
    shown = [str(c.phone.number) for c in data.directory.contacts.values() if c.phone]
    shown += [str(o.phone) for o in list(data.offices.offices.values()) + list(data.offices.routes.values())
              if o.phone]
    digits = [re.sub(r"^\+49", "0", re.sub(r"[^0-9+]", "", w)) for w in written]
    assert [re.sub(r"[^0-9]", "", s) for s in shown] == digits and len(digits) > 20
    assert "0371 256201810" in shown and "0800 4555500" in shown
