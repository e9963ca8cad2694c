"""Site data and interface texts: what an editor sees when something is wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

from amm import markers
from amm.errors import DataErrors
from amm.sitedata import PLACEHOLDER, load_site, load_ui
from conftest import LANG_CODES, ROOT, run_build

SITE = ROOT / "data" / "site.yaml"


def write(tmp_path: Path, text: str | bytes, name: str = "site.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def problems(path: Path, **kwargs) -> str:
    with pytest.raises(DataErrors) as info:
        load_site(path, **kwargs)
    return str(info.value)


def test_shipped_data_is_valid_and_lists_its_placeholders():
    site = load_site(SITE)
    assert "operator.name" in site.placeholders and "feedback_email" in site.placeholders
    for fact in site.facts.values():
        assert fact.source in site.sources


def test_ui_texts_exist_for_every_configured_language():
    ui = load_ui(ROOT / "data" / "ui.yaml", LANG_CODES)
    for lang in LANG_CODES:
        assert ui.get("report_mistake", lang).strip()


def test_wrong_values_are_all_reported_with_file_entry_and_field(tmp_path):
    text = SITE.read_text(encoding="utf-8")
    text = text.replace("feedback_email: ZU ERGÄNZEN", "feedback_email: fehler-at-example.org")
    text = text.replace("url: https://www.medienservice.sachsen.de/medien/news/1092031",
                        "url: medienservice sachsen")
    text = text.replace("    source: smwa_2025_11\n", "    source: smwa_2099\n", 1)
    text = text.replace("date: 2024-02-23", "date: 2999-01-01")
    message = problems(write(tmp_path, text))
    assert "Feld „feedback_email“" in message and "keine gültige E-Mail-Adresse" in message
    assert "Eintrag „sources: smwa_2025_11“, Feld „url“" in message
    assert "„smwa_2099“ gibt es unter sources nicht" in message
    assert "liegt in der Zukunft" in message
    assert "site.yaml" in message and "4 Fehler" in message


def test_typo_in_a_field_name_is_named(tmp_path):
    text = SITE.read_text(encoding="utf-8").replace("  responsible_person:", "  responsible_persn:")
    message = problems(write(tmp_path, text))
    assert "Unbekanntes Feld „responsible_persn“" in message
    assert "Pflichtfeld fehlt" in message and "responsible_person" in message


@pytest.mark.parametrize("content, expected", [
    ("", "Die Datei ist leer"),
    ("operator:\n\tname: x\n", "Zeile 2"),
    ("operator: [unclosed\n", "YAML-Schreibweise ist fehlerhaft"),
    ("operator: 'x'\n".encode("utf-8") + b"\xff\xfe", "nicht in UTF-8"),
])
def test_unreadable_files_get_a_plain_message(tmp_path, content, expected):
    assert expected in problems(write(tmp_path, content))


def test_missing_translation_of_an_interface_text_is_named(tmp_path):
    path = write(tmp_path, "search:\n  de: Suche\n  en: Search\n  xx: Suchen\n", "ui.yaml")
    with pytest.raises(DataErrors) as info:
        load_ui(path, ["de", "en", "ar"])
    message = str(info.value)
    assert "Eintrag „search“, Feld „ar“" in message and "fehlt" in message
    assert "Die Sprache „xx“ ist nicht eingerichtet" in message


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)


def test_markers_format_figures_per_language_and_list_sources():
    site = load_site(SITE)
    ui = load_ui(ROOT / "data" / "ui.yaml", LANG_CODES)
    text = "Rund <!-- fact:mentorings_2025 --> Menschen.\n\n<!-- sources -->\n"
    german = markers.expand(text, page_file="x.md", lang="de", site=site, ui=ui, env=_env())
    english = markers.expand(text, page_file="x.md", lang="en", site=site, ui=ui, env=_env())
    assert "Rund 1.600 Menschen." in german and "Rund 1,600 Menschen." in english
    assert site.sources["smwa_2025_11"].url in german
    assert "4. November 2025" in german and "November 4, 2025" in english


def test_unknown_marker_and_missing_source_list_stop_the_build():
    site = load_site(SITE)
    ui = load_ui(ROOT / "data" / "ui.yaml", LANG_CODES)
    with pytest.raises(DataErrors) as info:
        markers.expand("<!-- fact:nope --> <!-- fakt:mentors --> <!-- source:programmidee -->",
                       page_file="docs/a.md",
                       lang="de", site=site, ui=ui, env=_env())
    message = str(info.value)
    assert "docs/a.md" in message and "„nope“ gibt es in data/site.yaml nicht" in message
    assert "keine Quellenliste" in message
    assert "Die Markierung „fakt“ gibt es nicht" in message


def test_data_text_is_escaped_in_html():
    site = load_site(SITE)
    site.operator["name"] = 'Verein <b>"A & B"</b>'
    ui = load_ui(ROOT / "data" / "ui.yaml", LANG_CODES)
    html = markers.expand("<!-- operator:name -->", page_file="x.md", lang="de", site=site, ui=ui,
                          env=_env())
    assert html == "Verein &lt;b&gt;&#34;A &amp; B&#34;&lt;/b&gt;"
    assert PLACEHOLDER not in html


def test_a_data_mistake_stops_the_build_with_the_message_and_no_traceback(project_copy, tmp_path):
    site_yaml = project_copy / "data" / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8").replace(
        "date: 2025-01-28", "date: 28.01.2025"), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "Eintrag „sources: zefas_start_2025“, Feld „date“" in result.output
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
