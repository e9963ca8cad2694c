"""Recognition, employer guide and practice notes: the data (every competent body has a source,
every note has a basis and tags that resolve to pages) and what the built pages show (the table
and lookup equal the data, each page shows the notes tagged for it, Stand line on every page).
Browser: the notes filter and the printed checklists (one A4 page each, also in Arabic)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from amm.build import load_all
from amm.core.urls import page_url
from conftest import DEFAULT_LANG, LANG_CODES, PRINT_MARGIN, ROOT, lang_prefix, pdf_pages, print_fill
from htmltree import parse

DATA = load_all(ROOT, LANG_CODES, DEFAULT_LANG)
RECOGNITION, NOTES = DATA.recognition, DATA.notes
SOURCES = DATA.site.sources
DOCS = ROOT / "docs"
CHECKLISTS = ["arbeitgeber/checkliste-einstellung", "arbeitgeber/checkliste-pflichten",
              "arbeitgeber/checkliste-ausbildung"]
# the pages of issue 6: legal content with Stand line and disclaimer
NEW_PAGES = sorted(str(p.relative_to(DOCS).with_suffix("")) for folder in ("anerkennung", "arbeitgeber")
                   for p in (DOCS / folder).glob("*.md") if "." not in p.stem) + ["fuer-arbeitgeber",
                                                                                   "aus-der-praxis"]


def built(site, lang: str, docs_path: str):
    return parse(site / page_url(docs_path, lang, DEFAULT_LANG) / "index.html")


# Hand-written from data/recognition.yaml and data/practice_notes.yaml (not computed by amm/):
# which bodies decide for each group, and which notes each page shows.
DECIDING = {"ihk": ["ihk_fosa"], "handwerk": ["hwk_dresden", "hwk_leipzig", "hwk_chemnitz"],
            "health_academic": ["lds_heilberufe"], "health": ["ksv"], "teachers": ["lasub"],
            "educators": ["lasub"], "social": ["lds_soziales"], "engineers": ["ingenieurkammer"],
            "architects": ["architektenkammer"], "kultus_other": ["kultus_anlage2"], "academic": ["zab"]}
NOTES_ON_PAGE = {
    "anerkennung/kurz.md": ["anerkennung-beratung-zuerst", "anerkennung-dokumentieren", "anerkennung-fehlende-nachweise", "uebersetzungen-kosten", "pflege-verfahrensweg", "zab-zeugnisbewertung", "integrationskurs-andere-wege"],
    "anerkennung/ueberblick.md": ["anerkennung-beratung-zuerst", "anerkennung-dokumentieren", "anerkennung-fehlende-nachweise", "uebersetzungen-kosten", "pflege-verfahrensweg", "zab-zeugnisbewertung", "spurwechsel-nur-mit-beratung"],
    "anerkennung/zustaendige-stellen.md": ["anerkennung-beratung-zuerst", "pflege-verfahrensweg"],
    "arbeitgeber/ausbildung-und-foerderung.md": ["ausbildungsbeginn", "ausbildungsduldung-zeitpunkt", "probebeschaeftigung", "eingliederungszuschuss-vorher", "bab-frueh-beantragen"],
    "arbeitgeber/einstellen.md": ["erlaubnis-unterlagen", "zustimmungsfiktion", "kopie-aufbewahren", "probebeschaeftigung", "eingliederungszuschuss-vorher"],
    "arbeitgeber/pflichten.md": ["kopie-aufbewahren", "meldefrist-zwei-wochen"],
    "fuer-arbeitgeber.md": ["erlaubnis-unterlagen", "zustimmungsfiktion", "vermerk-pruefen", "ausbildungsbeginn", "ausbildungsduldung-zeitpunkt", "kopie-aufbewahren", "meldefrist-zwei-wochen", "probebeschaeftigung", "eingliederungszuschuss-vorher", "fiktion-vor-ablauf", "wohnsitz-vor-umzug", "abbruch-vorher-beraten", "pruefung-nicht-bestanden"],
    "fuer-mentoren.md": ["erlaubnis-unterlagen", "zustimmungsfiktion", "vermerk-pruefen", "ausbildungsbeginn", "ausbildungsduldung-zeitpunkt", "meldefrist-zwei-wochen", "probebeschaeftigung", "anerkennung-beratung-zuerst", "anerkennung-dokumentieren", "anerkennung-fehlende-nachweise", "pflege-verfahrensweg", "zab-zeugnisbewertung", "integrationskurs-andere-wege", "chancen-rechtzeitig", "fiktion-vor-ablauf", "wohnsitz-vor-umzug", "bab-frueh-beantragen", "abbruch-vorher-beraten", "pruefung-nicht-bestanden", "spurwechsel-nur-mit-beratung"],
    "recht/anerkennungspartnerschaft.md": ["zab-zeugnisbewertung"],
    "recht/aufenthaltsgestattung.md": ["erlaubnis-unterlagen", "zustimmungsfiktion", "ausbildungsbeginn", "probebeschaeftigung", "integrationskurs-andere-wege", "wohnsitz-vor-umzug", "spurwechsel-nur-mit-beratung"],
    "recht/ausbildung-pruefung.md": ["abbruch-vorher-beraten", "pruefung-nicht-bestanden"],
    "recht/ausbildungsduldung.md": ["ausbildungsbeginn", "ausbildungsduldung-zeitpunkt", "meldefrist-zwei-wochen", "bab-frueh-beantragen", "abbruch-vorher-beraten", "pruefung-nicht-bestanden"],
    "recht/beschaeftigungsduldung.md": ["meldefrist-zwei-wochen"],
    "recht/chancen-aufenthaltsrecht.md": ["chancen-rechtzeitig", "fiktion-vor-ablauf"],
    "recht/duldung.md": ["erlaubnis-unterlagen", "zustimmungsfiktion", "vermerk-pruefen", "ausbildungsbeginn", "probebeschaeftigung", "integrationskurs-andere-wege", "wohnsitz-vor-umzug", "bab-frueh-beantragen"],
    "recht/erlaubnis-und-zustimmung.md": ["erlaubnis-unterlagen", "zustimmungsfiktion", "vermerk-pruefen", "ausbildungsbeginn", "chancen-rechtzeitig", "fiktion-vor-ablauf"],
    "recht/fiktionsbescheinigung.md": ["fiktion-vor-ablauf"],
    "recht/geld-in-der-ausbildung.md": ["bab-frueh-beantragen"],
    "recht/sprachkurse.md": ["integrationskurs-andere-wege"],
    "recht/spurwechsel.md": ["spurwechsel-nur-mit-beratung"],
    "recht/voruebergehender-schutz.md": ["integrationskurs-andere-wege"],
    "recht/wohnsitzauflage.md": ["wohnsitz-vor-umzug"],
}
DISCLAIMER = {"de": "Allgemeine Information, keine Rechtsberatung im Einzelfall. Maßgeblich ist der deutsche Text",
              "en": "General information, not individual legal advice. The German text is authoritative"}


def test_a_competent_body_website_is_on_the_host_of_one_of_its_sources():
    """Only sourced contact data: a body's website is a page one of its sources names."""
    for body in RECOGNITION.bodies:
        if body.website:
            host = re.sub(r"^https?://(www\.)?", "", body.website).split("/")[0]
            assert any(host in SOURCES[s].url for s in body.sources), (body.id, body.website)


def test_notes_contain_no_invented_figures():
    """Every number in a note's German text is a section of law, a deadline or an amount its basis
    states; the list below is what the sources in legal_facts.md give."""
    allowed = {"2", "4", "5", "6", "7", "16", "24", "25", "44", "60", "104", "2026"}
    for note in NOTES.notes:
        for number in re.findall(r"\d+", note.text["de"] + " " + note.title["de"]):
            assert number in allowed, (note.id, number)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_each_page_shows_the_notes_tagged_for_it(site, lang):
    assert sorted(NOTES.pages()) == sorted(NOTES_ON_PAGE)
    for docs_path, expected_ids in NOTES_ON_PAGE.items():
        expected = set(expected_ids)
        section = built(site, lang, docs_path).find(cls="amm-notes")
        assert section is not None, (lang, docs_path)
        shown = {d.get("id").removeprefix("hinweis-") for d in section.find_all("details")}
        assert shown == expected, (lang, docs_path)


def test_notes_on_a_page_cite_their_sources_in_its_source_list(site):
    doc = built(site, DEFAULT_LANG, "recht/ausbildungsduldung.md")
    note = doc.find("details", id="hinweis-meldefrist-zwei-wochen")
    assert note is not None
    laws = [a.text() for a in note.find_all("a", cls="amm-law")]
    assert laws == ["§ 60c Abs. 5 AufenthG", "§ 16g AufenthG", "§ 60d AufenthG"]
    listed = {li.get("id") for li in doc.find(cls="amm-sources").find_all("li")}
    for cite in note.find_all(cls="amm-cite"):
        assert cite.find("a").get("href").lstrip("#") in listed


def test_notes_index_lists_every_note_once_grouped_with_a_hidden_filter(site):
    doc = built(site, DEFAULT_LANG, "aus-der-praxis.md")
    articles = doc.find_all("article", cls="amm-note")
    assert sorted(a.get("id").removeprefix("hinweis-") for a in articles) == sorted(n.id for n in NOTES.notes)
    form = doc.find("form", cls="amm-notes-filter")
    assert "hidden" in form.attrs  # without JavaScript: the grouped list only
    assert [g.find("h2").text() for g in doc.find_all("section", cls="amm-notes-group")] == [
        "Beschäftigungserlaubnis", "Ausbildung und Praktikum", "Anerkennung", "Zuständige Stellen", "Einstellung",
        "Pflichten des Arbeitgebers", "Sprachkurse", "Fiktionsbescheinigung", "Wohnsitzauflage",
        "Geld während der Ausbildung", "Abschlussprüfung und Abbruch", "Spurwechsel"]
    for select in form.find_all("select"):
        assert doc.find("label", **{"for": select.get("id")}) is not None


@pytest.mark.parametrize("lang", ["de", "en"])
def test_recognition_table_equals_the_data(site, lang):
    doc = built(site, lang, "anerkennung/zustaendige-stellen.md")
    rows = {tr.get("data-body"): tr for tr in doc.find_all("tr") if tr.get("data-body")}
    assert set(rows) == {b.id for b in RECOGNITION.bodies}
    listed = {li.get("id") for li in doc.find(cls="amm-sources").find_all("li")}
    for body in RECOGNITION.bodies:
        row = rows[body.id]
        assert body.name in row.text()
        cited = {a.get("href").lstrip("#") for c in row.find_all(cls="amm-cite") for a in c.find_all("a")}
        assert cited == {f"quelle-{s}" for s in body.sources} and cited <= listed
        mails = {a.get("href") for a in row.find_all("a") if (a.get("href") or "").startswith("mailto:")}
        assert mails == ({f"mailto:{body.email}"} if body.email else set())
        websites = {a.get("href") for a in row.find_all("a") if (a.get("href") or "").startswith("http")}
        assert websites == ({body.website} if body.website else set())
        if body.label != "confirmed":
            assert "(" in row.find(cls="amm-label").text()  # the date of the source


@pytest.mark.parametrize("lang", LANG_CODES)
def test_mentee_guide_lookup_in_every_language(site, lang):
    doc = built(site, lang, "anerkennung/kurz.md")
    assert doc.find("html").get("lang") == lang
    groups = {d.get("data-group"): d for d in doc.find_all("details", cls="amm-lookup__group")}
    assert list(groups) == list(DECIDING)
    for gid, details in groups.items():
        assert details.find("summary").text() == RECOGNITION.groups[gid].name[lang]
        assert [li.get("data-body") for li in details.find_all("li")] == DECIDING[gid]
    assert "anerkennung@exis.de" in doc.find(cls="amm-lookup__counselling").text()


@pytest.mark.parametrize("lang", LANG_CODES)
def test_new_pages_show_stand_and_disclaimer(site, lang):
    for slug in NEW_PAGES:
        stand = built(site, lang, slug + ".md").find(cls="amm-stand")
        assert stand is not None, (lang, slug)
        disclaimer = stand.find(cls="amm-stand__disclaimer").text()
        assert disclaimer.startswith(DISCLAIMER[lang]) if lang in DISCLAIMER else disclaimer, (lang, slug)


def test_employer_landing_is_no_longer_a_placeholder(site):
    for lang in LANG_CODES:
        doc = built(site, lang, "fuer-arbeitgeber.md")
        assert doc.find(cls="amm-coming") is None, lang
        links = {a.get("href") for a in doc.find(cls="amm-content").find_all("a")}
        assert any("arbeitgeber/einstellen" in (h or "") for h in links), lang


def test_notification_deadlines_are_two_weeks_with_their_sections_of_law(site):
    doc = built(site, DEFAULT_LANG, "arbeitgeber/pflichten.md")
    rows = doc.find("table").find_all("tr")[1:]
    deadlines = {tuple(a.text() for a in r.find_all("a", cls="amm-law")): r.find_all("td")[2].text()
                 for r in rows}
    for law in ("§ 60c Abs. 5 AufenthG", "§ 16g AufenthG", "§ 60d AufenthG"):
        assert "2 Wochen" in deadlines[(law,)], law
    assert "4 Wochen" in deadlines[("§ 4a Abs. 5 AufenthG",)]


# --- issue 13: the questions mentors ask ---------------------------------------------------------

# page -> (sections of law a mentor must find on it, pages that must link to it). Written by hand.
QUESTION_PAGES = {
    "recht/spurwechsel": (["§ 10 Abs. 3 AufenthG", "§ 18a AufenthG", "§ 18b AufenthG", "§ 19c Abs. 2 AufenthG"],
                          ["recht/aufenthaltsgestattung", "recht/anerkennungspartnerschaft", "recht/ausbildungsduldung"]),
    "recht/fiktionsbescheinigung": (["§ 81 Abs. 3 AufenthG", "§ 81 Abs. 4 AufenthG", "§ 81 Abs. 5a AufenthG"],
                                    ["recht/chancen-aufenthaltsrecht", "recht/bleiberecht", "recht/voruebergehender-schutz"]),
    "recht/humanitaere-aufenthaltserlaubnis": (["§ 25 Abs. 5 AufenthG", "§ 4a Abs. 1 AufenthG", "§ 44 Abs. 4 AufenthG"],
                                               ["recht/duldung", "recht/schutzstatus", "recht/bleiberecht"]),
    "recht/wohnsitzauflage": (["§ 12a AufenthG", "§ 60 AsylG", "§ 61 Abs. 1d AufenthG"],
                              ["recht/aufenthaltsgestattung", "recht/duldung", "recht/schutzstatus"]),
    "recht/geld-in-der-ausbildung": (["§ 60 SGB III", "§ 74 SGB III", "§ 8 BAföG", "§ 52 SGB III"],
                                     ["recht/aufenthaltsgestattung", "recht/duldung", "recht/ausbildungsduldung",
                                      "recht/schutzstatus"]),
    "recht/minijob-und-ehrenamt": (["§ 61 AsylG", "§ 4a Abs. 4 AufenthG"],
                                   ["recht/aufenthaltsgestattung", "recht/duldung", "recht/erlaubnis-und-zustimmung"]),
    "recht/ausbildung-pruefung": (["§ 60c AufenthG", "§ 60c Abs. 5 AufenthG", "§ 19d Abs. 1a AufenthG", "§ 21 Abs. 3 BBiG"],
                                  ["recht/ausbildungsduldung"]),
    "recht/studium": (["§ 16b AufenthG", "§ 8 BAföG", "§ 10 Abs. 3 AufenthG"],
                      ["recht/aufenthaltsgestattung", "recht/duldung"]),
    "recht/dublin-geas": (["§ 61 AsylG"], ["recht/aufenthaltsgestattung", "recht/erlaubnis-und-zustimmung"]),
    "recht/wege-aus-der-duldung": (["§ 23a AufenthG", "§ 25 Abs. 5 AufenthG", "§ 60a Abs. 2 AufenthG", "§ 60d AufenthG"],
                                   ["recht/duldung", "recht/beschaeftigungsduldung", "recht/chancen-aufenthaltsrecht"]),
    "arbeitgeber/checkliste-ausbildung": (["§ 60c Abs. 5 AufenthG", "§ 16g AufenthG", "§ 32 Abs. 2 BeschV"],
                                          ["recht/ausbildungsduldung", "fuer-arbeitgeber",
                                           "arbeitgeber/ausbildung-und-foerderung"]),
}
# Where law texts are published: federal law, the Federal Law Gazette (promulgated GEAS law), EU law.
LAW_HOSTS = ("https://www.gesetze-im-internet.de/", "https://www.recht.bund.de/", "https://eur-lex.europa.eu/")


def _links_to(doc, from_slug: str, to_slug: str, lang: str) -> bool:
    base = "https://example.org/" + page_url(from_slug + ".md", lang, DEFAULT_LANG)
    target = "https://example.org/" + page_url(to_slug + ".md", lang, DEFAULT_LANG)
    return any(urljoin(base, a.get("href") or "").split("#")[0] == target
               for a in doc.find(cls="amm-content").find_all("a"))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_question_pages_are_built_with_their_sections_of_law_and_sources(site, lang):
    for slug, (laws, _) in QUESTION_PAGES.items():
        assert (DOCS / f"{slug}.{lang}.md" if lang != DEFAULT_LANG else DOCS / f"{slug}.md").is_file(), slug
        doc = built(site, lang, slug + ".md")
        shown = [a.text().replace("\u00a0", " ") for a in doc.find_all("a", cls="amm-law")]
        for law in laws:
            assert law in shown, (lang, slug, law)
        assert all(a.get("href").startswith(LAW_HOSTS) for a in doc.find_all("a", cls="amm-law")), slug
        assert doc.find(cls="amm-stand") is not None, (lang, slug)
        assert len(doc.find(cls="amm-sources").find_all("li")) >= 2, (lang, slug)


def test_question_pages_are_in_the_navigation():
    from mkdocs.utils.yaml import yaml_load
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        nav = yaml_load(f)["nav"]

    def flat(items):
        for item in items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, dict):
                for value in item.values():
                    yield from flat(value) if isinstance(value, list) else [value]
    assert {slug + ".md" for slug in QUESTION_PAGES} <= set(flat(nav))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_question_pages_are_reachable_from_status_pages_and_the_overview(site, lang):
    overview = built(site, lang, "recht/uebersicht.md")
    for slug, (_, linked_from) in QUESTION_PAGES.items():
        assert _links_to(overview, "recht/uebersicht", slug, lang), (lang, "uebersicht", slug)
        for source_page in linked_from:
            assert _links_to(built(site, lang, source_page + ".md"), source_page, slug, lang), \
                (lang, source_page, slug)


@pytest.mark.parametrize("lang", LANG_CODES)
def test_mentee_page_ends_with_fiktion_wohnsitz_and_money_in_every_language(site, lang):
    content = built(site, lang, "recht/mein-status.md").find(cls="amm-content")
    sections = content.find_all("h3")
    last_three = [h.get("id") for h in sections[-3:]]
    assert len(last_three) == 3 and all(last_three), lang
    laws = [a.text().replace("\u00a0", " ") for a in content.find_all("a", cls="amm-law")]
    for law in ("§ 81 Abs. 4 AufenthG", "§ 12a AufenthG", "§ 60 AsylG", "§ 61 Abs. 1d AufenthG",
                "§ 60 SGB III", "§ 74 SGB III", "§ 8 BAföG"):
        assert law in laws, (lang, law)
    for slug in ("recht/fiktionsbescheinigung", "recht/wohnsitzauflage", "recht/geld-in-der-ausbildung"):
        assert _links_to(built(site, lang, "recht/mein-status.md"), "recht/mein-status", slug, lang), (lang, slug)
    # the overview of every status still comes first; the three new parts follow it, outside it
    mentee = content.find(cls="amm-mentee")
    assert mentee is not None
    for heading in sections[-3:]:
        assert mentee not in list(heading.ancestors()), (lang, heading.text())


# --- in the browser ------------------------------------------------------------------------------

@pytest.mark.browser
def test_notes_filter_shows_only_matching_notes_and_announces_the_count(context, server):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "aus-der-praxis/")
    form = page.locator(".amm-notes-filter")
    form.wait_for(state="visible")
    page.select_option("#notes-filter-status", "ausbildungsduldung")
    visible = page.locator("article.amm-note:visible")
    expected = [n.id for n in NOTES.notes
                if not n.tags["status"] or "ausbildungsduldung" in n.tags["status"]]
    ids = [i.removeprefix("hinweis-") for i in visible.evaluate_all("els => els.map(e => e.id)")]
    assert sorted(ids) == sorted(expected)
    status = page.locator(".amm-notes-filter__status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == f"{len(expected)} von {len(NOTES.notes)} Hinweisen"
    page.select_option("#notes-filter-audience", "employer")
    both = [n.id for n in NOTES.notes if n.id in expected and "employer" in n.tags["audience"]]
    assert page.locator("article.amm-note:visible").count() == len(both)
    page.select_option("#notes-filter-status", "")
    page.select_option("#notes-filter-audience", "")
    assert page.locator("article.amm-note:visible").count() == len(NOTES.notes)
    assert not errors


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_checklists_print_on_one_page(print_tab, server, lang):
    fills = {}
    for slug in CHECKLISTS:
        print_tab.goto(server + lang_prefix(lang) + slug + "/")
        expect(print_tab.locator(".amm-checklist li").nth(7)).to_be_visible()
        fills[slug] = round(print_fill(print_tab), 2)
        assert pdf_pages(print_tab.pdf(format="A4")) == 1, f"{lang}/{slug} prints on more than one page"
    print(f"{lang}: share of one A4 page filled:", fills)
    assert max(fills.values()) <= PRINT_MARGIN, f"{lang}: more than {PRINT_MARGIN:.0%} of A4: {fills}"
