"""Per-page notices: machine translation, untranslated fallback, search indexing, report link.

- A translated page shows that it was machine-translated and that the German text is
  authoritative, until its front matter says `translation_reviewed: true`.
- A page shown in German because it has no translation says so in the reader's language,
  carries lang="de" on its content and stays out of that language's search index.
"""

from __future__ import annotations

import html
from urllib.parse import quote, urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from amm import build
from amm.core.site import PLACEHOLDER


def _report_href(address: str, subject: str, body: str) -> str:
    recipient = "" if address == PLACEHOLDER else address
    return f"mailto:{recipient}?subject={quote(subject)}&body={quote(body)}"


def _alternates(page: Page, config: MkDocsConfig, lang: str, languages: list[str],
                default: str) -> list[tuple[str, str]]:
    """Absolute URL of this page in every language (suffix layout: same slug everywhere);
    none without the public address (hreflang links must be absolute)."""
    if not config.site_url:
        return []
    prefix = "" if lang == default else f"{lang}/"
    path = page.url[len(prefix):] if page.url.startswith(prefix) else page.url
    urls = [(code, urljoin(config.site_url, ("" if code == default else f"{code}/") + path))
            for code in languages]
    return urls + [("x-default", urls[languages.index(default)][1])]


def on_page_context(context, *, page: Page, config: MkDocsConfig, nav: Navigation):
    i18n = config.plugins["i18n"]
    data = build.current()
    lang = i18n.current_language
    t = data.ui.for_language(lang)
    file_lang = getattr(page.file, "locale", data.default_language)
    is_fallback = file_lang != lang
    is_translation = lang != data.default_language and not is_fallback
    url = page.canonical_url or page.abs_url or ""
    context["amm_t"] = data.ui.escaped(lang)  # the theme's templates do not escape
    context["amm_page"] = {
        "is_fallback": is_fallback,
        "content_lang": file_lang,
        "machine_translated": is_translation and not page.meta.get("translation_reviewed", False),
        "indexable": not is_fallback and not page.meta.get("search_exclude", False),
        "report_href": _report_href(
            data.site.feedback_email,
            t["report_subject"].format(title=html.unescape(page.title or "")),
            t["report_body"].format(url=url)),
        "feedback_missing": data.site.feedback_email == PLACEHOLDER,
        "alternates": _alternates(page, config, lang, data.languages, data.default_language),
    }
    return context
