"""Right-to-left pages: isolate every left-to-right run (sections of law, German terms, URLs,
phone numbers) so it reads in its own order. The logic is in amm/texts/bidi.py; this hook only
applies it to every built page and to the 404 page. Left-to-right pages pass unchanged."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from amm.texts.bidi import isolate


def on_post_page(output: str, *, page, config: MkDocsConfig) -> str:
    return isolate(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return isolate(output_content) if template_name.endswith(".html") else output_content
