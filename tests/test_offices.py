"""Public offices per district (data/offices.yaml) as a mentee, a mentor, the programme office and a
data consumer see them: district pages, finder answer, referral slip, data status, exports."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import jsonschema
import pytest
import vobject

from amm.directory.offices import TYPES
from conftest import DEFAULT_LANG, LANG_CODES, MARKUP_IN_DATA, ROOT, RTL, lang_prefix
from tools.html import classes, content, parse, text


@pytest.fixture(scope="module")
def districts(data):
    return list(data.directory.districts.values())


def page(site, lang: str, slug: str):
    return site / lang_prefix(lang) / "verzeichnis" / slug / "index.html"


def section(site, lang: str, slug: str):
    return parse(page(site, lang, slug)).css_first(".amm-offices")


def answers(offices) -> dict[str, list]:
    """Office type (heading id) -> the office or gap cards under that heading, in page order."""
    groups: dict[str, list] = {}
    current = None
    for node in offices.css("h3, .amm-office"):   # in page order
        if node.tag == "h3":
            current = node.attrs.get("id")
            groups[current] = []
        elif current:
            groups[current].append(node)
    return groups


def mailto(node) -> str:
    return unquote(node.css_first('a[href^="mailto:"]').attrs.get("href"))


def cited_urls(doc, card) -> list[str]:
    """The URLs of the sources a card cites (its [n] links into the page's source list)."""
    ids = [a.attrs.get("href").removeprefix("#") for a in card.css("sup > a")]
    return [doc.css_first(f'li[id="{i}"] a').attrs.get("href") for i in ids]


def test_chemnitz_page_shows_its_auslaenderbehoerde_with_source_and_date(site):
    doc = parse(page(site, DEFAULT_LANG, "kreis-chemnitz"))
    card = doc.css_first("#stelle-abh-chemnitz")
    shown = text(card)
    assert "Ausländerbehörde der Stadt Chemnitz" in shown
    assert "Düsseldorfer Platz 1, 09111 Chemnitz" in shown
    assert text(card.css_first("a[href='tel:+493714883371']")) == "0371 488-3371"
    assert card.css_first("a[href='mailto:auslaenderbehoerde@stadt-chemnitz.de']") is not None
    assert "Nur mit Termin." in shown
    assert "Zuletzt geprüft: 30. November 2026" in shown
    assert cited_urls(doc, card) == ["https://www.tu-chemnitz.de/international/incoming/chemnitz/behoerden.php"]
    # The mentor project comes first, the offices under it.
    body = text(doc.css_first(".amm-district"))
    assert body.index("Arbeitsmarktmentoren Chemnitz") < body.index("Weitere Hilfe in diesem Kreis")


def test_nordsachsen_page_shows_offices_and_honest_gaps(site):
    doc = parse(page(site, DEFAULT_LANG, "kreis-nordsachsen"))
    offices = doc.css_first(".amm-offices")
    abh = text(offices.css_first("#stelle-abh-nordsachsen"))
    assert "Richard-Wagner-Straße 7 a, 04509 Delitzsch" in abh
    assert "auslaenderamt@lra-nordsachsen.de" in abh
    jobcenter = offices.css_first("#stelle-jobcenter-nordsachsen")
    assert jobcenter.css_first("a[href='tel:+493435980493']") is not None
    assert cited_urls(doc, jobcenter) == [
        "https://www.lvz.de/Region/Oschatz/Oschatzer-Jobcenter-Kapitel-in-der-Oststrasse-beendet"]
    # No youth migration service is known: the page says so and names the official finder.
    [gap] = answers(offices)["amt-jmd"]
    assert "amm-office--gap" in classes(gap)
    assert "Noch nicht bekannt." in text(gap)
    assert gap.css_first("a[href='https://www.jugendmigrationsdienste.de/']") is not None


def test_arabic_dresden_page_marks_german_names_and_says_what_is_unknown(site):
    doc = parse(page(site, "ar", "kreis-dresden"))
    assert doc.css_first("html").attrs.get("dir") == "rtl"
    card = doc.css_first("#stelle-abh-dresden")
    name = card.css_first(".amm-office__name").css_first("bdi")
    assert name.attrs.get("lang") == "de" and text(name) == "Ausländerbehörde der Landeshauptstadt Dresden"
    assert card.css_first("a[href='tel:+493514886009']").attrs.get("dir") == "ltr"
    gaps = doc.css_first(".amm-offices").css(".amm-office--gap")
    assert gaps and all("غير معروف بعد" in text(g) for g in gaps)


@pytest.mark.parametrize("lang", LANG_CODES)
def test_every_district_page_has_every_office_type_with_an_office_or_a_route(data, districts, site, lang):
    labels = [data.ui.for_language(lang)["office_type_" + t] for t in TYPES]
    for district in districts:
        offices = section(site, lang, f"kreis-{district.slug}")
        assert [text(h) for h in offices.css("h3")] == labels, district.slug
        for kind, cards in answers(offices).items():
            assert cards, (district.slug, kind)
            assert all(c.css_first("a") is not None or c.css_first("address") or c.css_first("dd") for c in cards), kind
        assert page(site, lang, f"zettel-{district.slug}").is_file()


def test_finder_answer_names_the_auslaenderbehoerde_and_migration_counselling(site):
    doc = parse(site / "mentor-finden" / "index.html")
    # the finder's answers are templates (HTML5: their content is a fragment of its own)
    dresden = text(content(doc.css_first("template#amm-finder-d-14612")))
    assert "Ausländerbehörde (Aufenthalt, Erlaubnis zur Arbeit): Ausländerbehörde der Landeshauptstadt Dresden" \
        in dresden
    assert "0351 4886009" in dresden
    leipzig = content(doc.css_first("template#amm-finder-d-14713"))
    assert "Prager Straße 128 (Eingang B1), 04317 Leipzig" in text(leipzig)
    assert leipzig.css_first('a[href="mailto:migration@drk-leipzig.de"]') is not None
    nordsachsen = content(doc.css_first("template#amm-finder-d-14730"))
    assert nordsachsen.css_first("a[href='https://bamf-navi.bamf.de/']") is not None
    assert nordsachsen.css_first("a[href='../verzeichnis/zettel-nordsachsen/']") is not None


def test_data_status_lists_office_gaps_and_ready_requests(site):
    doc = parse(page(site, DEFAULT_LANG, "datenstand"))
    row = doc.css_first("tr#kreis-14730")
    cells = [text(td) for td in row.css("td")]
    assert cells[TYPES.index("auslaenderbehoerde")] == "bekannt"
    assert cells[TYPES.index("jmd")].startswith("fehlt – Weg: Jugendmigrationsdienste")
    assert cells[TYPES.index("anerkennung")] == "bekannt (landesweit)"
    form = row.css_first("a[href='../anfrage-kreis-nordsachsen/']")
    mail = mailto(row)
    assert form is not None
    assert "subject=Ämter und Beratungsstellen für Landkreis Nordsachsen" in mail
    assert "Jugendmigrationsdienst (JMD, 12 bis 27 Jahre): keine Stelle bekannt (fehlt)" in mail
    assert "Feld: data/offices.yaml › Kreis 14730 › jmd" in mail
    # The printable form lists the same questions, with the published values to confirm.
    request = parse(page(site, DEFAULT_LANG, "anfrage-kreis-nordsachsen")).css_first(".amm-request")
    shown = text(request)
    assert "Jugendmigrationsdienst (JMD, 12 bis 27 Jahre): keine Stelle bekannt" in shown
    assert "data/offices.yaml › jobcenter-nordsachsen › sources" in shown
    assert "Blomberger Straße 2, 04758 Oschatz; 03435 980493" in shown
    # Per project, too: the Landkreis Leipzig project has no known operator.
    project_row = doc.css_first("tr#projekt-landkreis-leipzig")
    project_mail = mailto(project_row)
    assert "1. Name des Projekts (fehlt)" in project_mail
    assert "Feld: data/projects.yaml › landkreis-leipzig › operator" in project_mail


def test_exports_validate_and_carry_the_offices(districts, site):
    folder = site / "verzeichnis"
    exported = json.loads((folder / "offices.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads((folder / "offices.schema.json").read_text(encoding="utf-8")))
    abh = next(o for o in exported["offices"] if o["id"] == "abh-bautzen")
    assert abh["address"] == {"street": "Macherstraße 55", "postcode": "01917", "city": "Kamenz"}
    assert abh["phone"] == "03591 5251-34444" and abh["districts"] == ["14625"]
    ibas = next(o for o in exported["offices"] if o["id"] == "ibas-sachsen")
    assert len(ibas["districts"]) == 13
    assert len(exported["districts"]) == 13 and all(len(x["types"]) == len(TYPES) for x in exported["districts"])
    card = vobject.readOne((folder / "aemter" / "abh-chemnitz.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == "Ausländerbehörde der Stadt Chemnitz"
    assert card.tel.value == "+493714883371"
    per_district = json.loads((folder / "auslaenderbehoerden.json").read_text(encoding="utf-8"))
    assert set(per_district) == {d.key for d in districts}
    assert per_district["14713"]["offices"][0]["address"]["street"] == "Prager Straße 128 (Eingang B1)"
    assert per_district["14612"]["offices"][0]["email"] == "auslaenderbehoerde@dresden.de"


def test_office_names_are_shown_as_text_everywhere(altered_build):
    # the altered build (conftest.ALTERATIONS) has this text as the name of Chemnitz' foreigners' authority
    tricky = MARKUP_IN_DATA
    result = altered_build
    flat = " ".join(tricky.split())
    for path in ("verzeichnis/kreis-chemnitz/index.html", "ar/verzeichnis/zettel-chemnitz/index.html",
                 "mentor-finden/index.html"):
        raw = (result.site / path).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in raw and "<b>" not in raw.split("<body", 1)[1], path
    doc = parse(result.site / "verzeichnis" / "kreis-chemnitz" / "index.html")
    assert text(doc.css_first("#stelle-abh-chemnitz .amm-office__name")) == flat
    card = vobject.readOne((result.site / "verzeichnis" / "aemter" / "abh-chemnitz.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == tricky


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "uk", DEFAULT_LANG])
def test_referral_slip_prints_on_one_a4_page_beside_german(districts, browser, server, lang):
    ctx = browser.new_context()
    tab = ctx.new_page()
    for district in districts:
        tab.goto(server + lang_prefix(lang) + f"verzeichnis/zettel-{district.slug}/")
        pdf = tab.pdf(format="A4")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == 1, f"{lang}/{district.slug} prints on {pages} pages"
        assert tab.locator(".amm-slip__qr svg").count() == 1
        heading = tab.locator(".amm-slip__table tr").nth(1).locator("th")
        if lang == DEFAULT_LANG:
            assert tab.locator(".amm-slip [lang=de].amm-slip__de").count() == 0
        else:
            assert tab.locator("html").get_attribute("dir") == ("rtl" if lang in RTL else "ltr")
            assert heading.locator(".amm-slip__de").get_attribute("lang") == "de"
            assert heading.locator(".amm-slip__de").inner_text() == "Ausländerbehörde (Aufenthalt, Erlaubnis zur Arbeit)"
    ctx.close()


def test_decision_aid_partial_renders_the_auslaenderbehoerde_for_a_district_key(data):
    import datetime as dt

    from amm.directory import pages as generate

    env = generate.environment(ROOT)
    context = generate.template_context(data, "en", dt.date(2026, 12, 1))
    template = env.from_string('{% from "directory/office_macros.html" import abh_contact with context %}'
                               '{{ abh_contact("14625", "../verzeichnis/") }}')
    block = parse(template.render(**context))
    shown = text(block.body)
    assert "Apply at: the foreigners' authority for Landkreis Bautzen" in shown
    assert "Landratsamt Bautzen, Ausländeramt" in shown and "Macherstraße 55, 01917 Kamenz" in shown
    assert block.css_first("a[href='tel:+493591525134444']") is not None
    assert block.css_first("a[href='mailto:auslaenderamt@lra-bautzen.de']") is not None


@pytest.mark.browser
@pytest.mark.parametrize("lang", [DEFAULT_LANG, "ar"])
def test_finder_answer_shows_the_auslaenderbehoerde_of_the_place(context, server, lang):
    from playwright.sync_api import expect

    tab = context.new_page()
    tab.goto(server + lang_prefix(lang) + "mentor-finden/")
    tab.fill("#amm-finder-input", "Plauen")
    tab.click(".amm-finder button[type=submit]")
    card = tab.locator(".amm-finder__result .amm-finder__card")
    expect(card).to_contain_text("Ausländerbehörde des Vogtlandkreises")
    expect(card).to_contain_text("Postplatz 5, Plauen")
    expect(card.locator('a[href="https://bamf-navi.bamf.de/"]')).to_have_count(1)
    expect(card.locator('a[href$="verzeichnis/zettel-vogtlandkreis/"]')).to_have_count(1)


def test_vcard_links_of_office_cards_resolve_in_every_language(site):
    for lang in ("de", "ar"):
        card = parse(page(site, lang, "kreis-chemnitz")).css_first("#stelle-abh-chemnitz")
        [href] = [a.attrs.get("href") for a in card.css('a[href$=".vcf"]')]
        target = (page(site, lang, "kreis-chemnitz").parent / href).resolve()
        assert target == (site / "verzeichnis" / "aemter" / "abh-chemnitz.vcf").resolve() and target.is_file()
