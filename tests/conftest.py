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


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}. Run `make test` (it installs Debian's "
                    "chromium) or `sudo apt-get install chromium`. Browser tests never skip.")
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


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    blocked = watch_csp(ctx)
    yield ctx
    ctx.close()
    assert blocked == [], "the Content-Security-Policy blocked something:\n" + "\n".join(blocked)
