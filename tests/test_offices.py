"""Public offices per district (data/offices.yaml) as a mentee, a mentor, the programme office and a
data consumer see them: district pages, finder answer, referral slip, data status, exports."""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import jsonschema
import pytest
import vobject

from amm.build import load_all
from amm.directory.offices import TYPES
from conftest import DEFAULT_LANG, LANG_CODES, ROOT, RTL, lang_prefix, run_build
from htmltree import parse

DATA = load_all(ROOT, LANG_CODES, DEFAULT_LANG)
DISTRICTS = list(DATA.directory.districts.values())


def page(site, lang: str, slug: str):
    return site / lang_prefix(lang) / "verzeichnis" / slug / "index.html"


def section(site, lang: str, slug: str):
    return parse(page(site, lang, slug)).find(cls="amm-offices")


def answers(offices) -> dict[str, list]:
    """Office type (heading id) -> the office or gap cards under that heading, in page order."""
    groups: dict[str, list] = {}
    current = None
    for node in offices.iter():
        if node.tag == "h3":
            current = node.get("id")
            groups[current] = []
        elif current and "amm-office" in node.classes:
            groups[current].append(node)
    return groups


def mailto(node) -> str:
    return unquote(next(a.get("href") for a in node.find_all("a") if a.get("href", "").startswith("mailto:")))


def cited_urls(doc, card) -> list[str]:
    """The URLs of the sources a card cites (its [n] links into the page's source list)."""
    ids = [a.get("href").removeprefix("#") for a in card.find_all("a") if a.parent.tag == "sup"]
    return [doc.find("li", id=i).find("a").get("href") for i in ids]


def test_chemnitz_page_shows_its_auslaenderbehoerde_with_source_and_date(site):
    doc = parse(page(site, DEFAULT_LANG, "kreis-chemnitz"))
    card = doc.find(id="stelle-abh-chemnitz")
    text = card.text()
    assert "Ausländerbehörde der Stadt Chemnitz" in text
    assert "Düsseldorfer Platz 1, 09111 Chemnitz" in text
    assert card.find("a", href="tel:+493714883371").text() == "0371 4883371"
    assert card.find("a", href="mailto:auslaenderbehoerde@stadt-chemnitz.de") is not None
    assert "Nur mit Termin." in text
    assert "Zuletzt geprüft: 30. November 2026" in text
    assert cited_urls(doc, card) == ["https://www.tu-chemnitz.de/international/incoming/chemnitz/behoerden.php"]
    # The mentor project comes first, the offices under it.
    body = doc.find(cls="amm-district").text()
    assert body.index("Arbeitsmarktmentoren Chemnitz") < body.index("Weitere Hilfe in diesem Kreis")


def test_nordsachsen_page_shows_offices_and_honest_gaps(site):
    doc = parse(page(site, DEFAULT_LANG, "kreis-nordsachsen"))
    offices = doc.find(cls="amm-offices")
    abh = offices.find(id="stelle-abh-nordsachsen").text()
    assert "Richard-Wagner-Straße 7 a, 04509 Delitzsch" in abh
    assert "auslaenderamt@lra-nordsachsen.de" in abh
    jobcenter = offices.find(id="stelle-jobcenter-nordsachsen")
    assert jobcenter.find("a", href="tel:+493435980493") is not None
    assert cited_urls(doc, jobcenter) == [
        "https://www.lvz.de/Region/Oschatz/Oschatzer-Jobcenter-Kapitel-in-der-Oststrasse-beendet"]
    # No youth migration service is known: the page says so and names the official finder.
    [gap] = answers(offices)["amt-jmd"]
    assert "amm-office--gap" in gap.classes
    assert "Noch nicht bekannt." in gap.text()
    assert gap.find("a", href="https://www.jugendmigrationsdienste.de/") is not None


def test_arabic_dresden_page_marks_german_names_and_says_what_is_unknown(site):
    doc = parse(page(site, "ar", "kreis-dresden"))
    assert doc.find("html").get("dir") == "rtl"
    card = doc.find(id="stelle-abh-dresden")
    name = card.find(cls="amm-office__name").find("bdi")
    assert name.get("lang") == "de" and name.text() == "Ausländerbehörde der Landeshauptstadt Dresden"
    assert card.find("a", href="tel:+493514886009").get("dir") == "ltr"
    gaps = doc.find(cls="amm-offices").find_all(cls="amm-office--gap")
    assert gaps and all("غير معروف بعد" in g.text() for g in gaps)


@pytest.mark.parametrize("lang", LANG_CODES)
def test_every_district_page_has_every_office_type_with_an_office_or_a_route(site, lang):
    labels = [DATA.ui.for_language(lang)["office_type_" + t] for t in TYPES]
    for district in DISTRICTS:
        offices = section(site, lang, f"kreis-{district.slug}")
        assert [h.text() for h in offices.find_all("h3")] == labels, district.slug
        for kind, cards in answers(offices).items():
            assert cards, (district.slug, kind)
            assert all(c.find("a") is not None or c.find("address") or c.find("dd") for c in cards), kind
        assert page(site, lang, f"zettel-{district.slug}").is_file()


def test_finder_answer_names_the_auslaenderbehoerde_and_migration_counselling(site):
    doc = parse(site / "mentor-finden" / "index.html")
    dresden = doc.find("template", id="amm-finder-d-14612").text()
    assert "Ausländerbehörde (Aufenthalt, Erlaubnis zur Arbeit): Ausländerbehörde der Landeshauptstadt Dresden" \
        in " ".join(dresden.split())
    assert "0351 4886009" in dresden
    leipzig = doc.find("template", id="amm-finder-d-14713")
    assert "Prager Straße 128 (Eingang B1), 04317 Leipzig" in leipzig.text()
    assert leipzig.find("a", href="mailto:migration@drk-leipzig.de") is not None
    nordsachsen = doc.find("template", id="amm-finder-d-14730")
    assert nordsachsen.find("a", href="https://bamf-navi.bamf.de/") is not None
    assert nordsachsen.find("a", href="../verzeichnis/zettel-nordsachsen/") is not None


def test_data_status_lists_office_gaps_and_ready_requests(site):
    doc = parse(page(site, DEFAULT_LANG, "datenstand"))
    row = doc.find("tr", id="kreis-14730")
    cells = [td.text() for td in row.find_all("td")]
    assert cells[TYPES.index("auslaenderbehoerde")] == "bekannt"
    assert cells[TYPES.index("jmd")].startswith("fehlt – Weg: Jugendmigrationsdienste")
    assert cells[TYPES.index("anerkennung")] == "bekannt (landesweit)"
    form = row.find("a", href="../anfrage-kreis-nordsachsen/")
    mail = mailto(row)
    assert form is not None
    assert "subject=Ämter und Beratungsstellen für Landkreis Nordsachsen" in mail
    assert "Jugendmigrationsdienst (JMD, 12 bis 27 Jahre): keine Stelle bekannt (fehlt)" in mail
    assert "Feld: data/offices.yaml › Kreis 14730 › jmd" in mail
    # The printable form lists the same questions, with the published values to confirm.
    request = parse(page(site, DEFAULT_LANG, "anfrage-kreis-nordsachsen")).find(cls="amm-request")
    text = " ".join(request.text().split())
    assert "Jugendmigrationsdienst (JMD, 12 bis 27 Jahre): keine Stelle bekannt" in text
    assert "data/offices.yaml › jobcenter-nordsachsen › sources" in text
    assert "Blomberger Straße 2, 04758 Oschatz; 03435 980493" in text
    # Per project, too: the Landkreis Leipzig project has no known operator.
    project_row = doc.find("tr", id="projekt-landkreis-leipzig")
    project_mail = mailto(project_row)
    assert "1. Name des Projekts (fehlt)" in project_mail
    assert "Feld: data/projects.yaml › landkreis-leipzig › operator" in project_mail


def test_exports_validate_and_carry_the_offices(site):
    folder = site / "verzeichnis"
    exported = json.loads((folder / "offices.json").read_text(encoding="utf-8"))
    jsonschema.validate(exported, json.loads((folder / "offices.schema.json").read_text(encoding="utf-8")))
    abh = next(o for o in exported["offices"] if o["id"] == "abh-bautzen")
    assert abh["address"] == {"street": "Macherstraße 55", "postcode": "01917", "city": "Kamenz"}
    assert abh["phone"] == "03591 525134444" and abh["districts"] == ["14625"]
    ibas = next(o for o in exported["offices"] if o["id"] == "ibas-sachsen")
    assert len(ibas["districts"]) == 13
    assert len(exported["districts"]) == 13 and all(len(x["types"]) == len(TYPES) for x in exported["districts"])
    card = vobject.readOne((folder / "aemter" / "abh-chemnitz.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == "Ausländerbehörde der Stadt Chemnitz"
    assert card.tel.value == "+493714883371"
    per_district = json.loads((folder / "auslaenderbehoerden.json").read_text(encoding="utf-8"))
    assert set(per_district) == {d.key for d in DISTRICTS}
    assert per_district["14713"]["offices"][0]["address"]["street"] == "Prager Straße 128 (Eingang B1)"
    assert per_district["14612"]["offices"][0]["email"] == "auslaenderbehoerde@dresden.de"


def test_office_names_are_shown_as_text_everywhere(project_copy, tmp_path):
    tricky = 'Amt <b>"A" & \'B\'</b> </script><script>alert(1)</script>'
    offices = project_copy / "data" / "offices.yaml"
    text = offices.read_text(encoding="utf-8")
    offices.write_text(text.replace("name: Ausländerbehörde der Stadt Chemnitz", "name: " + json.dumps(tricky), 1),
                       encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.output
    flat = " ".join(tricky.split())
    for path in ("verzeichnis/kreis-chemnitz/index.html", "ar/verzeichnis/zettel-chemnitz/index.html",
                 "mentor-finden/index.html"):
        raw = (result.site / path).read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in raw and "<b>" not in raw.split("<body", 1)[1], path
    doc = parse(result.site / "verzeichnis" / "kreis-chemnitz" / "index.html")
    assert doc.find(id="stelle-abh-chemnitz").find(cls="amm-office__name").text() == flat
    card = vobject.readOne((result.site / "verzeichnis" / "aemter" / "abh-chemnitz.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == tricky


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "uk", DEFAULT_LANG])
def test_referral_slip_prints_on_one_a4_page_beside_german(browser, server, lang):
    ctx = browser.new_context()
    tab = ctx.new_page()
    for district in DISTRICTS:
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


def test_decision_aid_partial_renders_the_auslaenderbehoerde_for_a_district_key():
    import datetime as dt

    from amm.directory import pages as generate

    env = generate.environment(ROOT)
    context = generate.template_context(DATA, "en", dt.date(2026, 12, 1))
    template = env.from_string('{% from "directory/office_macros.html" import abh_contact with context %}'
                               '{{ abh_contact("14625", "../verzeichnis/") }}')
    block = parse(template.render(**context))
    text = block.text()
    assert "Apply at: the foreigners' authority for Landkreis Bautzen" in text
    assert "Landratsamt Bautzen, Ausländeramt" in text and "Macherstraße 55, 01917 Kamenz" in text
    assert block.find("a", href="tel:+493591525134444") is not None
    assert block.find("a", href="mailto:auslaenderamt@lra-bautzen.de") is not None


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
        card = parse(page(site, lang, "kreis-chemnitz")).find(id="stelle-abh-chemnitz")
        [href] = [a.get("href") for a in card.find_all("a") if a.get("href", "").endswith(".vcf")]
        target = (page(site, lang, "kreis-chemnitz").parent / href).resolve()
        assert target == (site / "verzeichnis" / "aemter" / "abh-chemnitz.vcf").resolve() and target.is_file()
