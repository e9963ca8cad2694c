"""Generate the directory pages (Markdown sources for every language) and the exports.

Pages are rendered from Jinja templates in templates/directory/ and written as real files to
docs/verzeichnis/ (not tracked by git), so the i18n plugin treats them like any other page:
page.md for German, page.<lang>.md for the other languages. Files are only rewritten when
their content changed, so `mkdocs serve` does not rebuild in a loop.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
from pathlib import Path
from urllib.parse import quote, urljoin

import jinja2
import segno
import yaml
from markupsafe import Markup

from amm.build import BuildData
from amm.directory import exports
from amm.directory import offices as office_views
from amm.directory import views
from amm.directory.model import Contact, Project
from amm.places import index as places

FOLDER = "verzeichnis"
GENERATED_NOTE = "<!-- Generated from data/*.yaml by amm/directory/pages.py. Do not edit: edit the data. -->\n"


def environment(root: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([root / "templates", root / "overrides"]),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["json_script"] = json_for_script
    env.filters["phase"] = lambda value: value.replace("-", "–")  # 2025-2027 -> 2025–2027
    return env


def json_for_script(value) -> Markup:
    """JSON safe to place inside <script>: no markup-significant characters survive."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return Markup(text)


def page_name(slug: str, lang: str, default: str) -> str:
    return f"{FOLDER}/{slug}.md" if lang == default else f"{FOLDER}/{slug}.{lang}.md"


def page_url(site_url: str, slug: str, lang: str, default: str) -> str:
    prefix = "" if lang == default else f"{lang}/"
    path = f"{FOLDER}/" if slug == "index" else f"{FOLDER}/{slug}/"
    return urljoin(site_url, prefix + path)


def qr_svg(url: str, title: str) -> Markup:
    return Markup(_qr_svg(url, title))


@functools.lru_cache(maxsize=1024)
def _qr_svg(url: str, title: str) -> str:
    """Kept for the next build of the same process (`mkdocs serve` regenerates every directory
    page on each save; segno tries all eight masks of each code, 3-5 ms a code)."""
    return segno.make(url, error="m").svg_inline(scale=3, title=title, svgclass="amm-qr", lineclass=None,
                                                 dark="#000")


def _front_matter(**meta) -> str:
    # The theme prints title and description without escaping (<title>, header, meta
    # description attribute), so data text goes in as HTML-escaped text.
    meta = {k: html.escape(v, quote=True) if isinstance(v, str) else v for k, v in meta.items()}
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def osm_link(contact: Contact) -> str:
    a = contact.address
    return "https://www.openstreetmap.org/search?query=" + quote(f"{a.street}, {a.postcode} {a.city}")


def json_ld(data: BuildData, project: Project, label: str, url: str | None) -> dict:
    """schema.org description of a project page (only known values; no url without site_url)."""
    d = data.directory
    org: dict = {"@context": "https://schema.org", "@type": "Organization", "name": label,
                 "parentOrganization": {"@type": "Organization", "name": "Arbeitsmarktmentoren Sachsen"}}
    if url:
        org["url"] = url
    if project.coverage:
        org["areaServed"] = [{"@type": "AdministrativeArea", "name": d.districts[k].name}
                             for k in dict.fromkeys(project.districts)]
    if project.website:
        org["sameAs"] = project.website.url
    contacts = views.current_contacts(d, project)
    if contacts:
        c = contacts[0]
        if c.address:
            org["address"] = {"@type": "PostalAddress", "streetAddress": c.address.street,
                              "postalCode": c.address.postcode, "addressLocality": c.address.city,
                              "addressCountry": "DE"}
        if c.phone:
            org["telephone"] = c.phone.e164
        if c.email:
            org["email"] = c.email
    return org


def template_context(data: BuildData, lang: str, today: dt.date) -> dict:
    """What every directory template sees: the model, the texts of the page language, helpers."""
    d = data.directory
    ui = data.ui.for_language(lang)
    return dict(d=d, ui=ui, lang=lang, lang_depth=0 if lang == data.default_language else 1,
                labels={p.id: views.project_label(d, p, ui) for p in d.projects.values()},
                views=views, today=today, limit=data.site.freshness["contacts_months"],
                sources=data.site.sources, loc=lambda text: views.localized(text, lang),
                osm_link=osm_link, links=data.site.links, coordination=d.coordination(),
                offices=data.offices, ui_de=data.ui.for_language(data.default_language))


def widget(data: BuildData, env: jinja2.Environment, name: str, lang: str, *, page_url: str,
           today: dt.date) -> str:
    """A directory widget (finder, map) for a hand-written page at page_url (e.g. "en/mentor-finden/")."""
    depth = page_url.count("/")
    in_lang = depth - (0 if lang == data.default_language else 1)
    context = template_context(data, lang, today)
    return env.get_template(f"directory/{name}.html").render(
        **context, dir_prefix="../" * in_lang + f"{FOLDER}/", root="../" * depth)


def directory_pages(data: BuildData, env: jinja2.Environment, *, site_url: str,
                    today: dt.date) -> dict[str, str]:
    """Every generated page: relative path under docs/ -> Markdown source."""
    d = data.directory
    default = data.default_language
    pages: dict[str, str] = {}
    limit = data.site.freshness["contacts_months"]
    for lang in data.languages:
        common = template_context(data, lang, today)
        ui, labels = common["ui"], common["labels"]
        render = lambda name, **extra: env.get_template(f"directory/{name}").render(**common, **extra)

        pages[page_name("index", lang, default)] = _front_matter(
            title=ui["dir_title"], description=ui["dir_intro"][:150]) + render("overview.html", rel_prefix="")
        for project in d.projects.values():
            # Without the public address (site_url empty) no QR code and no printed address:
            # a handout must never point to a local preview.
            url = page_url(site_url or "/", project.id, lang, default)
            body = render("project.html", rel_prefix="../", p=project, label=labels[project.id],
                          page_sources=views.project_sources(project, d),
                          qr=qr_svg(url, ui["qr_caption"] + " " + url) if site_url else None,
                          url=url if site_url else None,
                          jsonld=json_ld(data, project, labels[project.id], url if site_url else None))
            pages[page_name(project.id, lang, default)] = _front_matter(
                title=labels[project.id], description=views.localized(project.description, lang)[0][:150]
            ) + body
        for district in d.districts.values():
            title = ui["district_title"].format(district=district.name)
            pages[page_name(f"kreis-{district.slug}", lang, default)] = _front_matter(
                title=title, description=ui["district_intro"]) + render(
                "district.html", rel_prefix="../", district=district, projects=d.for_district(district.key),
                title=title, page_sources=office_views.district_source_ids(data.offices, district.key, d.contacts))
            url = page_url(site_url, f"kreis-{district.slug}", lang, default)
            slip_title = ui["slip_title"].format(district=district.name)
            pages[page_name(f"zettel-{district.slug}", lang, default)] = _front_matter(
                title=slip_title, search_exclude=True) + render(
                "slip.html", rel_prefix="../", district=district, projects=d.for_district(district.key),
                qr=qr_svg(url, ui["qr_caption"] + " " + url), url=url,
                data_date=office_views.data_date(data.offices, district.key))
    ui_de = data.ui.for_language(default)
    rows = views.data_status(d, ui_de, data.languages, today, limit)
    requests = data_requests(data, rows, today)
    pages[page_name("datenstand", default, default)] = _front_matter(
        title="Datenstand des Verzeichnisses", search_exclude=True) + env.get_template(
        "directory/data_status.html").render(rows=rows, today=today, limit=limit, d=d, requests=requests,
                                             offices=data.offices, ui=ui_de,
                                             districts=views.districts_sorted(d), types=office_views.TYPES,
                                             gap_count=sum(not row.offices for x in d.districts
                                                           for row in data.offices.for_district(x)))
    for request in requests.values():
        pages[page_name(request.slug, default, default)] = _front_matter(
            title=request.subject, search_exclude=True) + env.get_template("directory/request.html").render(
            request=request, today=today, kinds=views.KIND_WORDS)
    return {path: GENERATED_NOTE + text if not text.startswith("---") else
            text.replace("---\n\n", "---\n\n" + GENERATED_NOTE, 1) for path, text in pages.items()}


def data_requests(data: BuildData, rows: list[views.StatusRow], today: dt.date) -> dict[str, views.Request]:
    """Requests to the programme coordination: one per project and one per district with open asks.
    Keys: "projekt-<id>" and "kreis-<key>"."""
    d = data.directory
    limit = data.site.freshness["contacts_months"]
    ui_de = data.ui.for_language(data.default_language)
    feedback = data.site.feedback_email
    reply = feedback if feedback and "@" in feedback else ""
    requests = {}
    for row in rows:
        if row.asks:
            requests[f"projekt-{row.project.id}"] = views.Request(
                f"anfrage-projekt-{row.project.id}", f"Angaben für das Verzeichnis: {row.label}",
                f"„{row.label}“", row.asks, reply)
    for district in views.districts_sorted(d):
        asks = office_views.district_asks(data.offices, district.key, data.site.sources, ui_de, today, limit)
        if asks:
            requests[f"kreis-{district.key}"] = views.Request(
                f"anfrage-kreis-{district.slug}", f"Ämter und Beratungsstellen für {district.name}",
                f"den Ämtern und Beratungsstellen für Menschen in {district.name}", asks, reply)
    return requests


def write_pages(docs_dir: Path, pages: dict[str, str]) -> int:
    """Write changed pages, delete stale generated ones; returns how many files changed."""
    folder = docs_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    changed = 0
    for rel_path, text in pages.items():
        target = docs_dir / rel_path
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            changed += 1
    wanted = {docs_dir / p for p in pages}
    for old in folder.glob("*.md"):
        if old not in wanted:
            old.unlink()
            changed += 1
    return changed


# --- exports ------------------------------------------------------------------------------

def _vcard_escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 6350 3.2), never inside a UTF-8 sequence."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def vcard(contact, verified: str) -> str:
    """A vCard 3.0 of a contact (contacts.yaml) or an office (offices.yaml)."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_vcard_escape(contact.name)}",
             f"N:{_vcard_escape(contact.name)};;;;", f"ORG:{_vcard_escape(contact.name)}"]
    if contact.address:
        a = contact.address
        lines.append(f"ADR;TYPE=WORK:;;{_vcard_escape(a.street)};{_vcard_escape(a.city)};;"
                     f"{_vcard_escape(a.postcode)};Deutschland")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{contact.phone.e164}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{contact.email}")
    if contact.website:
        lines.append(f"URL:{contact.website}")
    lines.append(f"NOTE:{_vcard_escape(verified)}")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _sources_out(data: BuildData, used) -> dict[str, exports.Source]:
    sources = data.site.sources
    return {s: exports.Source(title=sources[s].title, url=sources[s].url, date=sources[s].date.iso(),
                              consulted=sources[s].consulted) for s in sorted(used)}


def projects_json(data: BuildData, *, site_url: str) -> dict:
    """The public export verzeichnis/projects.json (schema: schemas/projects.schema.json, generated
    from amm/directory/exports.py)."""
    d = data.directory
    ui = data.ui.for_language(data.default_language)

    def contact(c: Contact) -> exports.Contact:
        a = c.address
        return exports.Contact(
            id=c.id, name=c.name, phase=c.phase, verified_on=c.verified_on.iso(),
            vcard=urljoin(site_url, f"{FOLDER}/kontakte/{c.id}.vcf"), sources=list(c.sources),
            address=exports.Address(street=a.street, postcode=a.postcode, city=a.city) if a else None,
            phone=str(c.phone.number) if c.phone else None, email=c.email or None, website=c.website or None)

    projects = [exports.Project(
        id=p.id, kind=p.kind, name=p.name or None, label=views.project_label(d, p, ui), status=p.status,
        status_phase=p.status_phase or None,
        coverage=[exports.Coverage(district_key=c.district, district=d.districts[c.district].name,
                                   part=c.part or None, split_confirmed=c.split_confirmed) for c in p.coverage],
        operator=p.operator.name if p.operator else None, description=p.description,
        website=p.website.url if p.website else None, languages=p.languages,
        contacts=[contact(d.contacts[c]) for c in p.contacts], verified_on=p.verified_on.iso(),
        page=page_url(site_url, p.id, data.default_language, data.default_language),
        sources=views.project_sources(p, d)) for p in d.projects.values()]
    used = {s for p in projects for s in p.sources} | {s for p in projects for c in p.contacts for s in c.sources}
    return exports.ProjectsExport(
        schema_=urljoin(site_url, f"{FOLDER}/projects.schema.json"), current_phase=d.current_phase,
        districts=[exports.District(key=x.key, name=x.name, kind=x.kind,
                                    projects=[p.id for p in d.for_district(x.key)]) for x in d.districts.values()],
        projects=projects, sources=_sources_out(data, used)).model_dump(mode="json")


def _office_contact(office: office_views.Office) -> dict:
    a = office.address
    return {"address": {"street": a.street, "postcode": a.postcode or None, "city": a.city} if a else None,
            "phone": str(office.phone) if office.phone else None, "email": office.email or None,
            "website": office.website or None}


def offices_json(data: BuildData, *, site_url: str) -> dict:
    """The public export verzeichnis/offices.json (schema: schemas/offices-export.schema.json, generated
    from amm/directory/exports.py)."""
    model, d = data.offices, data.directory
    offices = [exports.Office(
        id=o.id, type=o.type, name=o.name, districts=list(d.districts) if o.statewide else o.districts,
        **_office_contact(o), by_appointment=o.by_appointment, opening_hours=o.opening_hours or None,
        note=o.note or None, vcard=urljoin(site_url, f"{FOLDER}/aemter/{o.id}.vcf"), sources=o.sources,
        verified_on=o.verified_on.iso()) for o in model.offices.values()]
    routes = []
    for r in model.routes.values():
        c = d.contacts[r.contact] if r.contact else None
        phone = r.phone or (c.phone.number if c and c.phone else None)
        routes.append(exports.Route(id=r.id, name=r.name, phone=str(phone) if phone else None,
                                    website=r.website or (c.website if c else "") or None))
    districts = [exports.OfficeDistrict(
        key=x.key, name=x.name,
        page=page_url(site_url, f"kreis-{x.slug}", data.default_language, data.default_language),
        types=[exports.OfficeType(type=row.type, offices=[o.id for o in row.offices],
                                  gap=None if row.offices else exports.Gap(route=row.gap.route,
                                                                           note=row.gap.note or None))
               for row in model.for_district(x.key)]) for x in d.districts.values()]
    used = ({s for o in model.offices.values() for s in o.sources} | {s for g in model.gaps for s in g.sources}
            | {s for r in model.routes.values() for s in r.sources})
    return exports.OfficesExport(
        schema_=urljoin(site_url, f"{FOLDER}/offices.schema.json"), types=list(office_views.TYPES),
        offices=offices, routes=routes, districts=districts, sources=_sources_out(data, used)).model_dump(mode="json")


def auslaenderbehoerden_json(data: BuildData, *, site_url: str) -> dict:
    """verzeichnis/auslaenderbehoerden.json: per district key the Ausländerbehörde (or the route to ask),
    for scripts in the browser such as the decision aid ("apply at: the Ausländerbehörde of ...").
    {"14612": {"district": "Dresden", "page": url, "offices": [{name, address, phone, email, website,
    by_appointment, opening_hours, verified_on, sources}], "gap": null | {"route": {...}}}}"""
    model, d = data.offices, data.directory
    routes = {r["id"]: r for r in offices_json(data, site_url=site_url)["routes"]}
    out = {}
    for x in d.districts.values():
        row = model.of_type(x.key, "auslaenderbehoerde")
        out[x.key] = {
            "district": x.name,
            "page": page_url(site_url, f"kreis-{x.slug}", data.default_language, data.default_language),
            "offices": [{"name": o.name, **_office_contact(o), "by_appointment": o.by_appointment,
                         "opening_hours": o.opening_hours or None, "verified_on": o.verified_on.iso(),
                         "sources": [data.site.sources[s].url for s in o.sources]} for o in row.offices],
            "gap": None if row.offices else {"route": routes[row.gap.route]}}
    return out


def write_exports(site_dir: Path, data: BuildData, root: Path, *, site_url: str) -> None:
    target = site_dir / FOLDER
    (target / "projects.json").write_text(
        json.dumps(projects_json(data, site_url=site_url), ensure_ascii=False, indent=1), encoding="utf-8")
    (target / "projects.schema.json").write_bytes((root / "schemas" / "projects.schema.json").read_bytes())
    for folder, items in (("kontakte", data.directory.contacts.values()), ("aemter", data.offices.offices.values())):
        (target / folder).mkdir(parents=True, exist_ok=True)
        for item in items:  # contacts and offices share the fields a vCard needs
            verified = f"Angaben zuletzt geprüft am {item.verified_on.iso()}; Quelle: " + ", ".join(
                data.site.sources[s].url for s in item.sources)
            (target / folder / f"{item.id}.vcf").write_text(vcard(item, verified), encoding="utf-8", newline="")
    (target / "offices.json").write_text(
        json.dumps(offices_json(data, site_url=site_url), ensure_ascii=False, indent=1), encoding="utf-8")
    (target / "offices.schema.json").write_bytes((root / "schemas" / "offices-export.schema.json").read_bytes())
    (target / "auslaenderbehoerden.json").write_text(
        json.dumps(auslaenderbehoerden_json(data, site_url=site_url), ensure_ascii=False, indent=1),
        encoding="utf-8")


def write_finder_data(site_dir: Path, data: BuildData) -> None:
    """assets/finder.json: the compact place index the finder loads (see amm/places/index.py)."""
    index = places.build_index(data.places, data.directory.districts)
    payload = places.finder_data(index, list(data.directory.districts))
    target = site_dir / "assets" / "finder.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
