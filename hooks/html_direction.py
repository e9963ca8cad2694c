"""Put the writing direction on <html> as well: Material sets dir only on <body>.

With dir on the root element, the whole document (including <head> text such as the title
and everything outside <body>'s flow) has the right direction for assistive technology.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig

from amm.core.site import RTL_LANGUAGES

_HTML_TAG = re.compile(r'<html lang="([^"]+)"')


def _with_dir(output: str) -> str:
    def add(match: re.Match) -> str:
        direction = "rtl" if match.group(1) in RTL_LANGUAGES else "ltr"
        return f'<html lang="{match.group(1)}" dir="{direction}"'
    return _HTML_TAG.sub(add, output, count=1)


def on_post_page(output: str, *, page, config: MkDocsConfig) -> str:
    return _with_dir(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return _with_dir(output_content) if template_name.endswith(".html") else output_content
