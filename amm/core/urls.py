"""Where a page of docs/ ends up on the site (suffix layout, directory URLs)."""

from __future__ import annotations

from mkdocs.utils import get_relative_url


def page_url(docs_path: str, lang: str, default_lang: str) -> str:
    """Site-relative URL of a page (suffix layout, directory URLs): recht/duldung.md -> recht/duldung/."""
    slug = docs_path[:-3]
    if slug == "index":
        path = ""
    elif slug.endswith("/index"):  # anerkennung/index.md -> anerkennung/
        path = slug[: -len("index")]
    else:
        path = slug + "/"
    return ("" if lang == default_lang else f"{lang}/") + path


def href(docs_path: str, *, lang: str, default_lang: str, here: str) -> str:
    """A link from the page at site-relative URL `here` to a page of docs/ in language `lang`."""
    return get_relative_url(page_url(docs_path, lang, default_lang), here)
