"""Site data and interface texts: what an editor sees when something is wrong."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import jinja2
import pytest

from amm.build import load_all
from amm.core import markers
from amm.core.errors import DataErrors
from amm.core.site import PLACEHOLDER, load_ui
from conftest import LANG_CODES, ROOT, run_build

DATA = ROOT / "data"


def names(message: str, file: str, entry: str | None, field: str, line: int | None = None) -> bool:
    """True if the message names the file, (the line,) the entry and the field."""
    line_part = rf", Zeile {line}" if line else r"(, Zeile \d+)?"
    entry_part = rf", Eintrag „{re.escape(entry)}“" if entry else ""
    return re.search(rf"{re.escape(file)}{line_part}{entry_part}, Feld „{re.escape(field)}“", message) is not None


def load_shipped():
    return load_all(ROOT, LANG_CODES, "de")


def errors_after(tmp_path: Path, edits: dict[str, list[tuple[str, str]] | bytes | str]) -> str:
    """Copy data/, apply edits (file -> [(old, new)] or whole new content), return the message."""
    root = tmp_path / "proj"
    shutil.copytree(DATA, root / "data")
    for name, change in edits.items():
        path = root / "data" / name
        if isinstance(change, (bytes, str)):
            path.write_bytes(change if isinstance(change, bytes) else change.encode("utf-8"))
            continue
        text = path.read_text(encoding="utf-8")
        for old, new in change:
            assert old in text, f"test edit does not apply: {old!r}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as info:
        load_all(root, LANG_CODES, "de")
    return str(info.value)


# what data/site.yaml still marks as ZU ERGÄNZEN (hand-written: filling one in updates this list)
PLACEHOLDERS = ["operator.name", "operator.address", "operator.responsible_person", "operator.email",
                "operator.hosting_provider", "operator.log_retention_days", "feedback_email"]


def test_shipped_data_is_valid_and_lists_its_placeholders():
    data = load_shipped()
    assert data.site.placeholders == PLACEHOLDERS


def test_ui_texts_are_read_per_language():
    ui = load_shipped().ui
    assert ui.get("report_mistake", "de") == "Fehler auf dieser Seite melden"
    assert ui.get("report_mistake", "en") == "Report a mistake on this page"


def test_a_ui_text_missing_in_one_language_is_reported(tmp_path):
    message = errors_after(tmp_path, {"ui.yaml": [('  en: "Report a mistake on this page"\n', "")]})
    assert "data/ui.yaml, Zeile 30, Eintrag „report_mistake“, Feld „en“" in message  # the line of the entry
    assert "Der Text für die Sprache „en“ fehlt." in message


def test_wrong_values_are_all_reported_with_file_entry_and_field(tmp_path):
    message = errors_after(tmp_path, {
        "site.yaml": [("feedback_email: ZU ERGÄNZEN", "feedback_email: fehler-at-example.org"),
                      ("    source: dpa_2026_02\n", "    source: dpa_2099\n")],
        "sources.yaml": [("url: https://www.medienservice.sachsen.de/medien/news/1092031",
                          "url: medienservice sachsen"),
                         ("date: 2024-02-23", "date: 2999-01-01")],
    })
    assert names(message, "data/site.yaml", None, "feedback_email") and "keine gültige E-Mail-Adresse" in message
    assert names(message, "data/sources.yaml", "smwa_2025_11", "url")
    assert "„dpa_2099“ gibt es in data/sources.yaml nicht" in message
    assert "liegt in der Zukunft" in message
    assert "4 Fehler" in message


def test_typo_in_a_field_name_is_named(tmp_path):
    message = errors_after(tmp_path, {"site.yaml": [("  responsible_person:", "  responsible_persn:")]})
    assert "Unbekanntes Feld „responsible_persn“" in message
    assert "Pflichtfeld fehlt" in message and "responsible_person" in message


@pytest.mark.parametrize("content, expected", [
    ("", "Die Datei ist leer"),
    ("operator:\n\tname: x\n", "Zeile 2"),
    ("operator: [unclosed\n", "YAML-Schreibweise ist fehlerhaft"),
    ("operator: 'x'\n".encode("utf-8") + b"\xff\xfe", "nicht in UTF-8"),
])
def test_unreadable_files_get_a_plain_message(tmp_path, content, expected):
    message = errors_after(tmp_path, {"site.yaml": content})
    assert expected in message and "data/site.yaml" in message


def test_problems_in_several_files_are_reported_together(tmp_path):
    message = errors_after(tmp_path, {
        "site.yaml": "operator: [unclosed\n",
        "contacts.yaml": [('postcode: "09126"', 'postcode: "9126"')],
    })
    assert "data/site.yaml" in message and "data/contacts.yaml" in message
    assert "„9126“ ist keine gültige Postleitzahl" in message


def test_missing_translation_of_an_interface_text_is_named(tmp_path):
    path = tmp_path / "ui.yaml"
    path.write_text("search:\n  de: Suche\n  en: Search\n  xx: Suchen\n", encoding="utf-8")
    ui, found = load_ui(path, ["de", "en", "ar"])
    message = str(DataErrors(found))
    assert "Eintrag „search“, Feld „ar“" in message and "fehlt" in message
    assert "Die Sprache „xx“ ist nicht eingerichtet" in message


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)


def test_markers_format_figures_per_language_and_list_sources():
    data = load_shipped()
    site, ui = data.site, data.ui
    text = "Rund <!-- fact:mentorings_2025 --> Menschen.\n\n<!-- sources -->\n"
    german = markers.expand(text, page_file="x.md", lang="de", site=site, ui=ui, env=_env())
    english = markers.expand(text, page_file="x.md", lang="en", site=site, ui=ui, env=_env())
    assert "Rund 1.600 Menschen." in german and "Rund 1,600 Menschen." in english
    assert site.sources["dpa_2026_02"].url in german
    assert "24. Februar 2026" in german and "February 24, 2026" in english


def test_unknown_marker_and_missing_source_list_stop_the_build():
    data = load_shipped()
    site, ui = data.site, data.ui
    with pytest.raises(DataErrors) as info:
        markers.expand("<!-- fact:nope --> <!-- fakt:mentors --> <!-- source:programmidee -->",
                       page_file="docs/a.md",
                       lang="de", site=site, ui=ui, env=_env())
    message = str(info.value)
    assert "docs/a.md" in message and "„nope“ gibt es in data/site.yaml nicht" in message
    assert "keine Quellenliste" in message
    assert "Die Markierung „fakt“ gibt es nicht" in message


def test_data_text_is_escaped_in_html():
    data = load_shipped()
    site, ui = data.site, data.ui
    site.operator = site.operator.model_copy(update={"name": 'Verein <b>"A & B"</b>'})
    html = markers.expand("<!-- operator:name -->", page_file="x.md", lang="de", site=site, ui=ui,
                          env=_env())
    assert html == "Verein &lt;b&gt;&#34;A &amp; B&#34;&lt;/b&gt;"
    assert PLACEHOLDER not in html


def test_a_data_mistake_stops_the_build_with_the_message_and_no_traceback(project_copy, tmp_path):
    sources_yaml = project_copy / "data" / "sources.yaml"
    sources_yaml.write_text(sources_yaml.read_text(encoding="utf-8").replace(
        "date: 2025-01-28", "date: 28.01.2025"), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert names(result.output, "data/sources.yaml", "zefas_start_2025", "date")
    assert "JJJJ-MM-TT" in result.output
    assert "Traceback" not in result.output


def test_a_failed_publish_leaves_the_last_good_site(project_copy):
    import subprocess
    import sys

    good = project_copy / "site"
    good.mkdir()
    (good / "index.html").write_text("last good site", encoding="utf-8")
    (project_copy / "data" / "site.yaml").write_text("operator: [", encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/build.py"], cwd=project_copy,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "left unchanged" in result.stderr
    assert (good / "index.html").read_text(encoding="utf-8") == "last good site"
    assert not [p for p in project_copy.iterdir() if p.name.startswith(".site-build-")]


def test_directory_mistakes_name_file_entry_and_field(tmp_path):
    message = errors_after(tmp_path, {
        "projects.yaml": [("    contacts: [aul_dresden]", "    contacts: [aul_dresdn]"),
                          ("  - id: meissen\n", "  - id: bautzen\n"),
                          ('      - district: "14730"', '      - district: "14799"')],
        "contacts.yaml": [('number: "0371 256201810"', 'number: "256201810"'),
                          ("    website: https://www.zefas.sachsen.de/",
                           "    website: https://www.zefas.sachsen.de/\n"
                           "    email: info(at)zefas.de")],
    })
    assert names(message, "data/projects.yaml", "Projekt dresden", "contacts")
    assert "„aul_dresdn“ gibt es in data/contacts.yaml nicht" in message
    assert "Die Kennung „bautzen“ kommt mehrfach vor" in message
    assert "„14799“ gibt es in data/districts.yaml nicht" in message
    assert "Kein Projekt betreut den Kreis Landkreis Nordsachsen (14730)" in message
    assert names(message, "data/contacts.yaml", "Kontakt zefas, phone", "number", line=29)
    assert "keine gültige deutsche Telefonnummer" in message
    assert "„info(at)zefas.de“ ist keine gültige E-Mail-Adresse" in message


def test_a_project_without_a_german_description_is_refused(tmp_path):
    message = errors_after(tmp_path, {"projects.yaml": [
        ("      de: Für den Landkreis Leipzig nennen", "      xx: Für den Landkreis Leipzig nennen")]})
    assert "Eintrag „Projekt landkreis-leipzig“, Feld „description.de“" in message
    assert "Die Sprache „xx“ ist nicht eingerichtet" in message
