"""The rules on access to work and training (data/legal_rules.yaml): the data, the decision aid
evaluated in Python, and what the built legal pages show. Browser walks: test_legal_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest

from amm import legal_markers, markers
from amm.errors import DataErrors
from amm.legal import load_rules
from amm.loader import load_all
from amm.sitedata import load_sources
from conftest import DEFAULT_LANG, LANG_CODES, ROOT, lang_prefix
from htmltree import parse

RULES_FILE = ROOT / "data" / "legal_rules.yaml"
SOURCES = load_sources(ROOT / "data" / "sources.yaml")[0]
RULES = load_rules(RULES_FILE, LANG_CODES, sources=SOURCES)
LAW_HOSTS = ("https://www.gesetze-im-internet.de/", "https://www.bundestag.de/")
LEGAL_PAGES = sorted(str(p.relative_to(ROOT / "docs").with_suffix(""))
                     for p in (ROOT / "docs" / "recht").glob("*.md") if "." not in p.stem)

# Every way through the check (apart from the activity, which only picks the cell) and where it
# must end: a row of the matrix or a special outcome. Written by hand from the law, so a change
# in data/legal_rules.yaml that moves an outcome makes this test name the path that moved.
EXPECTED = {
    (("status", "gestattung"), ("safe", "yes")): "gestattung_safe",
    (("status", "gestattung"), ("safe", "no"), ("reception", "yes"), ("since", "lt3")): "gestattung_start",
    (("status", "gestattung"), ("safe", "no"), ("reception", "yes"), ("since", "m3to6")): "gestattung_eae_early",
    (("status", "gestattung"), ("safe", "no"), ("reception", "yes"), ("since", "gt6")): "gestattung_eae",
    (("status", "gestattung"), ("safe", "no"), ("reception", "no"), ("since", "lt3")): "gestattung_start",
    (("status", "gestattung"), ("safe", "no"), ("reception", "no"), ("since", "m3to6")): "gestattung",
    (("status", "gestattung"), ("safe", "no"), ("reception", "no"), ("since", "gt6")): "gestattung",
    (("status", "duldung"), ("safe", "yes")): "duldung_ban",
    (("status", "duldung"), ("safe", "no"), ("ban_entry", "yes")): "duldung_ban",
    (("status", "duldung"), ("safe", "no"), ("ban_entry", "no"), ("identity", "yes"), ("since", "lt3")): "duldung_start",
    (("status", "duldung"), ("safe", "no"), ("ban_entry", "no"), ("identity", "yes"), ("since", "m3to6")): "duldung",
    (("status", "duldung"), ("safe", "no"), ("ban_entry", "no"), ("identity", "yes"), ("since", "gt6")): "duldung",
    (("status", "duldung"), ("safe", "no"), ("ban_entry", "no"), ("identity", "duldung_60b")): "duldung_identity",
    (("status", "duldung"), ("safe", "no"), ("ban_entry", "no"), ("identity", "no")): "identity_open",
    (("status", "ausbildungsduldung"),): "ausbildungsduldung",
    (("status", "ausbildung_16g"),): "ausbildung_16g",
    (("status", "beschaeftigungsduldung"),): "beschaeftigungsduldung",
    (("status", "schutz"),): "schutz",
    (("status", "ukraine"),): "ukraine",
    (("status", "chancen"),): "chancen",
    (("status", "bleiberecht"),): "bleiberecht",
    (("status", "westbalkan"),): "westbalkan",
    (("status", "anerkennungspartnerschaft"),): "anerkennungspartnerschaft",
    (("status", "unknown"),): "unknown_status",
}

# A few outcomes checked down to the answer a person reads (value of the main cell).
CASES = [
    ({"activity": "job", "status": "gestattung", "safe": "no", "reception": "yes", "since": "lt3"},
     "gestattung_start.job", "banned"),
    ({"activity": "training", "status": "duldung", "safe": "no", "ban_entry": "no", "identity": "yes",
      "since": "lt3"}, "duldung_start.training", "permit_should"),
    ({"activity": "job", "status": "duldung", "safe": "no", "ban_entry": "no", "identity": "yes",
      "since": "lt3"}, "duldung_start.job", "only_without_ba"),
    ({"activity": "self_employment", "status": "ukraine"}, "ukraine.self_employment", "allowed"),
    ({"activity": "self_employment", "status": "gestattung", "safe": "no", "reception": "no",
      "since": "gt6"}, "gestattung.self_employment", "banned"),
    ({"activity": "job", "status": "gestattung", "safe": "no", "reception": "yes", "since": "m3to6"},
     "gestattung_eae_early.job", "unclear"),
    ({"activity": "internship", "status": "gestattung", "safe": "yes"}, "gestattung_safe.internship", "banned"),
]


def _key(order) -> tuple:
    return tuple((q, a) for q, a in order if q != RULES.check.activity)


def test_every_path_has_its_expected_outcome_and_no_path_is_missing_from_the_table():
    paths = RULES.walk()
    walked = {}
    for order, outcome in paths:
        walked[_key(order)] = outcome.row or outcome.special
    assert walked == EXPECTED
    activities = [o.id for o in RULES.check.questions[RULES.check.activity].options]
    assert len(paths) == len(EXPECTED) * len(activities)


@pytest.mark.parametrize("answers, outcome_id, value", CASES)
def test_outcome_of_a_case(answers, outcome_id, value):
    outcome = RULES.evaluate(answers)
    assert outcome.id == outcome_id
    assert RULES.cell(outcome.cells[0]).value == value
    assert outcome.cells[0] == outcome_id  # the first cell is the answer to the activity asked


def test_unanswered_question_is_reported_as_the_next_step():
    assert RULES.evaluate({}) == "activity"
    assert RULES.evaluate({"activity": "job", "status": "duldung"}) == "safe"


def test_every_outcome_is_reachable():
    reached = {cell for _, o in RULES.walk() for cell in o.cells} | \
              {o.special for _, o in RULES.walk() if o.special}
    for row in RULES.rows.values():
        for activity, columns in RULES.check.show.items():
            for column in columns:
                assert f"{row.id}.{column}" in reached
    assert set(RULES.check.specials) <= reached


def test_every_rule_and_outcome_cites_a_section_of_law_with_a_link():
    cited = [c.cite for r in RULES.rows.values() for c in r.cells.values()]
    cited += [s.cite for s in RULES.check.specials.values()]
    for norm_ids in cited:
        for norm_id in norm_ids:
            assert RULES.norms[norm_id].url.startswith(LAW_HOSTS), norm_id
    assert RULES.norms["aufenthg_60c"].url == "https://www.gesetze-im-internet.de/aufenthg_2004/__60c.html"
    assert RULES.norms["asylg_61_2"].url == "https://www.gesetze-im-internet.de/asylvfg_1992/__61.html"
    assert RULES.norms["asylg_61_2"].label == "§\u00a061 Abs.\u00a02 AsylG"


def test_a_rule_that_is_not_confirmed_needs_a_dated_source(tmp_path):
    message = _broken(tmp_path, "        label: unconfirmed\n        sources: [dpa_geas, dts_geas, bundestag_geas]\n",
                      "        label: unconfirmed\n")
    assert "Eine nicht bestätigte Regel braucht eine Quelle mit Datum." in message
    assert "rows: gestattung_eae_early" in message


def test_geas_waiting_period_is_marked_unconfirmed_and_cites_the_bundestag_record():
    cell = RULES.rows["gestattung_eae_early"].cells["job"]
    assert cell.label == "unconfirmed" and "geas_anpg" in cell.cite
    assert RULES.source_date(cell.sources).iso() == "2026-02-27"


# -- editor-friendly errors --------------------------------------------------------------

def _broken(tmp_path: Path, old: str, new: str) -> str:
    text = RULES_FILE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "legal_rules.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        load_rules(path, LANG_CODES, sources=SOURCES)
    return str(info.value)


def test_missing_translation_and_unknown_norm_are_named(tmp_path):
    message = _broken(tmp_path, '      es: "Ninguno"\n', "")
    assert "Eintrag „values: none“, Feld „label.es“" in message and "fehlt" in message
    message = _broken(tmp_path, "        cite: [asylg_61_2]\n        label: confirmed\n        sources: [buzer_61, dejure_61]",
                      "        cite: [asylg_99]\n        label: confirmed\n        sources: [buzer_61, dejure_61]")
    assert "„asylg_99“ gibt es unter norms nicht" in message and "rows: gestattung_start, job" in message


def test_a_dead_end_a_loop_and_an_unreachable_row_stop_the_build(tmp_path):
    message = _broken(tmp_path, "        - then: duldung\n", "")
    assert "Eintrag „check: questions: since“, Feld „next“" in message
    assert "ohne Bedingung" in message
    message = _broken(tmp_path, "      next:\n        - then: since\n", "      next:\n        - then: activity\n")
    assert "Sackgasse oder Schleife" in message
    message = _broken(tmp_path, "          next: westbalkan\n", "          next: schutz\n")
    assert "Eintrag „rows: westbalkan“" in message and "Keine Antwortfolge" in message


def test_a_rule_without_a_section_of_law_is_refused(tmp_path):
    message = _broken(tmp_path, "        cite: [aufenthg_24]\n        label: confirmed\n        sources: [welcome_mittelsachsen]\n      ba_consent:",
                      "        cite: []\n        label: confirmed\n        sources: [welcome_mittelsachsen]\n      ba_consent:")
    assert "mindestens einen Eintrag unter cite" in message


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)


def test_unknown_legal_marker_ids_stop_the_build():
    data = load_all(ROOT, LANG_CODES, "de")
    site, ui = data.site, data.ui
    ext = legal_markers.extensions(RULES, lang="de", default_lang="de", here="recht/x/", env=_env())
    with pytest.raises(DataErrors) as info:
        markers.expand("<!-- box:duldng --> <!-- law:aufenthg_999 --> <!-- legal:tabelle -->",
                       page_file="docs/recht/x.md", lang="de", site=site, ui=ui, env=_env(),
                       extensions=ext)
    message = str(info.value)
    assert "docs/recht/x.md" in message
    for wrong in ("duldng", "aufenthg_999", "tabelle"):
        assert f"„{wrong}“ gibt es in data/legal_rules.yaml nicht" in message


# -- the built pages --------------------------------------------------------------------

def _page(site: Path, lang: str, slug: str) -> Path:
    return site / lang_prefix(lang) / slug / "index.html"


@pytest.mark.parametrize("lang", LANG_CODES)
def test_every_legal_page_shows_the_stand_date_and_the_disclaimer(site, lang):
    for slug in LEGAL_PAGES + ["fuer-mentoren"]:
        stand = parse(_page(site, lang, slug)).find(cls="amm-stand")
        assert stand is not None, (lang, slug)
        translated = lang == DEFAULT_LANG or (ROOT / "docs" / f"{slug}.{lang}.md").exists()
        text_lang = lang if translated else DEFAULT_LANG  # untranslated pages stay German
        assert RULES.texts["disclaimer"][text_lang] in stand.text(), (lang, slug)
        assert RULES.texts["stand"][text_lang].split("{date}")[0] in stand.text()
        assert STAND_DATE[text_lang] in stand.text(), (lang, slug)


# `stand: 2026-11-21` in data/legal_rules.yaml as each language writes it (hand-written; the
# page text has its narrow no-break spaces read as spaces)
STAND_DATE = {"de": "21. November 2026", "en": "November 21, 2026", "uk": "21 листопада 2026 р.",
              "ru": "21 ноября 2026 г.", "ar": "21 نوفمبر 2026", "fa": "21 نوامبر 2026",
              "es": "21 de noviembre de 2026"}


def test_german_stand_line_reads_as_a_person_expects(site):
    stand = parse(_page(site, DEFAULT_LANG, "recht/duldung")).find(cls="amm-stand").text()
    assert stand.startswith("Stand: 21. November 2026")
    assert "keine Rechtsberatung im Einzelfall" in stand and "Maßgeblich ist der deutsche Text" in stand


def test_every_law_link_on_legal_pages_goes_to_the_law_text(site):
    for lang in ("de", "en"):
        for slug in LEGAL_PAGES:
            links = parse(_page(site, lang, slug)).find_all("a", cls="amm-law")
            for a in links:
                assert a.get("href").startswith(LAW_HOSTS), (slug, a.get("href"))
            assert links, f"{lang}/{slug} cites no section of law"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_matrix_and_fact_boxes_show_the_same_rules_as_the_data(site, lang):
    matrix = parse(_page(site, lang, "recht/uebersicht")).find(cls="amm-matrix")
    shown = {td.get("data-cell"): td.find(cls="amm-value").text() for td in matrix.find_all("td")}
    assert len(shown) == sum(len(r.cells) for r in RULES.rows.values())
    for row in RULES.rows.values():
        box_page = parse(_page(site, lang, row.page[:-3]))
        for column, cell in row.cells.items():
            expected = RULES.values[cell.value]["label"][lang]
            assert shown[cell.id] == expected
            box = box_page.find("dd", data_cell=cell.id)
            assert box is not None, f"{row.page} has no fact box for {row.id}"
            assert box.find(cls="amm-value").text() == expected
            for norm_id in cell.cite:
                assert RULES.norms[norm_id].url in [a.get("href") for a in box.find_all("a", cls="amm-law")]


@pytest.mark.parametrize("lang", LANG_CODES)
def test_check_page_carries_the_same_flow_as_python_and_every_outcome(site, lang):
    doc = parse(_page(site, lang, "recht/check"))
    data = json.loads(doc.find("script", cls="amm-check__data").text())
    assert data == json.loads(json.dumps(RULES.browser_data(lang)))
    templates = {t.get("data-cell") for t in doc.find_all("template") if t.get("data-cell")}
    assert templates == {c.id for r in RULES.rows.values() for c in r.cells.values()}
    labels = {n.text() for n in doc.find_all("label")}
    for question in RULES.check.questions.values():
        for option in question.options:
            assert option.label[lang] in labels


@pytest.mark.parametrize("lang", LANG_CODES)
def test_mentee_page_exists_in_every_language_with_every_status(site, lang):
    assert (ROOT / "docs" / "recht" / (f"mein-status.{lang}.md" if lang != "de" else "mein-status.md")).exists()
    doc = parse(_page(site, lang, "recht/mein-status"))
    names = [h.text() for h in doc.find(cls="amm-mentee").find_all("h3")]
    assert names == [r.name[lang] for r in RULES.rows.values()]
