"""Valid HTML: the W3C Nu Html Checker (npm package vnu-jar, pinned in package.json and
package-lock.json, installed by `make test` through scripts/ensure-vnu.sh, run with Java) on one
page of every page type in every language (tools/sitecrawl.py).

Only errors count. Errors in Material's own header markup are left to the theme and filtered
out by the explicit patterns in THEME_ERRORS below (message and the markup it points to);
anything else fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import DEFAULT_LANG, LANG_CODES, ROOT
from tools.sitecrawl import representative_pages

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

#: (message pattern, pattern on the checker's extract of the markup): errors in Material's
#: theme markup, not ours. Material 9.8.1 puts autocomplete="off" on the two checkbox toggles
#: of its header (navigation drawer and search), which HTML allows on text-like inputs only.
THEME_ERRORS = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"')),
]


def _theme_error(message: dict) -> bool:
    return any(text.search(message.get("message", "")) and markup.search(message.get("extract", ""))
               for text, markup in THEME_ERRORS)


def check(files: list) -> list[str]:
    """Run the checker on the files; every error that is not a known theme error."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail("The HTML checker needs Java and the npm package vnu-jar: run `make vnu` "
                    "(scripts/ensure-vnu.sh: apt-get install default-jre-headless, npm ci).")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout",
                             *map(str, files)], capture_output=True, text=True, check=False)
    messages = json.loads(result.stdout)["messages"]
    return [f"{m.get('url', '').split('/site/')[-1]}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m.get("type") == "error" and not _theme_error(m)]


def test_one_page_of_every_type_is_valid_html(site):
    pages = representative_pages(site, LANG_CODES, DEFAULT_LANG)
    assert {p.lang for p in pages} == set(LANG_CODES) and len(pages) > 7 * 5
    errors = check([p.file for p in pages])
    assert errors == [], "the W3C Nu Html Checker found errors:\n" + "\n".join(errors)


def test_the_checker_reports_our_kind_of_errors_and_filters_only_the_theme(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>t</title></head><body>'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="checkbox" id="own" autocomplete="off">'
        '<h1>Titel</h1><div class="x" markdown="0"><h3>Zu tief</h3></div></body></html>',
        encoding="utf-8")
    errors = "\n".join(check([page]))
    assert "“markdown” not allowed" in errors
    assert "skipping 1 heading level" in errors
    assert errors.count("autocomplete") == 1, "only Material's header toggles are filtered"


def test_no_markdown_attribute_is_left_in_any_page(site):
    left = [str(f.relative_to(site)) for f in site.rglob("*.html")
            if re.search(r"<[a-z]+\s[^>]*\bmarkdown=", f.read_text(encoding="utf-8"))]
    assert left == []
