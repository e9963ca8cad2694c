"""The shipped nginx configuration (deploy/nginx/), for real: Debian's nginx serves the built
site on 127.0.0.1 at the root and under a sub-path (tools/nginx_server.py)."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import LANG_CODES, lang_prefix
from tools.html import parse, parse_uncached, roots, text

HOSTINGS = ["root", "sub-path"]


def base(nginx, hosting: str) -> str:
    return nginx.root_url if hosting == "root" else nginx.sub_url


def fetch(url: str, gzip_ok: bool = True):
    """(status, headers, body as delivered, decoded body) without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        response = opener.open(request, timeout=10)
        status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    decoded = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    return status, headers, body, decoded


def csp(headers) -> dict[str, list[str]]:
    policy = headers.get("Content-Security-Policy") or ""
    return {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}


@pytest.mark.parametrize("hosting", HOSTINGS)
@pytest.mark.parametrize("path", ["", "ar/impressum/", "assets/site.css", "no-such-page/"])
def test_security_headers_on_every_answer(nginx, hosting, path):
    status, headers, _, _ = fetch(base(nginx, hosting) + path)
    assert status == (404 if path.startswith("no-such") else 200)
    policy = csp(headers)
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    for directive in ("style-src", "connect-src", "font-src"):
        assert policy[directive] == ["'self'"], directive
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert not any("unsafe-inline" in v or "'unsafe-eval'" in v or "*" in v or "http" in v
                   for values in policy.values() for v in values)
    assert re.fullmatch(r"max-age=\d{8,}.*", headers["Strict-Transport-Security"])
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert "nginx/" not in (headers.get("Server") or "")


@pytest.mark.parametrize("hosting", HOSTINGS)
@pytest.mark.parametrize("lang", LANG_CODES)
def test_missing_page_gets_the_404_page_of_its_language(nginx, hosting, lang):
    for missing in ("xyz", "gibt/es/nicht/", "impressum/xyz"):
        status, headers, _, body = fetch(base(nginx, hosting) + lang_prefix(lang) + missing)
        assert status == 404, missing
        doc = parse(body.decode("utf-8"))
        assert doc.css_first("html").attrs.get("lang") == lang, (lang, missing)
        expected = parse((nginx.site / lang_prefix(lang) / "404.html"))
        assert text(doc.css_first("h1")) == text(expected.css_first("h1"))
        assert headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("hosting", HOSTINGS)
def test_hidden_files_in_the_web_root_are_never_served(nginx, hosting):
    planted = {".env": "SECRET=1\n", ".git/config": "[core]\n", "assets/.htpasswd": "user:x\n",
               ".well-known/security.txt": "Contact: mailto:x@example.org\n"}
    for name, content in planted.items():
        (nginx.site / name).parent.mkdir(parents=True, exist_ok=True)
        (nginx.site / name).write_text(content, encoding="utf-8")
    try:
        for name in (".env", ".git/config", ".git/", "assets/.htpasswd", "%2Eenv", ".git%2Fconfig"):
            status, _, _, body = fetch(base(nginx, hosting) + name)
            assert status == 404, name
            assert b"SECRET" not in body and b"[core]" not in body and b"user:x" not in body, name
        status, _, _, body = fetch(base(nginx, hosting) + ".well-known/security.txt")
        assert (status, body) == (200, b"Contact: mailto:x@example.org\n")
    finally:
        for name in (".env", ".git", "assets/.htpasswd", ".well-known"):
            path = nginx.site / name
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def test_missing_fingerprinted_file_is_not_cached(nginx):
    status, headers, _, _ = fetch(nginx.sub_url + "assets/javascripts/bundle.00000000.min.js")
    assert status == 404 and headers["Cache-Control"] == "no-cache"


def _fingerprinted(site: Path) -> list[str]:
    files = [p for p in site.rglob("*") if p.is_file()]
    hashed = [p for p in files if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", p.name)]
    hashed += [p for p in files if p.parent.name in ("index", "fragment")
               and p.parent.parent.name == "pagefind"]
    hashed += [p for p in (site / "pagefind").glob("pagefind.*_*.pf_meta")]
    return sorted(p.relative_to(site).as_posix() for p in hashed)


def test_fingerprinted_files_are_cached_for_a_year_own_assets_an_hour_the_rest_revalidates(
        nginx, site):
    hashed = _fingerprinted(site)
    kinds = {name.rsplit(".", 1)[-1] for name in hashed}
    assert {"js", "css", "pf_index", "pf_fragment", "pf_meta"} <= kinds
    for name in hashed:
        status, headers, _, _ = fetch(nginx.sub_url + name)
        assert status == 200, name
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable", name
    for name in ("assets/site.css", "assets/search.js", "assets/material-base.js",
                 "assets/favicon.svg"):
        status, headers, _, _ = fetch(nginx.sub_url + name)
        assert status == 200 and headers["Cache-Control"] == "public, max-age=3600", name
    for name in ("", "impressum/", "ar/", "pagefind/pagefind.js", "pagefind/pagefind-ui.js",
                 "pagefind/pagefind-entry.json", "pagefind/wasm.de.pagefind", "sitemap.xml",
                 *[p.relative_to(site).as_posix() for p in site.glob("assets/*/*.min.*.map")]):
        status, headers, _, _ = fetch(nginx.sub_url + name)
        assert status == 200, name
        assert headers["Cache-Control"] == "no-cache", name
        assert headers.get("ETag") or headers.get("Last-Modified"), name


@pytest.mark.parametrize("path, mime", [
    ("", "text/html"), ("assets/site.css", "text/css"),
    ("assets/search.js", "application/javascript"), ("pagefind/pagefind-entry.json", "application/json"),
    ("sitemap.xml", "text/xml")])
def test_text_is_compressed_with_gzip(nginx, path, mime):
    status, headers, body, decoded = fetch(nginx.sub_url + path)
    assert status == 200 and headers["Content-Type"].startswith(mime)
    assert headers.get("Content-Encoding") == "gzip", path
    assert "Accept-Encoding" in (headers.get("Vary") or "")
    assert len(body) < len(decoded)
    _, plain_headers, plain, _ = fetch(nginx.sub_url + path, gzip_ok=False)
    assert plain_headers.get("Content-Encoding") is None and plain == decoded


def test_pagefind_files_are_not_compressed_twice(nginx, site):
    chunk = next((site / "pagefind" / "index").iterdir()).name
    status, headers, body, _ = fetch(nginx.sub_url + "pagefind/index/" + chunk)
    assert status == 200 and headers.get("Content-Encoding") is None
    assert body[:2] == b"\x1f\x8b"   # Pagefind's own gzip


@pytest.mark.parametrize("hosting", HOSTINGS)
def test_address_without_slash_redirects_relatively(nginx, hosting):
    status, headers, _, _ = fetch(base(nginx, hosting) + "impressum")
    prefix = "/" if hosting == "root" else nginx.subpath
    assert status == 301 and headers["Location"] == prefix + "impressum/"


JAVASCRIPT_TYPES = {"text/javascript", "application/javascript", "module", "text/ecmascript",
                    "application/ecmascript"}


def test_pages_have_no_inline_scripts_or_styles(site):
    """The CSP allows neither. Scripts of a data type (Material's configuration in
    application/json, JSON-LD in application/ld+json) are not executed and not affected."""
    offenders = []
    for file in site.rglob("*.html"):
        # elements in <template>s too: the page's scripts insert them
        for node in (n for r in roots(parse_uncached(file)) for n in r.css("*")):
            if node.tag == "script" and not node.attrs.get("src") \
                    and (node.attrs.get("type") or "text/javascript") in JAVASCRIPT_TYPES:
                offenders.append(f"{file.relative_to(site)}: inline <script>")
            elif node.tag == "style" or "style" in node.attrs:
                offenders.append(f"{file.relative_to(site)}: inline style on <{node.tag}>")
            elif any(a.startswith("on") for a in node.attrs):
                offenders.append(f"{file.relative_to(site)}: event handler on <{node.tag}>")
    assert offenders == []


def test_the_shipped_server_blocks_pass_nginx_t(nginx, tmp_path):
    """deploy/nginx/amm.conf with a throw-away certificate is valid nginx configuration."""
    from tools.nginx_server import DEPLOY, MIME_TYPES, NGINX

    if not shutil.which("openssl"):
        pytest.fail("openssl is needed to make a test certificate (apt-get install openssl)")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=www.example.org", "-keyout", str(tmp_path / "privkey.pem"),
                    "-out", str(tmp_path / "fullchain.pem")], check=True, capture_output=True)
    server = (DEPLOY / "amm.conf").read_text(encoding="utf-8")
    server = server.replace("/etc/letsencrypt/live/www.example.org", str(tmp_path))
    server = server.replace("/var/log/nginx/amm.access.log", str(tmp_path / "access.log"))
    server = server.replace("include snippets/amm-site.conf", f"include {DEPLOY}/amm-site.conf")
    (tmp_path / "amm.conf").write_text(server, encoding="utf-8")
    mime = next(p for p in MIME_TYPES if p.exists())
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ include {mime}; client_body_temp_path {tmp_path}/b; "
        f"proxy_temp_path {tmp_path}/p; fastcgi_temp_path {tmp_path}/f; uwsgi_temp_path "
        f"{tmp_path}/u; scgi_temp_path {tmp_path}/s; access_log off;\n"
        f"include {DEPLOY}/amm-http.conf; include {tmp_path}/amm.conf; }}\n", encoding="utf-8")
    result = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                             "-e", str(tmp_path / "error.log")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "[emerg]" not in result.stderr



@pytest.mark.browser
def test_the_browser_enforces_the_csp_and_the_tests_notice_violations(browser, server):
    """Every browser test fails on a CSP violation (conftest.watch_csp); make sure one is seen."""
    from conftest import watch_csp

    ctx = browser.new_context()
    blocked = watch_csp(ctx)
    page = ctx.new_page()
    page.goto(server)
    # an inserted inline script runs at once when allowed; the violation report is awaited as an event
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        ran = page.evaluate("""() => {
            window.__inlineRan = false;
            const script = document.createElement('script');
            script.textContent = 'window.__inlineRan = true';
            document.head.append(script);
            return window.__inlineRan;
        }""")
    ctx.close()
    assert ran is False
    assert any("Content Security Policy" in message for message in blocked)


@pytest.mark.parametrize("hosting", HOSTINGS)
def test_the_service_worker_is_served_fresh_from_the_site_root_and_allowed_by_the_csp(nginx, hosting):
    status, headers, _, body = fetch(base(nginx, hosting) + "sw.js")
    assert status == 200
    assert headers["Content-Type"].startswith(("application/javascript", "text/javascript"))
    assert headers["Cache-Control"] == "no-cache"            # a rebuilt site's worker is seen at once
    assert "Service-Worker-Allowed" not in headers            # scope: the folder it is in, the site root
    assert b"__AMM_VERSION__" not in body and b"__AMM_CORE__" not in body
    policy = csp(fetch(base(nginx, hosting))[1])
    assert policy["worker-src"] == ["'self'"] and policy["script-src"][0] == "'self'"
