"""Every internal link and anchor of the built site resolves, in every language.
External links are listed in test-artifacts/external-links.txt, never fetched."""

from __future__ import annotations

from conftest import ROOT, SUBPATH
from tools.sitecrawl import check_links

SITE_URL = "http://127.0.0.1" + SUBPATH  # as the session build (conftest.build)


def test_every_internal_link_and_anchor_resolves(site):
    report = check_links(site, SITE_URL)
    assert report.pages >= 50 and report.internal > report.pages * 10, report.summary()
    out = ROOT / "test-artifacts" / "external-links.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report.external_text(), encoding="utf-8")
    assert report.broken == [], "broken internal links or anchors:\n" + "\n".join(report.broken)


def test_the_link_check_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="#top" id="top">ok</a>'
        '<a href="missing/">bad</a> <a href="a/#nowhere">bad</a> <img src="x.png">'
        '<a href="/amm-sub/a/">ok</a> <a href="http://127.0.0.1/amm-sub/gone/">bad</a>'
        '<a href="https://example.org/">external</a> <a href="mailto:x@example.org?subject=1">m</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    report = check_links(tmp_path, SITE_URL)
    assert len(report.broken) == 4, report.broken
    assert set(report.external) == {"https://example.org/",
                                    "mailto:x@example.org (with subject/body)"}
