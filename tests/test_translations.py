"""Translations that stay true (issue 15): the stamp command, the drift notice on pages whose
German original changed, the marker on outdated translated data texts, the status page for the
programme office, and the glossary terms marked in translated pages.

The expectations are written by hand: page addresses, the texts a reader sees, the file and
entry the build names."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from amm.texts import glossary as G
from conftest import ROOT, RTL, run_build
from htmltree import parse

DRIFT_AR = "جرى تحديث الأصل الألماني لهذه الصفحة بعد إعداد هذه الترجمة."
DRIFT_EN = "The German original of this page has been updated since this translation was made."
MARKER_AR = "تم تحديث الأصل الألماني"


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/translations.py", *args], cwd=project,
                          capture_output=True, text=True, check=False)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _notices(site: Path, cls: str) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")
            if f"amm-notice--{cls}" in p.read_text(encoding="utf-8")}


# --- the stamp command --------------------------------------------------------------------

def test_stamp_command_round_trip(project_copy):
    page = project_copy / "docs" / "recht" / "mein-status.ar.md"
    assert _cli(project_copy, "status").stdout.count("outdated") == 0
    _edit(project_copy / "docs" / "recht" / "mein-status.md", "Was Sie dürfen", "Was Sie tun dürfen")
    status = _cli(project_copy, "status").stdout
    for lang in ("en", "uk", "ru", "ar", "fa", "es"):
        assert f"outdated   docs/recht/mein-status.{lang}.md" in status
    assert "docs/index.ar.md" not in status
    # --all stamps only translations without a stamp: an outdated one stays outdated
    _cli(project_copy, "stamp", "--all")
    assert "outdated   docs/recht/mein-status.ar.md" in _cli(project_copy, "status").stdout
    before = page.read_text(encoding="utf-8")
    result = _cli(project_copy, "stamp", "docs/recht/mein-status.ar.md")
    assert result.returncode == 0 and "gestempelt" in result.stdout
    after = page.read_text(encoding="utf-8")
    assert re.search(r'^translated_from: "[0-9a-f]{12}"$', after, re.M)
    assert after.replace(re.search(r"^translated_from: .*$", after, re.M).group(0), "") == \
        before.replace(re.search(r"^translated_from: .*$", before, re.M).group(0), "")  # nothing else changed
    status = _cli(project_copy, "status").stdout
    assert "docs/recht/mein-status.ar.md" not in status and "outdated   docs/recht/mein-status.fa.md" in status
    assert "war schon aktuell" in _cli(project_copy, "stamp", "docs/recht/mein-status.ar.md").stdout
    # a German original is not a translation
    refused = _cli(project_copy, "stamp", "docs/recht/mein-status.md")
    assert refused.returncode == 1 and "German original" in refused.stderr


def test_stamp_command_for_one_data_text_and_one_language(project_copy):
    _edit(project_copy / "data" / "legal_rules.yaml", 'de: "Aufenthaltsgestattung: die ersten 3 Monate"',
          'de: "Aufenthaltsgestattung: die ersten drei Monate"')
    status = _cli(project_copy, "status").stdout
    assert status.count("data/legal_rules.yaml:rows.gestattung_start.name") == 6
    result = _cli(project_copy, "stamp", "data/legal_rules.yaml:rows.gestattung_start.name", "--lang", "ar")
    assert result.returncode == 0 and "1 Übersetzung(en) gestempelt" in result.stdout
    status = _cli(project_copy, "status").stdout
    assert "outdated   ar  data/legal_rules.yaml:rows.gestattung_start.name" not in status
    assert "outdated   fa  data/legal_rules.yaml:rows.gestattung_start.name" in status
    lock = (project_copy / "data" / "translations.lock.yaml").read_text(encoding="utf-8")
    assert '"rows.gestattung_start.name": {en: "' in lock
    wrong = _cli(project_copy, "stamp", "data/legal_rules.yaml:rows.nothing.name")
    assert wrong.returncode == 1 and "rows.nothing.name" in wrong.stderr


# --- the shipped site: everything stamped, nothing outdated -------------------------------

def test_shipped_site_shows_no_drift(site):
    assert _notices(site, "drift") == set()
    assert not [p for p in site.rglob("*.html") if "amm-drift" in p.read_text(encoding="utf-8")]


def test_status_page_lists_every_page_and_language(site):
    page = parse(site / "intern" / "uebersetzungen" / "index.html")
    rows = {tr.find("th").text(): tr for tr in page.find("table").find_all("tr")[1:]}
    assert "recht/mein-status.md" in rows and "recht/bleiberecht.md" in rows and "glossar.md" in rows

    def cell(page_name: str, lang: str):
        return rows[page_name].find("td", data_lang=lang)
    assert cell("recht/mein-status.md", "ar").get("data-state") == "current"
    assert cell("recht/mein-status.md", "ar").text() == "aktuell, maschinell"
    assert cell("recht/bleiberecht.md", "ar").text() == "fehlt"
    assert cell("recht/bleiberecht.md", "en").get("data-state") == "current"
    assert cell("leichte-sprache.md", "en").text() == "fehlt"
    assert "data/legal_rules.yaml" in page.find("section", cls="amm-translation-status").text()
    # German only, not in the menu, not in the search index
    assert 'href="intern/uebersetzungen/"' not in (site / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (site / "intern" / "uebersetzungen" / "index.html").read_text(encoding="utf-8")


def test_fallback_notice_links_the_english_version_where_there_is_one(site):
    notice = parse(site / "ar" / "recht" / "bleiberecht" / "index.html").find("aside", cls="amm-notice--fallback")
    english = notice.find("a", hreflang="en")
    assert english is not None and english.get("href") == "../../../en/recht/bleiberecht/"
    assert english.text() == "النسخة الإنجليزية"
    # Leichte Sprache has no English version: no link
    notice = parse(site / "ar" / "leichte-sprache" / "index.html").find("aside", cls="amm-notice--fallback")
    assert notice is not None and notice.find("a", hreflang="en") is None


# --- glossary -----------------------------------------------------------------------------

def test_glossary_terms_are_marked_german_and_isolated_in_arabic(site):
    html = (site / "ar" / "index.html").read_text(encoding="utf-8")
    page = parse(site / "ar" / "index.html")
    terms = page.find_all("span", cls="amm-term")
    duldung = [t for t in terms if t.text() == "Duldung"]
    assert duldung and all(t.get("lang") == "de" and t.get("dir") == "ltr" for t in duldung)
    # the first occurrence explains the term: a link to its glossary entry with the explanation
    first = duldung[0].parent
    assert first.tag == "a" and first.get("href") == "glossar/#duldung"
    assert first.get("title").startswith("الشهادة التي تثبت أن الترحيل معلّق مؤقتاً.")
    assert html.count('href="glossar/#duldung"') == 1
    # no German word of the glossary left unmarked in the text
    content = page.find("div", cls="amm-content")
    for node in content.iter():
        if node.get("lang") == "de" or any(a.get("lang") == "de" for a in node.ancestors()):
            continue
        for child in node.children:
            if isinstance(child, str) and "Duldung" in child:
                pytest.fail(f"unmarked Duldung in <{node.tag}>: {child!r}")


def test_glossary_terms_in_english_pages_are_marked_without_isolation(site):
    page = parse(site / "en" / "recht" / "duldung" / "index.html")
    terms = [t for t in page.find_all("span", cls="amm-term") if t.text() == "Duldung"]
    assert terms and all(t.get("lang") == "de" and t.get("dir") is None for t in terms)
    assert parse(site / "recht" / "duldung" / "index.html").find("span", cls="amm-term") is None


@pytest.mark.parametrize("lang", ["de", "en", "uk", "ru", "ar", "fa", "es"])
def test_glossary_page_in_every_language(site, lang):
    prefix = "" if lang == "de" else f"{lang}/"
    path = site / prefix / "glossar" / "index.html"
    page = parse(path)
    assert "amm-notice--fallback" not in path.read_text(encoding="utf-8")
    term = page.find("dt", id="fiktionsbescheinigung")
    span = term.find("span", lang="de")
    assert span.text() == "Fiktionsbescheinigung"
    assert (span.get("dir") == "ltr") == (lang in RTL)
    expected = {"de": "Eine Bescheinigung der Ausländerbehörde", "en": "A certificate from the",
                "uk": "Довідка від", "ru": "Справка от", "ar": "شهادة من", "fa": "گواهی",
                "es": "Un certificado de la"}[lang]
    dd = term.parent.children[term.parent.children.index(term) + 2]
    assert dd.tag == "dd" and dd.text().startswith(expected)
    link = dd.find("a", href="../recht/fiktionsbescheinigung/")
    assert link is not None
    # a page without a translation into this language links with its German title, marked German
    translated = lang == "de" or (ROOT / "docs" / "recht" / f"fiktionsbescheinigung.{lang}.md").is_file()
    assert link.get("lang") == (None if translated else "de")
    law = dd.find("a", cls="amm-law")
    assert law.text() == "§ 81 Abs. 5 AufenthG"
    assert law.get("href") == "https://www.gesetze-im-internet.de/aufenthg_2004/__81.html"


# --- a real change in a copy of the project -----------------------------------------------

@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    """A copy where one German page, one German rule text and one German directory text changed,
    and an Arabic page got an unmarked German form of a glossary term."""
    import shutil

    project = tmp_path_factory.mktemp("drift") / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", "site", ".git", ".pytest_cache", "__pycache__", "*.egg-info", "test-artifacts"))
    _edit(project / "docs" / "recht" / "mein-status.md", "Was Sie dürfen", "Was Sie tun dürfen")
    _edit(project / "data" / "legal_rules.yaml", 'de: "Aufenthaltsgestattung: die ersten 3 Monate"',
          'de: "Aufenthaltsgestattung: die ersten drei Monate"')
    _edit(project / "data" / "projects.yaml", "de: Auch andere zugewanderte Menschen können begleitet werden.",
          "de: Auch andere zugewanderte Menschen können vom Programm begleitet werden.")
    _edit(project / "docs" / "index.ar.md", "# ", "# Jobcenters ")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.output
    return result


def test_changed_german_page_makes_exactly_its_translations_say_so(changed):
    site = changed.site
    assert _notices(site, "drift") == {f"{lang}/recht/mein-status/index.html"
                                       for lang in ("en", "uk", "ru", "ar", "fa", "es")}
    notice = parse(site / "ar" / "recht" / "mein-status" / "index.html").find("aside", cls="amm-notice--drift")
    assert notice.text().startswith(DRIFT_AR)
    assert notice.find("a", hreflang="de").get("href") == "../../../recht/mein-status/"
    assert notice.find("a", hreflang="en") is None  # the English translation is outdated too
    en = parse(site / "en" / "recht" / "mein-status" / "index.html").find("aside", cls="amm-notice--drift")
    assert en.text().startswith(DRIFT_EN)
    assert "docs/recht/mein-status.ar.md: das deutsche Original wurde nach der Übersetzung geändert" in changed.output


def test_changed_german_data_text_marks_exactly_its_translations_and_warns(changed):
    site = changed.site
    out = changed.output
    lines = (ROOT / "data" / "legal_rules.yaml").read_text(encoding="utf-8").splitlines()
    row = lines.index("  gestattung_start:")
    line = row + 1 + next(i for i, text in enumerate(lines[row:]) if text == "    name:")  # 1-based
    assert (f"data/legal_rules.yaml, Zeile {line}, Eintrag „rows.gestattung_start“, Feld „name“: Der deutsche "
            "Text wurde nach der Übersetzung geändert; veraltet: en, uk, ru, ar, fa, es") in out
    assert "Eintrag „programme.eligibility[1]“, Feld „text“" in out
    assert out.count("Der deutsche Text wurde nach der Übersetzung geändert") == 2
    ar = (site / "ar" / "recht" / "mein-status" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"الأشهر الثلاثة الأولى <span class=\"amm-drift\"[^>]*>" + MARKER_AR + "</span>", ar)
    # the next row's name did not change: not marked
    assert not re.search(r"من 3 إلى 6 أشهر <span class=\"amm-drift\"", ar)
    es = (site / "es" / "recht" / "mein-status" / "index.html").read_text(encoding="utf-8")
    assert "los primeros 3 meses <span class=\"amm-drift\"" in es or \
        re.search(r"3 meses <span class=\"amm-drift\"[^>]*>Original alemán actualizado</span>", es)
    # German shows no marker; exports carry the plain translation
    assert "amm-drift" not in (site / "recht" / "mein-status" / "index.html").read_text(encoding="utf-8")
    for export in list(site.rglob("*.json")) + list(site.rglob("*.vcf")):
        text = export.read_text(encoding="utf-8")
        assert "\ue000" not in text and "\\ue000" not in text, export
    ar_dir = (site / "ar" / "verzeichnis" / "leipzig" / "index.html").read_text(encoding="utf-8")
    assert "يمكن أيضاً مرافقة مهاجرين آخرين. <span class=\"amm-drift\"" in ar_dir


def test_status_page_shows_the_change(changed):
    page = parse(changed.site / "intern" / "uebersetzungen" / "index.html")
    rows = {tr.find("th").text(): tr for tr in page.find("table").find_all("tr")[1:]}
    assert rows["recht/mein-status.md"].find("td", data_lang="fa").text() == "Original geändert, maschinell"
    assert rows["index.md"].find("td", data_lang="fa").text() == "aktuell, maschinell"
    todo = page.find("section", cls="amm-translation-status").text()
    assert "Eintrag „rows.gestattung_start“, Feld „name“: Original geändert: en, uk, ru, ar, fa, es" in todo


def test_build_warns_about_an_unmarked_german_term(changed):
    assert "docs/index.ar.md: „Jobcenters“ enthält einen Glossarbegriff" in changed.output


def test_marking_leaves_code_links_and_hand_marked_words_alone():
    from amm.build import load_all
    from conftest import DEFAULT_LANG, LANG_CODES

    glossary = load_all(ROOT, LANG_CODES, DEFAULT_LANG).glossary
    source = ('<p><code>Duldung</code> و Duldung, <a href="x">Jobcenter</a>, Jobcenter, '
              '<span lang="de">Jobcenters</span>, Duldungen, Ausländerbehörden, Ausländerbehördenleiter</p>')
    out = G.mark_terms(source, glossary, lang="fa", rtl=True, href=lambda t: f"g/#{t.id}")
    assert out == (
        '<p><code>Duldung</code> و <a class="amm-term-link" href="g/#duldung" title="گواهی‌ای که نشان می‌دهد '
        'اخراج به‌طور موقت متوقف شده است. این مدرک اجازهٔ اقامت نیست؛ کار کردن فقط با اجازهٔ Ausländerbehörde '
        'ممکن است."><span class="amm-term" lang="de" dir="ltr">Duldung</span></a>, <a href="x">'
        '<span class="amm-term" lang="de" dir="ltr">Jobcenter</span></a>, <a class="amm-term-link" '
        'href="g/#jobcenter" title="اداره‌ای که کمک‌هزینهٔ پایه برای جویندگان کار را می‌پردازد و به '
        'دریافت‌کنندگان آن در یافتن کار و آموزش حرفه‌ای کمک می‌کند."><span class="amm-term" lang="de" '
        'dir="ltr">Jobcenter</span></a>, <span lang="de">Jobcenters</span>, <span class="amm-term" lang="de" '
        'dir="ltr">Duldungen</span>, <a class="amm-term-link" href="g/#auslaenderbehoerde" title="ادارهٔ اتباع '
        'خارجی شهرستان یا شهر. مدارک اقامت را صادر می‌کند و دربارهٔ اجازهٔ کار تصمیم می‌گیرد."><span '
        'class="amm-term" lang="de" dir="ltr">Ausländerbehörden</span></a>, Ausländerbehördenleiter</p>')
    # a compound is a word of its own; an unknown ending of a term is reported
    assert G.unmarked_words(out, glossary) == []
    assert G.unmarked_words("<p>zwei Jobcenters</p>", glossary) == ["Jobcenters"]
    # a select option holds plain text only: nothing is marked there
    options = '<select><option value="duldung">Duldung</option></select>'
    assert G.mark_terms(options, glossary, lang="en", rtl=False, href=lambda t: "g/") == options
