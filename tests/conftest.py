"""Shared fixtures: one strict build of the whole site per test session, a local web server
that hosts it under a sub-path, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Shared with the scripts (tools/): paths, languages, the build command. Re-exported here for the tests.
from tools.project import (CHROMIUM, COPY_IGNORE, DEFAULT_LANG, LANG_CODES, ROOT, RTL,  # noqa: F401
                           SUBPATH, Build, lang_prefix, run_build)

# "Today" for every load and build of the suite (amm/core/clock.py): the verdict must not change with the
# machine's calendar. After the newest date in data/ and less than 12 months after the oldest check;
# tests that need stale or fresh data pass their own date.
TODAY = "2026-12-01"
os.environ["AMM_TODAY"] = TODAY


@pytest.fixture(scope="session")
def build(tmp_path_factory, request) -> Build:
    # the copy builds that this session's tests need start now, beside this one: they overlap
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    for name, declared in COPY_BUILDS.items():
        if name in needed:
            declared.start(tmp_path_factory)
    site = tmp_path_factory.mktemp("build") / "site"
    # AMM_PREVIEW_LANGS is for `make serve` only (hooks/preview.py): a build ignores it
    result = run_build(ROOT, site, env={"SITE_URL": "http://127.0.0.1" + SUBPATH,
                                        "AMM_PREVIEW_LANGS": "de"})
    assert result.returncode == 0, "mkdocs build --strict failed:\n" + result.output
    return result


@pytest.fixture(scope="session")
def site(build) -> Path:
    return build.site


@pytest.fixture(scope="session")
def data():
    """The project's data (amm.build.load_all), loaded once per session: a data error fails the
    tests that use it instead of stopping the collection of their modules."""
    from amm.build import load_all

    return load_all(ROOT, LANG_CODES, DEFAULT_LANG)


@pytest.fixture(scope="session")
def rules(data):
    """The legal rules of data/legal_rules.yaml (tests/test_legal.py, tests/test_legal_browser.py)."""
    return data.rules


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
    ("data/offices.yaml", "name: Ausländerbehörde der Stadt Chemnitz", "name: " + json.dumps(MARKUP_IN_DATA)),
]


#: The build command of a copy build (arguments of Python; "{site}" is the output folder).
STRICT_BUILD = ["-m", "mkdocs", "build", "--strict", "--site-dir", "{site}"]


class CopyBuild:
    """A build of a copy of the project with `edits` applied ((file, text, replacement), each text
    replaced once), by `command` (STRICT_BUILD unless given) with `env` added to the environment.
    The session build starts every copy build that the session's tests need (`build`), so that
    they run beside it; `result()` waits for it."""

    def __init__(self, name: str, edits: list[tuple[str, str, str]], command: list[str], env: dict):
        self.name, self.edits, self.command, self.env = name, edits, command, env
        self.process: subprocess.Popen | None = None

    def start(self, tmp_path_factory) -> None:
        if self.process is not None:
            return
        copy = tmp_path_factory.mktemp(self.name) / "project"
        shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
        for file, text, replacement in self.edits:
            content = (copy / file).read_text(encoding="utf-8")
            assert text in content, f"{file} no longer contains {text!r}: update the edits of {self.name}"
            (copy / file).write_text(content.replace(text, replacement, 1), encoding="utf-8")
        self.site, self.log = copy.parent / "site", copy.parent / "build.log"
        command = [part.replace("{site}", str(self.site)) for part in self.command]
        with open(self.log, "w", encoding="utf-8") as log:
            self.process = subprocess.Popen([sys.executable, *command], cwd=copy, stdout=log,
                                            stderr=subprocess.STDOUT, env={**os.environ, **self.env})

    def result(self, tmp_path_factory) -> Build:
        self.start(tmp_path_factory)
        returncode = self.process.wait()
        output = self.log.read_text(encoding="utf-8")
        assert returncode == 0, f"the build of {self.name} failed:\n{output}"
        return Build(self.site, output, returncode)


#: The copy builds declared with `copy_build`, by fixture name.
COPY_BUILDS: dict[str, CopyBuild] = {}


def copy_build(name: str, edits: list[tuple[str, str, str]], command: list[str] | None = None,
               env: dict | None = None):
    """A session fixture `name` giving the Build of a project copy with `edits` applied (CopyBuild);
    assign it to that name in the test module: `changed = copy_build("changed", EDITS)`."""
    declared = COPY_BUILDS[name] = CopyBuild(name, edits, command or STRICT_BUILD, env or {})

    @pytest.fixture(scope="session", name=name)
    def fixture(tmp_path_factory) -> Build:
        return declared.result(tmp_path_factory)
    return fixture


def pytest_sessionfinish(session):
    for declared in COPY_BUILDS.values():   # a copy build nobody waited for (an aborted run)
        if declared.process is not None and declared.process.poll() is None:
            declared.process.kill()


#: One strict build of a project copy with every edit in ALTERATIONS applied, made the way an
#: operator publishes (scripts/build.py) and without SITE_URL (tests/test_site.py checks that such
#: a build names no local address).
altered_build = copy_build("altered_build", ALTERATIONS, command=["scripts/build.py", "--site-dir", "{site}"],
                           env={"SITE_URL": ""})


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project for builds with altered data or pages."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    return copy


@pytest.fixture(scope="session")
def nginx(site):
    """Debian's nginx with the shipped configuration (deploy/nginx/), serving the built site
    at the root and under the sub-path (tools/nginx_server.py)."""
    from tools.nginx_server import NginxError, NginxServer

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
