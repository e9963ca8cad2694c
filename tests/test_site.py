"""What a visitor gets from the built site, read from the HTML the build wrote."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest

from conftest import DEFAULT_LANG, LANG_CODES, RTL, ROOT, SUBPATH, lang_prefix
from tools.html import parse, text

DOCS = ROOT / "docs"
# Hand-written German originals, also in sub-folders (recht/...); the generated directory
# (docs/verzeichnis/, not in git) has tests of its own in test_directory.py.
SLUGS = sorted(str(p.relative_to(DOCS).with_suffix("")) for p in DOCS.rglob("*.md")
               if "." not in p.stem and p.relative_to(DOCS).parts[0] != "verzeichnis")


def page_file(site: Path, lang: str, slug: str) -> Path:
    folder = site / lang_prefix(lang)
    return folder / "index.html" if slug == "index" else folder / slug / "index.html"


def is_translated(lang: str, slug: str) -> bool:
    return lang == DEFAULT_LANG or (DOCS / f"{slug}.{lang}.md").exists()


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file a relative or site-absolute link from `page` points to."""
    url = urlparse(href)
    path = unquote(url.path)
    if path.startswith(SUBPATH):
        target = site / path[len(SUBPATH):]
    elif path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = (page.parent / path).resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") or not path else target


@pytest.mark.parametrize("lang", LANG_CODES)
def test_home_page_has_language_and_direction(site, lang):
    html = parse(page_file(site, lang, "index")).css_first("html")
    assert html.attrs.get("lang") == lang
    assert html.attrs.get("dir") == ("rtl" if lang in RTL else "ltr")


@pytest.mark.parametrize("lang", LANG_CODES)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_offers_every_language_and_the_links_resolve(site, lang, slug):
    page = page_file(site, lang, slug)
    doc = parse(page)
    chooser = {a.attrs.get("hreflang"): a.attrs.get("href") for a in doc.css("a.md-select__link")}
    assert set(chooser) == set(LANG_CODES)
    for target_lang, href in chooser.items():
        target = resolve(site, page, href)
        assert target == page_file(site, target_lang, slug).resolve(), (lang, slug, href)
        assert target.exists()
    # Language alternates carry hreflang; a feed link (rel=alternate, type=application/atom+xml) does not.
    alternates = {link.attrs.get("hreflang"): link.attrs.get("href") for link in doc.css("link")
                  if "alternate" in (link.attrs.get("rel") or "").split() and link.attrs.get("hreflang")}
    assert set(alternates) == set(LANG_CODES) | {"x-default"}
    for target_lang, href in alternates.items():
        expected = "http://127.0.0.1" + SUBPATH + lang_prefix(
            DEFAULT_LANG if target_lang == "x-default" else target_lang)
        assert href == expected + ("" if slug == "index" else f"{slug}/")


@pytest.mark.parametrize("lang", [code for code in LANG_CODES if code != DEFAULT_LANG])
def test_untranslated_page_shows_german_with_notice_and_is_not_indexed(site, lang):
    assert not is_translated(lang, "leichte-sprache"), "test needs a page without translation"
    doc = parse(page_file(site, lang, "leichte-sprache"))
    notice = doc.css_first(".amm-notice--fallback")
    assert notice is not None
    german = parse(page_file(site, DEFAULT_LANG, "leichte-sprache"))
    assert text(notice) != text(german.css_first(".amm-content"))
    content = doc.css_first(".amm-content")
    assert content.attrs.get("lang") == "de" and content.attrs.get("dir") == "ltr"
    assert "data-pagefind-body" not in content.attrs
    assert "Leichte Sprache" in text(content)


def test_translated_pages_are_indexed_and_have_no_fallback_notice(site):
    for lang in LANG_CODES:
        for slug in SLUGS:
            if not is_translated(lang, slug):
                continue
            doc = parse(page_file(site, lang, slug))
            assert doc.css_first(".amm-notice--fallback") is None, (lang, slug)
            # internal pages (the translation status) say search_exclude: true
            excluded = "\nsearch_exclude: true\n" in (DOCS / f"{slug}.md").read_text(encoding="utf-8")
            assert ("data-pagefind-body" in doc.css_first(".amm-content").attrs) != excluded, (lang, slug)


def test_machine_translation_notice_on_translations_only(site):
    translated = [(lang, slug) for lang in LANG_CODES for slug in SLUGS
                  if lang != DEFAULT_LANG and is_translated(lang, slug)]
    assert translated, "no translated pages found"
    for lang, slug in translated:
        notice = parse(page_file(site, lang, slug)).css_first(".amm-notice--mt")
        assert notice is not None, (lang, slug)
        link = notice.css_first("a[hreflang='de']")
        assert link is not None and resolve(site, page_file(site, lang, slug), link.attrs.get("href")) \
            == page_file(site, DEFAULT_LANG, slug).resolve()
    for slug in SLUGS:
        assert parse(page_file(site, DEFAULT_LANG, slug)).css_first(".amm-notice--mt") is None


def test_reviewed_translation_has_no_machine_translation_notice(altered_build):
    # the altered build has `translation_reviewed: true` in docs/impressum.en.md (tests/conftest.py)
    result = altered_build
    assert parse(result.site / "en" / "impressum" / "index.html").css_first(".amm-notice--mt") is None
    assert parse(result.site / "en" / "datenschutz" / "index.html").css_first(".amm-notice--mt") is not None


@pytest.mark.parametrize("lang", LANG_CODES)
def test_every_page_has_a_report_a_mistake_link_with_title_and_address(site, lang):
    for slug in SLUGS:
        page = page_file(site, lang, slug)
        doc = parse(page)
        link = doc.css_first("a.amm-report__link")
        assert link is not None and text(link), (lang, slug)
        url = urlparse(link.attrs.get("href"))
        assert url.scheme == "mailto"
        query = parse_qs(url.query)
        title = text(doc.css_first("title")).split(" - ")[0]
        assert title in query["subject"][0]
        expected = "http://127.0.0.1" + SUBPATH + lang_prefix(lang) + ("" if slug == "index" else slug + "/")
        assert expected in query["body"][0]


def test_operator_placeholders_are_visible(site):
    doc = parse(page_file(site, DEFAULT_LANG, "impressum"))
    placeholders = doc.css_first(".amm-content").css(".amm-placeholder")
    assert len(placeholders) == 5   # operator name, address, responsible person, e-mail; feedback address
    assert all(text(p) == "Vom Betreiber noch zu ergänzen" for p in placeholders)


def test_placeholders_warn_but_do_not_fail_the_build(build):
    assert build.returncode == 0
    assert "operator.name ist noch ein Platzhalter" in build.output
    assert "feedback_email ist noch ein Platzhalter" in build.output


@pytest.mark.parametrize("lang", LANG_CODES)
def test_footer_has_funding_notice_and_legal_links(site, lang):
    doc = parse(page_file(site, lang, "index"))
    footer = doc.css_first("footer")
    funding = footer.css_first(".amm-footer__funding")
    assert funding is not None and "Arbeitsmarktmentoren Sachsen" in text(funding)
    links = footer.css_first(".amm-footer__legal").css("a")
    targets = {resolve(site, page_file(site, lang, "index"), a.attrs.get("href")) for a in links}
    for slug in ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache"):
        assert page_file(site, lang, slug).resolve() in targets


def test_start_page_offers_the_mentee_entries_first_in_every_language(site):
    """A mentee's two questions first (who helps me here, what may I do with my papers), then
    the entries for mentors and employers (issue 16)."""
    for lang in LANG_CODES:
        page = page_file(site, lang, "index")
        entries = parse(page).css_first(".amm-entries").css("a")
        targets = [resolve(site, page, a.attrs.get("href")) for a in entries]
        assert targets == [page_file(site, lang, s).resolve() for s in (
            "mentor-finden", "recht/mein-status", "recht/check", "fuer-mentoren", "fuer-arbeitgeber")]


def test_figures_come_from_data_with_sources(site):
    doc = parse(page_file(site, DEFAULT_LANG, "index"))
    shown = text(doc.css_first(".amm-content"))
    assert "14 Projekte" in shown and "mehr als 50 Mentorinnen" in shown
    sources = doc.css_first(".amm-sources")
    assert sources is not None
    assert any("programmidee" in (a.attrs.get("href") or "") for a in sources.css("a"))
    english = text(parse(page_file(site, "en", "index")).css_first(".amm-content"))
    assert "1,600" in english   # the same figure, formatted for English


EXTERNAL_ATTR = re.compile(r"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"""
                           r"""\b(?:src|href|data)\s*=\s*["']?(?:https?:)?//""", re.I)
EXTERNAL_CSS = re.compile(r"""(?:url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//)""", re.I)


def test_no_page_or_stylesheet_loads_anything_from_another_host(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8")
            # the canonical and hreflang links name this site's own address, they load nothing
            text = re.sub(r'<link[^>]+rel="\s*(?:canonical|alternate)"[^>]*>', "", text)
            offenders += [f"{path}: {m.group(0)[:80]}" for m in EXTERNAL_ATTR.finditer(text)]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            offenders += [f"{path}: {m.group(0)}" for m in EXTERNAL_CSS.finditer(text)]
    assert not offenders, "\n".join(offenders)


def test_404_page_per_language(site):
    assert parse(site / "404.html").css_first("html").attrs.get("lang") == DEFAULT_LANG
    for lang in LANG_CODES:
        if lang == DEFAULT_LANG:
            continue
        doc = parse(site / lang / "404.html")
        assert doc.css_first("html").attrs.get("lang") == lang
        assert text(doc.css_first("h1")) != text(parse(site / "404.html").css_first("h1"))


def test_search_index_covers_every_language_with_translations(site):
    import json
    languages = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())["languages"]
    translated_langs = {lang for lang in LANG_CODES if any(is_translated(lang, s) for s in SLUGS)}
    assert translated_langs <= set(languages)


def test_without_site_url_nothing_publishable_names_a_local_address(altered_build):
    """A build without SITE_URL says so and leaves absolute addresses out: no loopback address in
    QR codes, printed addresses, canonical or hreflang links, the sitemap, the exports or the
    "report a mistake" e-mails (issue 16). The session's altered build is such a build
    (scripts/build.py, SITE_URL empty; conftest.altered_build)."""
    site = altered_build.site
    assert "SITE_URL ist nicht gesetzt" in altered_build.output and "SITE_URL was not set" in altered_build.output
    local = []
    for f in site.rglob("*"):
        if f.suffix in {".html", ".xml", ".json", ".vcf", ".txt"}:
            text = f.read_text(encoding="utf-8", errors="replace")
            if re.search(r"127\.0\.0\.1|localhost|\[::1\]", text):
                local.append(str(f.relative_to(site)))
    assert local == []
    project = (site / "verzeichnis" / "chemnitz" / "index.html").read_text(encoding="utf-8")
    assert 'class="amm-qr-figure"' not in project
    assert 'rel="canonical"' not in project and "hreflang=\"x-default\"" not in project
