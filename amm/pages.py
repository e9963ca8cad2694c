"""What happens to one page's Markdown before MkDocs renders it, and the checks on pages.

Used by the build (hooks/site_data.py) and by `make validate` (scripts/validate.py), so both
check pages the same way: front matter, every marker (with the same marker kinds), inline
scripts and event handlers. Legal pages (under docs/recht/ or with `legal: true`) get the
"Stand" line and the disclaimer under their title; legal and note-tagged pages get their notes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import jinja2
import yaml

from amm.build import BuildData
from amm.core import clock
from amm.core import markers, urls
from amm.core.errors import DataErrors, Problem
from amm.directory import pages as generate
from amm.legal import changes as legal_changes
from amm.legal import markers as legal_markers
from amm.notes import markers as notes_markers
from amm.recognition import markers as recognition_markers

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
# Active content nobody may put into a page (the CSP would block it anyway; the build refuses it
# so that it is never published): inline <script> other than JSON data, on…= handlers, javascript: URLs.
# (the site's own scripts come from assets/ with a relative src; JSON data blocks are not scripts)
_SCRIPT_RE = re.compile(r"<script\b(?![^>]*\btype=[\"']?application/(?:ld\+)?json)"
                        r"(?![^>]*\bsrc=[\"']?(?![\"'])(?!\s*(?:[a-z][a-z0-9+.-]*:|//)))[^>]*>", re.I)
_HANDLER_RE = re.compile(r"<[a-z][^>]*?[\s\"'/]on[a-z]+\s*=", re.I)
_JS_URL_RE = re.compile(r"(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):"
                        r"|\]\(\s*<?\s*(?:javascript|vbscript):", re.I)


def front_matter(text: str, page_file: str) -> tuple[dict, str]:
    """The page's front matter and the text after it; DataErrors if it is not a YAML mapping."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataErrors([Problem(
            page_file, "Kopfbereich (front matter)", "",
            f"Der Kopfbereich zwischen den Zeilen --- ist kein gültiges YAML "
            f"({getattr(exc, 'problem', None) or exc}); er würde als Text veröffentlicht.",
            "The front matter between the --- lines is not valid YAML; it would be published as text.",
            "Jede Zeile als „name: Wert“ schreiben; Werte mit Doppelpunkt in Anführungszeichen.",
            mark.line + 2 if mark else 1)]) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DataErrors([Problem(
            page_file, "Kopfbereich (front matter)", "", "Der Kopfbereich zwischen den Zeilen --- ist keine "
            "Liste von Feldern (name: Wert); er würde als Text veröffentlicht.",
            "The front matter is not a mapping (name: value); it would be published as text.",
            "Jede Zeile als „name: Wert“ schreiben, z. B. title: Duldung.", 1)])
    return meta, text[match.end():]


def _may_hold_script_url(text: str) -> bool:
    """Whether a ":" follows javascript, vbscript or data (any case) somewhere in text: without
    one, _JS_URL_RE cannot match. (Looking at the colons is about 20 times faster than the
    case-insensitive alternation of _JS_URL_RE over a whole page.)"""
    colon = text.find(":")
    while colon != -1:
        if text[max(0, colon - 10):colon].lower().endswith(("javascript", "vbscript", "data")):
            return True
        colon = text.find(":", colon + 1)
    return False


def active_content(text: str, page_file: str) -> list[Problem]:
    """Inline scripts, event handlers and script URLs in a page (Markdown or its HTML)."""
    problems = []
    for pattern, what_de, what_en in ((_SCRIPT_RE, "ein <script>", "a <script>"),
                                      (_HANDLER_RE, "ein Ereignis-Attribut (on…=)", "an event handler (on…=)"),
                                      (_JS_URL_RE, "eine javascript:-Adresse", "a javascript: URL")):
        if pattern is _JS_URL_RE and not _may_hold_script_url(text):
            continue
        for match in pattern.finditer(text):
            problems.append(Problem(
                page_file, "", "", f"Die Seite enthält {what_de}: „{match.group(0)[:60]}“. Skripte in Seiten "
                "sind nicht erlaubt.", f"The page contains {what_en}; scripts in pages are not allowed.",
                "Die Stelle löschen; Funktionen gehören in overrides/assets/ (siehe README).",
                text.count("\n", 0, match.start()) + 1))
    return problems


def is_legal(src_uri: str, meta: dict) -> bool:
    return src_uri.startswith("recht/") or bool(meta.get("legal"))


def _with_stand(markdown: str, html: str) -> str:
    """Put the Stand line and the disclaimer right under the page title (the first # line)."""
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[: number + 1] + ["", html, ""] + lines[number + 1:])
    return html + "\n\n" + markdown


def _with_notes(markdown: str) -> str:
    """Put the practice notes for this page before its source list (or at the end)."""
    if "<!-- notes:" in markdown:
        return markdown
    if "<!-- sources -->" in markdown:
        return markdown.replace("<!-- sources -->", "<!-- notes:for -->\n\n<!-- sources -->", 1)
    return markdown.rstrip("\n") + "\n\n<!-- notes:for -->\n"


def expand(markdown: str, *, data: BuildData, src_uri: str, meta: dict, lang: str, text_lang: str, url: str,
           env: jinja2.Environment, widget_env: jinja2.Environment, today: dt.date) -> str:
    """The page's Markdown with Stand line, notes and every marker expanded; DataErrors lists
    every problem of the page (front matter, markers, scripts)."""
    page_file = f"docs/{src_uri}"
    front_matter(markdown, page_file)   # MkDocs leaves front matter it cannot read in the text
    problems = active_content(markdown, page_file)
    # the check's "apply at": the Ausländerbehörde of the district the person names (data/offices.yaml)
    extensions = legal_markers.extensions(
        data.rules, lang=text_lang, url_lang=lang, default_lang=data.default_language, here=url, env=env,
        apply_html=lambda: generate.widget(data, widget_env, "check_apply", lang, page_url=url, today=today))
    for name in ("finder", "map"):
        extensions[name] = markers.Extension(
            None, lambda _ident, _cite, name=name: "\n\n" + generate.widget(
                data, widget_env, name, lang, page_url=url, today=today) + "\n\n", "data/projects.yaml")
    where = dict(lang=text_lang, url_lang=lang, default_lang=data.default_language, here=url, env=env)
    ui = data.ui.for_language(text_lang)
    if data.recognition is not None:
        extensions["recognition"] = recognition_markers.extension(
            data.recognition, rules=data.rules, sources=data.site.sources, ui=ui, **where)
    if data.notes is not None:
        extensions["notes"] = notes_markers.extension(data.notes, rules=data.rules, ui=ui, **where)
    extensions.update(legal_changes.extensions(
        data.changes, rules=data.rules, sources=data.site.sources, lang=text_lang, url_lang=lang,
        default_lang=data.default_language, here=url, env=env))
    # <!-- glossary --> and <!-- translations:status --> are expanded before, by hooks/translations.py
    # (they need the whole docs/ folder); listed here so that the page checks know them.
    extensions["glossary"] = markers.Extension(None, lambda _ident, _cite: "", "data/glossary.yaml")
    extensions["translations"] = markers.Extension(("status",), lambda _ident, _cite: "", "docs/")
    tagged = data.notes is not None and any(
        urls.page_url(p, lang, data.default_language) == url for p in data.notes.pages())
    if is_legal(src_uri, meta) or tagged:
        markdown = _with_notes(markdown)
    docs_path = legal_changes.docs_path(url, lang, data.default_language)
    if docs_path in data.changes.pages() and "<!-- changes:recent -->" not in markdown:
        # under the title (and, on legal pages, under the Stand line inserted next)
        markdown = _with_stand(markdown, "<!-- changes:recent -->")
    if is_legal(src_uri, meta):
        markdown = _with_stand(markdown, env.get_template("partials/amm/legal-stand.html").render(
            **legal_markers.stand_line(data.rules, docs_path, text_lang),
            disclaimer=data.rules.texts["disclaimer"][text_lang]))
    try:
        markdown = markers.expand(markdown, page_file=page_file, lang=lang, site=data.site, ui=data.ui,
                                  env=env, extensions=extensions)
    except DataErrors as exc:
        problems += exc.problems
    if problems:
        raise DataErrors(problems)
    return markdown


def page_url(src_uri: str, lang: str, default: str) -> str:
    """The site-relative URL MkDocs (with mkdocs-static-i18n, directory URLs) gives a page."""
    path = src_uri[: -len(".md")]
    path = "" if path == "index" else (path[: -len("index")] if path.endswith("/index") else path + "/")
    return ("" if lang == default else f"{lang}/") + path


def check_pages(root: Path, data: BuildData) -> list[Problem]:
    """The build's page checks without a build (`make validate`): every written page under docs/
    in the language it is written in, and the generated directory pages (they use most of the
    interface texts)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(root / "overrides")), autoescape=True)
    widget_env = generate.environment(root)
    today = clock.today()
    codes, default = data.languages, data.default_language
    problems: list[Problem] = []
    try:
        generate.directory_pages(data, widget_env, site_url="/", today=today)
    except DataErrors as exc:
        problems += exc.problems
    for path in sorted((root / "docs").rglob("*.md")):
        src = path.relative_to(root / "docs").as_posix()
        if src.startswith(generate.FOLDER + "/"):  # generated from the data (amm/directory/pages.py)
            continue
        stem, _, suffix = path.name[: -len(".md")].rpartition(".")
        lang = suffix if stem and suffix in codes else default
        src_uri = src if lang == default else src[: -len(f".{lang}.md")] + ".md"
        try:
            meta, markdown = front_matter(path.read_text(encoding="utf-8"), f"docs/{src}")
            expand(markdown, data=data, src_uri=src_uri, meta=meta, lang=lang, text_lang=lang,
                   url=page_url(src_uri, lang, default), env=env, widget_env=widget_env, today=today)
        except DataErrors as exc:
            problems += [dataclasses.replace(p, file=f"docs/{src}") if p.file == f"docs/{src_uri}" else p
                         for p in exc.problems]
    return problems
