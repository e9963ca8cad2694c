"""The editors' preview (`make serve`, hooks/preview.py) builds only the chosen languages and
says so on every page; the publishing build always builds every language without a banner."""

from __future__ import annotations

import importlib.util

import pytest
from mkdocs.exceptions import Abort

from conftest import LANG_CODES, ROOT, copy_build
from tools.html import parse, text

_spec = importlib.util.spec_from_file_location("preview_hook", ROOT / "hooks" / "preview.py")
preview = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(preview)

LANGS = ["de", "en", "uk", "ru", "ar", "fa", "es"]

# What `make serve` does (mkdocs serve: the "serve" start-up event, then one build), without a server.
PREVIEW_BUILD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config(site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
"""


@pytest.mark.parametrize("setting, built", [
    ("de", ["de"]),
    ("de,ar", ["de", "ar"]),
    ("ar, de", ["de", "ar"]),      # order as configured, spaces allowed
    ("fa", ["de", "fa"]),          # German, the default language, is always built
    ("all", LANGS),
    ("de,all", LANGS),
])
def test_preview_language_choice(setting, built):
    assert preview.preview_languages(setting, LANGS, "de") == built


def test_an_unknown_preview_language_stops_with_the_allowed_codes():
    with pytest.raises(Abort) as info:
        preview.preview_languages("de,xx", LANGS, "de")
    message = str(info.value)
    assert "AMM_PREVIEW_LANGS=de,xx" in message and "xx ist keine Sprache" in message
    assert "de, en, uk, ru, ar, fa, es, all" in message


def test_publishing_build_has_every_language_and_no_preview_banner(site):
    # the session build runs with AMM_PREVIEW_LANGS=de set (tests/conftest.py): it is ignored
    assert LANG_CODES == LANGS
    for lang in LANGS:
        start = site / ("" if lang == "de" else lang) / "index.html"
        assert parse(start).css_first(".amm-preview") is None, lang


#: The preview of a project copy with AMM_PREVIEW_LANGS=ar (built beside the session build).
preview_build = copy_build("preview_build", [], command=["-c", PREVIEW_BUILD, "{site}"],
                           env={"AMM_PREVIEW_LANGS": "ar"})


def test_preview_builds_the_chosen_languages_and_says_so(preview_build):
    out = preview_build.site
    assert (out / "index.html").exists() and (out / "ar" / "index.html").exists()
    assert not any((out / lang / "index.html").exists() for lang in ("en", "uk", "ru", "fa", "es"))
    for start in (out / "index.html", out / "ar" / "index.html"):
        banner = parse(start).css_first(".amm-preview")
        assert banner is not None, start
        assert "Vorschau: nur de, ar gebaut; en, uk, ru, fa, es fehlen." in text(banner)
        assert "make serve LANGS=all" in text(banner)
        assert banner.attrs.get("dir") == "ltr"
    switcher = [text(a) for a in parse(out / "index.html").css("a.md-select__link")]
    assert switcher == ["Deutsch", "العربية"]
