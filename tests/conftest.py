"""Shared fixtures: one strict build of the whole site per test session, a local web server
that hosts it under a sub-path, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SUBPATH = "/amm-sub/"  # the tests host the site under a sub-path, as some operators will
# "Today" for every load and build of the suite (amm/core/clock.py): the verdict must not change with the
# machine's calendar. After the newest date in data/ and less than 12 months after the oldest check;
# tests that need stale or fresh data pass their own date.
TODAY = "2026-12-01"
os.environ["AMM_TODAY"] = TODAY


def _languages() -> list[dict]:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]["languages"]
    raise AssertionError("mkdocs.yml has no i18n plugin")


LANGUAGES = _languages()
LANG_CODES = [lang["locale"] for lang in LANGUAGES]
DEFAULT_LANG = next(lang["locale"] for lang in LANGUAGES if lang.get("default"))
RTL = {"ar", "fa"}


def lang_prefix(lang: str) -> str:
    return "" if lang == DEFAULT_LANG else f"{lang}/"


#: Left out of project copies: the benchmark's Lighthouse cache (.cache, 186 MB), the virtual
#: environment, built sites and test output (copying them cost seconds per copy).
COPY_IGNORE = shutil.ignore_patterns(".venv", ".cache", "site", ".git", ".pytest_cache",
                                     "__pycache__", "*.egg-info", "test-artifacts", ".hypothesis",
                                     "node_modules")


@dataclass
class Build:
    site: Path
    output: str
    returncode: int


def run_build(project: Path, site_dir: Path, env: dict | None = None) -> Build:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, check=False,
        env={**os.environ, **(env or {})})
    return Build(site_dir, result.stdout + result.stderr, result.returncode)


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    site = tmp_path_factory.mktemp("build") / "site"
    # AMM_PREVIEW_LANGS is for `make serve` only (hooks/preview.py): a build ignores it
    result = run_build(ROOT, site, env={"SITE_URL": "http://127.0.0.1" + SUBPATH,
                                        "AMM_PREVIEW_LANGS": "de"})
    assert result.returncode == 0, "mkdocs build --strict failed:\n" + result.output
    return result


@pytest.fixture(scope="session")
def site(build) -> Path:
    return build.site


#: Data text full of markup (tests/test_directory.py checks it is shown as text everywhere).
MARKUP_IN_DATA = 'Verein <b>"Mentoren" & \'Co\'</b> </script><script>alert(1)</script>'
#: The edits of the session's one altered build, (file, text, replacement): tests that need the
#: site built from altered data or pages share `altered_build` instead of each building the
#: whole site again. Add an edit here only if it cannot change what the other edits' tests see.
ALTERATIONS = [
    ("data/contacts.yaml", "name: ARBEIT UND LEBEN Sachsen e.V., Geschäftsstelle Dresden",
     "name: " + json.dumps(MARKUP_IN_DATA)),
    ("data/projects.yaml", "name: Arbeitsmarktmentoren Dresden", "name: " + json.dumps(MARKUP_IN_DATA)),
    ("docs/impressum.en.md", "---\n", "---\ntranslation_reviewed: true\n"),
    # the "trusted" files too: a fact, the operator's name, an interface label in an attribute
    ("data/site.yaml", '    value: "2016"', '    value: "<script>alert(2)</script>"'),
    ("data/site.yaml", "  name: ZU ERGÄNZEN", "  name: '<a href=\"javascript:alert(3)\">Verein</a>'"),
    ("data/ui.yaml", '  de: "Suche"', """  de: 'Suche" onfocus="alert(4)'"""),
]


@pytest.fixture(scope="session")
def altered_build(tmp_path_factory) -> Build:
    """One strict build of a project copy with every edit in ALTERATIONS applied."""
    copy = tmp_path_factory.mktemp("altered") / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    for name, text, replacement in ALTERATIONS:
        content = (copy / name).read_text(encoding="utf-8")
        assert text in content, f"{name} no longer contains {text!r}: update ALTERATIONS"
        (copy / name).write_text(content.replace(text, replacement, 1), encoding="utf-8")
    result = run_build(copy, copy.parent / "site")
    assert result.returncode == 0, "the altered build failed:\n" + result.output
    return result


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project for builds with altered data or pages."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    return copy


@pytest.fixture(scope="session")
def nginx(site):
    """Debian's nginx with the shipped configuration (deploy/nginx/), serving the built site
    at the root and under the sub-path (tests/nginx_server.py)."""
    from nginx_server import NginxError, NginxServer

    server = NginxServer(site, SUBPATH)
    try:
        server.start()
    except NginxError as error:
        pytest.fail(str(error))
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def server(nginx) -> str:
    """The site at http://127.0.0.1:<port>/amm-sub/ (nginx, shipped configuration)."""
    return nginx.sub_url


# The font every page is laid out with in the tests (Debian's fonts-dejavu-core, installed with
# Chromium by scripts/ensure-chromium.sh). Line breaks, and so widths and print lengths, depend on it.
SANS_FAMILY = "DejaVu Sans"


def font_problem() -> str | None:
    try:
        family = subprocess.run(["fc-match", "-f", "%{family[0]}", "sans-serif"], capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        family = f"nothing ({error})"
    if family == SANS_FAMILY:
        return None
    return (f"`fc-match sans-serif` gives {family!r}, the browser tests expect {SANS_FAMILY!r}. "
            "Run `make test` (scripts/ensure-chromium.sh installs fonts-dejavu-core) or "
            "`sudo apt-get install fonts-dejavu-core`; another default sans-serif font changes "
            "line breaks, widths and printed lengths.")


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}. Run `make test` (it installs Debian's "
                    "chromium) or `sudo apt-get install chromium`. Browser tests never skip.")
    if problem := font_problem():
        pytest.fail(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        yield instance
        instance.close()


def watch_csp(ctx) -> list[str]:
    """Collect every Content-Security-Policy violation Chromium reports in this context."""
    blocked: list[str] = []
    ctx.on("console", lambda msg: "Content Security Policy" in msg.text
           and blocked.append(f"{msg.location.get('url', '')}: {msg.text}"))
    return blocked


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked = watch_csp(ctx)
    yield ctx
    ctx.close()
    assert blocked == [], "the Content-Security-Policy blocked something:\n" + "\n".join(blocked)


# A4 with the 12 mm margins of the print style sheet (overrides/assets/site.css), in CSS pixels (96/in)
PRINT_WIDTH_PX = round((210 - 2 * 12) / 25.4 * 96)    # 703
PRINT_HEIGHT_PX = round((297 - 2 * 12) / 25.4 * 96)   # 1032
PRINT_MARGIN = 0.9   # content may fill at most 90 % of the page: room for a wider font or a longer name


@pytest.fixture
def print_tab(browser):
    """A tab laid out as the printed A4 page: print media, printable width."""
    ctx = browser.new_context(viewport={"width": PRINT_WIDTH_PX, "height": PRINT_HEIGHT_PX})
    blocked = watch_csp(ctx)
    tab = ctx.new_page()
    tab.emulate_media(media="print")
    yield tab
    ctx.close()
    assert blocked == [], "the Content-Security-Policy blocked something:\n" + "\n".join(blocked)


def print_fill(tab) -> float:
    """How much of one printed A4 page the loaded page fills (1.0 = exactly one page)."""
    bottom = tab.evaluate("Math.max(...[...document.querySelectorAll('.md-content > *')]"
                          ".map(e => e.getBoundingClientRect().bottom))")
    return bottom / PRINT_HEIGHT_PX


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF printed by Chromium: the /Count of its page tree root (the largest count)."""
    import re

    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    assert counts, "no page tree found in the PDF"
    return max(counts)


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    blocked = watch_csp(ctx)
    yield ctx
    ctx.close()
    assert blocked == [], "the Content-Security-Policy blocked something:\n" + "\n".join(blocked)
