"""The rules on access to work and training (data/legal_rules.yaml): the data, the decision aid
evaluated in Python, and what the built legal pages show. Browser walks: test_legal_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest

from amm.core import markers
from amm.core.errors import DataErrors
from amm.core.site import load_sources
from amm.legal import markers as legal_markers
from amm.legal.rules import load_rules
from conftest import DEFAULT_LANG, LANG_CODES, ROOT, lang_prefix
from tools.html import parse, roots, text

RULES_FILE = ROOT / "data" / "legal_rules.yaml"
LAW_HOSTS = ("https://www.gesetze-im-internet.de/", "https://www.recht.bund.de/", "https://eur-lex.europa.eu/")
LEGAL_PAGES = sorted(str(p.relative_to(ROOT / "docs").with_suffix(""))
                     for p in (ROOT / "docs" / "recht").glob("*.md") if "." not in p.stem)


@pytest.fixture(scope="module")
def sources(data):
    return data.site.sources


# Every way through the check (apart from the activity, which only picks the cell) and where it
# must end: a row of the matrix or a special outcome. Written by hand from the law, so a change
# in data/legal_rules.yaml that moves an outcome makes this test name the path that moved.
# The tails are written once and joined to each hand-written beginning they follow.
GESTATTUNG_TAIL = {
    (("reception", "yes"), ("since", "lt3")): "gestattung_start",
    (("reception", "yes"), ("since", "m3to6")): "gestattung_eae_early",
    (("reception", "yes"), ("since", "gt6")): "gestattung_eae",
    (("reception", "no"), ("since", "lt3")): "gestattung_start",
    (("reception", "no"), ("since", "m3to6")): "gestattung",
    (("reception", "no"), ("since", "gt6")): "gestattung_6m",
}
DULDUNG_TAIL = {
    (("identity", "yes"), ("since", "lt3")): "duldung_start",
    (("identity", "yes"), ("since", "m3to6")): "duldung",
    (("identity", "yes"), ("since", "gt6")): "duldung",
    (("identity", "duldung_60b"),): "duldung_identity",
    (("identity", "no"),): "identity_open",
}
G = (("status", "gestattung"),)
# Gestattung: no ban unless a safe-country national applied after 31.08.2015 and is not covered
# by the Georgia/Moldova rule; every "I don't know" leads to the honest "ask" outcome.
GESTATTUNG_OPEN = [
    G + (("safe", "no"),),
    G + (("safe", "yes"), ("safe_date_g", "until_2015")),
    G + (("safe", "yes"), ("safe_date_g", "after_2015"), ("geo_md", "yes")),
]
EXPECTED = {start + tail: outcome for start in GESTATTUNG_OPEN for tail, outcome in GESTATTUNG_TAIL.items()}
EXPECTED.update({
    G + (("safe", "unknown"),): "ask_abh",
    G + (("safe", "yes"), ("safe_date_g", "unknown")): "ask_abh",
    G + (("safe", "yes"), ("safe_date_g", "after_2015"), ("geo_md", "unknown")): "ask_abh",
    G + (("safe", "yes"), ("safe_date_g", "after_2015"), ("geo_md", "no")): "gestattung_safe",
})
# Duldung: the entry "Erwerbstätigkeit nicht erlaubt" is the authority's decision; otherwise the
# reasons of § 60a Abs. 6 Nr. 3 are asked one by one.
D = (("status", "duldung"),)
EXPECTED[D + (("ban_entry", "yes"),)] = "duldung_ban"
for entry in ("no", "unknown"):
    d = D + (("ban_entry", entry),)
    safe = d + (("safe", "yes"),)
    open_starts = [
        d + (("safe", "no"),),
        safe + (("safe_date_d", "until_2015"),),
        safe + (("safe_date_d", "after_2015"), ("geo_md", "yes")),
        safe + (("safe_date_d", "none"), ("geo_md", "yes")),
        safe + (("safe_date_d", "after_2015"), ("geo_md", "no"), ("safe_reason", "withdrawn_counselling")),
    ]
    for start in open_starts:
        for tail, outcome in DULDUNG_TAIL.items():
            EXPECTED[start + tail] = outcome
    rejected = safe + (("safe_date_d", "after_2015"), ("geo_md", "no"))
    EXPECTED.update({
        d + (("safe", "unknown"),): "ask_abh",
        safe + (("safe_date_d", "unknown"),): "ask_abh",
        safe + (("safe_date_d", "after_2015"), ("geo_md", "unknown")): "ask_abh",
        safe + (("safe_date_d", "none"), ("geo_md", "unknown")): "ask_abh",
        rejected + (("safe_reason", "rejected"),): "duldung_ban",
        rejected + (("safe_reason", "unknown"),): "ask_abh",
        rejected + (("safe_reason", "withdrawn"), ("umf", "no")): "duldung_ban",
        rejected + (("safe_reason", "withdrawn"), ("umf", "yes")): "umf_exception",
        rejected + (("safe_reason", "withdrawn"), ("umf", "unknown")): "ask_abh",
        safe + (("safe_date_d", "none"), ("geo_md", "no"), ("umf", "no")): "duldung_ban",
        safe + (("safe_date_d", "none"), ("geo_md", "no"), ("umf", "yes")): "umf_exception",
        safe + (("safe_date_d", "none"), ("geo_md", "no"), ("umf", "unknown")): "ask_abh",
    })
EXPECTED.update({
    (("status", "ausbildungsduldung"),): "ausbildungsduldung",
    (("status", "ausbildung_16g"),): "ausbildung_16g",
    (("status", "beschaeftigungsduldung"),): "beschaeftigungsduldung",
    (("status", "schutz"),): "schutz",
    (("status", "ukraine"),): "ukraine",
    (("status", "chancen"),): "chancen",
    (("status", "bleiberecht"),): "bleiberecht",
    (("status", "westbalkan"),): "westbalkan",
    (("status", "anerkennungspartnerschaft"),): "anerkennungspartnerschaft",
    (("status", "fiktion"), ("fiktion", "abs4")): "fiktion_continues",
    (("status", "fiktion"), ("fiktion", "abs3")): "fiktion_first",
    (("status", "fiktion"), ("fiktion", "ukraine")): "ukraine",
    (("status", "fiktion"), ("fiktion", "unknown")): "unknown_status",
    (("status", "unknown"),): "unknown_status",
})


def _ban_is_backed(path: dict[str, str]) -> bool:
    """Hand-written from the law: when may the check say "not allowed" to someone who asks
    about a job? § 61 Abs. 2 AsylG (first 3 months; safe country, application after
    31.08.2015, Georgia/Moldova exception), § 60a Abs. 6 AufenthG (entry in the Duldung; Nr. 3
    with its exceptions), § 60b (Duldung for persons with unclear identity)."""
    if path.get("ban_entry") == "yes" or path.get("identity") == "duldung_60b":
        return True
    if path["status"] == "gestattung" and path.get("since") == "lt3":
        return True
    safe_country_ban = (path.get("safe") == "yes" and path.get("geo_md") == "no"
                        and (path.get("safe_date_g") == "after_2015"
                             or path.get("safe_date_d") in ("after_2015", "none")))
    if path["status"] == "gestattung":
        return safe_country_ban
    return safe_country_ban and (path.get("safe_reason") == "rejected" or path.get("umf") == "no")


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
      "since": "gt6"}, "gestattung_6m.self_employment", "banned"),
    ({"activity": "job", "status": "gestattung", "safe": "no", "reception": "yes", "since": "m3to6"},
     "gestattung_eae_early.job", "permit_apply"),
    # the EU floor: more than 6 months, in or outside the reception centre, is a claim
    ({"activity": "job", "status": "gestattung", "safe": "no", "reception": "no", "since": "gt6"},
     "gestattung_6m.job", "permit_must"),
    ({"activity": "job", "status": "gestattung", "safe": "no", "reception": "yes", "since": "gt6"},
     "gestattung_eae.job", "permit_must"),
    ({"activity": "self_employment", "status": "bleiberecht"}, "bleiberecht.self_employment", "allowed"),
    ({"activity": "job", "status": "bleiberecht"}, "bleiberecht.job", "allowed"),
    ({"activity": "self_employment", "status": "chancen"}, "chancen.self_employment", "allowed"),
    ({"activity": "internship", "status": "gestattung", "safe": "yes", "safe_date_g": "after_2015",
      "geo_md": "no"}, "gestattung_safe.internship", "banned"),
]


def _key(order, activity: str) -> tuple:
    return tuple((q, a) for q, a in order if q != activity)


def test_every_path_has_its_expected_outcome_and_no_path_is_missing_from_the_table(rules):
    paths = rules.walk()
    walked = {}
    for order, outcome in paths:
        walked[_key(order, rules.check.activity)] = outcome.row or outcome.special
    assert walked == EXPECTED
    activities = [o.id for o in rules.check.questions[rules.check.activity].options]
    assert len(paths) == len(EXPECTED) * len(activities)


@pytest.mark.parametrize("answers, outcome_id, value", CASES)
def test_outcome_of_a_case(rules, answers, outcome_id, value):
    outcome = rules.evaluate(answers)
    assert outcome.id == outcome_id
    assert rules.cell(outcome.cells[0]).value == value
    assert outcome.cells[0] == outcome_id  # the first cell is the answer to the activity asked


def test_unanswered_question_is_reported_as_the_next_step(rules):
    assert rules.evaluate({}) == "activity"
    assert rules.evaluate({"activity": "job", "status": "duldung"}) == "ban_entry"
    assert rules.evaluate({"activity": "job", "status": "gestattung"}) == "safe"


def test_the_check_never_says_not_allowed_without_a_rule_for_that_path(rules):
    """Every path that ends in "not allowed" for a job is backed by a ban that applies to it,
    and "I don't know" never leads to a ban."""
    banned = []
    for order, outcome in rules.walk():
        path = dict(order)
        if path["activity"] != "job" or not outcome.row:
            continue
        if rules.cell(outcome.cells[0]).value == "banned":
            banned.append(path)
            assert _ban_is_backed(path), path
            # the answer that decided it was never "I don't know" (the backing above needs real answers)
            assert order[-1][1] != "unknown", path
    assert banned  # the bans that the law sets are still shown


@pytest.mark.parametrize("answers, expected", [
    # an Albanian who applied in 2014: no ban, normal rules after 3 months
    ({"status": "gestattung", "safe": "yes", "safe_date_g": "until_2015", "reception": "no",
      "since": "m3to6"}, "gestattung"),
    # a Georgian with a Duldung since 2022: exempt from the ban
    ({"status": "duldung", "ban_entry": "no", "safe": "yes", "safe_date_d": "after_2015",
      "geo_md": "yes", "identity": "yes", "since": "gt6"}, "duldung"),
    # not sure about the country: ask, never a ban
    ({"status": "duldung", "ban_entry": "unknown", "safe": "unknown"}, "ask_abh"),
    # withdrawn after BAMF return counselling: § 60a Abs. 6 Nr. 3 does not apply
    ({"status": "duldung", "ban_entry": "no", "safe": "yes", "safe_date_d": "after_2015",
      "geo_md": "no", "safe_reason": "withdrawn_counselling", "identity": "yes", "since": "gt6"}, "duldung"),
    # a Serbian asylum seeker who applied in 2023: banned during the procedure
    ({"status": "gestattung", "safe": "yes", "safe_date_g": "after_2015", "geo_md": "no"}, "gestattung_safe"),
    # a Fiktionsbescheinigung after applying for § 25b while holding § 104c: work goes on
    ({"status": "fiktion", "fiktion": "abs4"}, "fiktion_continues"),
])
def test_hand_written_situations(rules, answers, expected):
    outcome = rules.evaluate({"activity": "job", **answers})
    assert (outcome.row or outcome.special) == expected


def test_every_outcome_is_reachable(rules):
    reached = {cell for _, o in rules.walk() for cell in o.cells} | \
              {o.special for _, o in rules.walk() if o.special}
    for row in rules.rows.values():
        for activity, columns in rules.check.show.items():
            for column in columns:
                assert f"{row.id}.{column}" in reached
    assert set(rules.check.specials) <= reached


def test_every_rule_and_outcome_cites_a_section_of_law_with_a_link(rules):
    cited = [c.cite for r in rules.rows.values() for c in r.cells.values()]
    cited += [s.cite for s in rules.check.specials.values()]
    for norm_ids in cited:
        for norm_id in norm_ids:
            assert rules.norms[norm_id].url.startswith(LAW_HOSTS), norm_id
    assert rules.norms["aufenthg_60c"].url == "https://www.gesetze-im-internet.de/aufenthg_2004/__60c.html"
    assert rules.norms["asylg_61_2"].url == "https://www.gesetze-im-internet.de/asylvfg_1992/__61.html"
    assert rules.norms["asylg_61_2"].label == "§\u00a061 Abs.\u00a02 AsylG"


def test_a_rule_that_is_not_confirmed_needs_a_dated_source(tmp_path):
    import re

    text = RULES_FILE.read_text(encoding="utf-8")
    found = re.search(r"\n( +label: (?:unconfirmed|reported)\n)( +sources: \[[^\]]+\]\n)", text)
    assert found, "no sourced rule that is not confirmed in data/legal_rules.yaml"
    message = _broken(tmp_path, found.group(1) + found.group(2), found.group(1))
    assert "Eine nicht bestätigte Regel braucht eine Quelle mit Datum." in message
    assert "Feld „sources“" in message


def test_geas_rule_is_reported_cites_the_promulgated_law_and_the_eu_floor(rules):
    cell = rules.rows["gestattung_eae_early"].cells["job"]
    assert cell.label == "reported" and cell.value == "permit_apply"
    assert {"geas_anpg", "eu_rl_2024_1346_17"} <= set(cell.cite)
    assert rules.norms["geas_anpg"].url == "https://www.recht.bund.de/bgbl/1/2026/111/VO.html"
    assert "BGBl.\u00a02026 I Nr.\u00a0111" in rules.norms["geas_anpg"].label
    # no rule answers "unclear" any more where the law is known
    assert "unclear" not in rules.values


# -- editor-friendly errors --------------------------------------------------------------

def _broken(tmp_path: Path, old: str, new: str) -> str:
    text = RULES_FILE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "legal_rules.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        load_rules(path, LANG_CODES, sources=load_sources(ROOT / "data" / "sources.yaml")[0])
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
    message = _broken(tmp_path, "    state: geltend\n    checked: 2026-11-21\n    page: recht/schutzstatus.md",
                      "    state: spaeter\n    checked: 2026-11-21\n    page: recht/schutzstatus.md")
    assert "„spaeter“ gibt es unter legal_states nicht" in message and "rows: schutz" in message
    message = _broken(tmp_path, "        cite: [aufenthg_24]\n        label: confirmed\n        sources: [welcome_mittelsachsen]\n      ba_consent:",
                      "        cite: []\n        label: confirmed\n        sources: [welcome_mittelsachsen]\n      ba_consent:")
    assert "mindestens einen Eintrag unter cite" in message


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)


def test_unknown_legal_marker_ids_stop_the_build(rules, data):
    site, ui = data.site, data.ui
    ext = legal_markers.extensions(rules, lang="de", default_lang="de", here="recht/x/", env=_env())
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
def test_every_legal_page_shows_the_stand_date_and_the_disclaimer(rules, site, lang):
    for slug in LEGAL_PAGES + ["fuer-mentoren"]:
        stand = parse(_page(site, lang, slug)).css_first(".amm-stand")
        assert stand is not None, (lang, slug)
        translated = lang == DEFAULT_LANG or (ROOT / "docs" / f"{slug}.{lang}.md").exists()
        text_lang = lang if translated else DEFAULT_LANG  # untranslated pages stay German
        assert rules.texts["disclaimer"][text_lang] in text(stand), (lang, slug)
        assert rules.texts["stand"][text_lang].split("{date}")[0] in text(stand)
        assert "2026" in text(stand), (lang, slug)
        assert rules.texts["stand"][text_lang].split("{date}")[0] in text(stand)


def test_german_stand_line_reads_as_a_person_expects(site):
    stand = text(parse(_page(site, DEFAULT_LANG, "recht/duldung")).css_first(".amm-stand"))
    # the oldest check of the page's rules, and the legal state they describe
    assert stand.startswith("Geprüft: 21. November 2026")
    assert "Rechtsstand: geltendes Recht" in stand
    assert "keine Rechtsberatung im Einzelfall" in stand and "Maßgeblich ist der deutsche Text" in stand
    gestattung = text(parse(_page(site, DEFAULT_LANG, "recht/aufenthaltsgestattung")).css_first(".amm-stand"))
    assert gestattung.startswith("Geprüft: 30. November 2026")
    assert "nach GEAS, ab 12.06.2026" in gestattung and "vor GEAS" in gestattung


def test_each_rule_shows_its_legal_state(site):
    doc = parse(_page(site, DEFAULT_LANG, "recht/aufenthaltsgestattung"))
    box = doc.css_first("dd[data-cell='gestattung_eae_early.job']")
    assert "Rechtsstand: nach GEAS, ab 12.06.2026" in text(box)


def test_old_checks_and_rules_for_a_changed_law_are_named(rules):
    import datetime as dt
    old, changed = rules.stale(dt.date(2026, 11, 30), 6)
    assert old == []
    # rules still resting on the § 61 AsylG text before GEAS are flagged, GEAS rules are not
    assert "gestattung_start.job" in {c.id for c in changed}
    assert "gestattung_eae_early.job" not in {c.id for c in changed}
    old, changed = rules.stale(dt.date(2027, 6, 1), 6)  # a year later everything is due
    assert {c.id for c in old} >= {"duldung.job", "gestattung_eae_early.job"}
    old, _ = rules.stale(dt.date(2026, 5, 1), 6)  # before GEAS: nothing changed yet
    assert not rules.stale(dt.date(2026, 6, 11), 6)[1]


def test_every_law_link_on_legal_pages_goes_to_the_law_text(site):
    for lang in ("de", "en"):
        for slug in LEGAL_PAGES:
            # the decision aid's outcomes are <template>s: their links count too
            links = [a for r in roots(parse(_page(site, lang, slug))) for a in r.css("a.amm-law")]
            for a in links:
                assert a.attrs.get("href").startswith(LAW_HOSTS), (slug, a.attrs.get("href"))
            assert links, f"{lang}/{slug} cites no section of law"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_matrix_and_fact_boxes_show_the_same_rules_as_the_data(rules, site, lang):
    matrix = parse(_page(site, lang, "recht/uebersicht")).css_first(".amm-matrix")
    shown = {td.attrs.get("data-cell"): text(td.css_first(".amm-value")) for td in matrix.css("td")}
    assert len(shown) == sum(len(r.cells) for r in rules.rows.values())
    for row in rules.rows.values():
        box_page = parse(_page(site, lang, row.page[:-3]))
        for column, cell in row.cells.items():
            expected = rules.values[cell.value]["label"][lang]
            assert shown[cell.id] == expected
            box = box_page.css_first(f'dd[data-cell="{cell.id}"]')
            assert box is not None, f"{row.page} has no fact box for {row.id}"
            assert text(box.css_first(".amm-value")) == expected
            for norm_id in cell.cite:
                assert rules.norms[norm_id].url in [a.attrs.get("href") for a in box.css("a.amm-law")]


@pytest.mark.parametrize("lang", LANG_CODES)
def test_check_page_carries_the_same_flow_as_python_and_every_outcome(rules, site, lang):
    doc = parse(_page(site, lang, "recht/check"))
    tree = json.loads(doc.css_first("script.amm-check__data").text())["tree"]
    # the browser only looks answers up in this tree: every hand-written path must end there
    # where the table says, asking the questions in the table's order (activity first)
    for path, outcome in EXPECTED.items():
        node = tree
        for question, answer in (("activity", "job"),) + path:
            assert node.get("q") == question, (path, question)
            node = node["a"][answer]
        assert "q" not in node and node["t"] == outcome, (path, node)
    templates = {t.attrs.get("data-cell") for t in doc.css("template") if t.attrs.get("data-cell")}
    assert templates == {c.id for r in rules.rows.values() for c in r.cells.values()}
    labels = {text(n) for n in doc.css("label")}
    for question in rules.check.questions.values():
        for option in question.options:
            assert option.label[lang] in labels


@pytest.mark.parametrize("lang", LANG_CODES)
def test_mentee_page_exists_in_every_language_with_every_status(rules, site, lang):
    assert (ROOT / "docs" / "recht" / (f"mein-status.{lang}.md" if lang != "de" else "mein-status.md")).exists()
    doc = parse(_page(site, lang, "recht/mein-status"))
    names = [text(h) for h in doc.css_first(".amm-mentee").css("h2")]
    assert names == [r.name[lang] for r in rules.rows.values()]


# -- what changed, as data (data/legal_changes.yaml) -----------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("lang", ["de", "en"])
def test_changes_page_lists_the_changes_and_links_its_feed(site, lang):
    doc = parse(_page(site, lang, "recht/aenderungen"))
    rows = doc.css_first(".amm-changes").css("tr")
    assert len(rows) == 1 + 15  # header and the 15 entries of the data file
    geas = doc.css_first("tr#aenderung-geas-verkuendet")
    assert "BGBl" in text(geas) and "2026" in text(geas)
    assert "https://www.recht.bund.de/bgbl/1/2026/111/VO.html" in [a.attrs.get("href") for a in geas.css("a")]
    feed_links = [ln for ln in doc.css("link") if ln.attrs.get("type") == "application/atom+xml"]
    assert len(feed_links) == 1 and feed_links[0].attrs.get("rel").split() == ["alternate"]
    assert feed_links[0].attrs.get("href").endswith("aenderungen.atom")


@pytest.mark.parametrize("lang, expected_title", [
    ("de", "Arbeitsmarktmentoren Sachsen: Änderungen beim Zugang zu Arbeit und Ausbildung"),
    ("en", "Arbeitsmarktmentoren Sachsen: changes in access to work and training"),
])
def test_atom_feed_is_standard_and_complete(site, lang, expected_title):
    import xml.etree.ElementTree as ET
    feed = ET.parse(site / lang_prefix(lang) / "aenderungen.atom").getroot()
    assert feed.tag == ATOM + "feed"
    # RFC 4287: a feed has id, title, updated, author; every entry id, title, updated, a link
    assert feed.find(ATOM + "title").text == expected_title
    assert feed.find(ATOM + "updated").text == "2026-07-15T00:00:00Z"  # the newest change
    assert feed.find(ATOM + "author").find(ATOM + "name").text
    assert feed.find(ATOM + "id").text.startswith("tag:")
    entries = feed.findall(ATOM + "entry")
    assert len(entries) == 15
    ids = [e.find(ATOM + "id").text for e in entries]
    assert len(set(ids)) == 15
    first = entries[0]
    assert first.find(ATOM + "updated").text == "2026-07-15T00:00:00Z"
    assert first.find(ATOM + "link").get("href").endswith("recht/aenderungen/#aenderung-ukraine-2028")
    assert "2028" in first.find(ATOM + "title").text
    assert not (site / "uk" / "aenderungen.atom").exists()  # no entry is written in Ukrainian


def test_status_pages_show_their_recent_changes(site):
    box = parse(_page(site, DEFAULT_LANG, "recht/voruebergehender-schutz")).css_first(".amm-recent")
    items = [text(li) for li in box.css("li")]
    assert items[0].startswith("15. Juli 2026") and "04.03.2028" in items[0]
    assert len(items) == 3
    assert parse(_page(site, DEFAULT_LANG, "recht/uebersicht")).css_first(".amm-recent") is None


def test_a_broken_change_is_named_with_file_entry_and_field(rules, sources, tmp_path):
    from amm.legal.changes import load_changes
    text = (ROOT / "data" / "legal_changes.yaml").read_text(encoding="utf-8")
    broken = text.replace("    sources: [tageskarte_westbalkan]\n", "    sources: [tageskarte]\n", 1) \
                 .replace("    norms: [aufenthg_104c]\n", "    norms: [aufenthg_999]\n", 1) \
                 .replace("    date: 2024-06-01\n", "    date: 2023-01-01\n", 1)
    path = tmp_path / "legal_changes.yaml"
    path.write_text(broken, encoding="utf-8")
    _, problems = load_changes(path, sources=sources, norms=rules.norms, languages=LANG_CODES)
    message = "\n".join(str(p) for p in problems)
    assert "Änderung westbalkan_50000" in message and "„tageskarte“ gibt es in data/sources.yaml nicht" in message
    assert "„aufenthg_999“ gibt es in data/legal_rules.yaml (norms) nicht" in message
    assert "nicht in zeitlicher Reihenfolge" in message


def test_the_precomputed_tree_gives_every_path_the_outcome_of_the_python_walk(rules):
    """The browser only looks answers up in Rules.tree(); it must agree with evaluate()."""
    tree = rules.tree()
    for order, outcome in rules.walk():
        node = tree
        for question, option in order:
            assert node["q"] == question
            node = node["a"][option]
        assert node == {"o": outcome.id, "t": outcome.row or outcome.special, "c": list(outcome.cells)}
