"""Practice notes "Aus der Praxis" (data/practice_notes.yaml).

A note is general guidance with a title and a text (German required, English preferred), tags
(topic, status, audience) from a fixed vocabulary, and a required basis: sections of law (ids of
the norms in data/legal_rules.yaml) and/or public sources (ids from data/sources.yaml).

Every tag names the page it belongs to (a file under docs/); a page shows the notes whose tags
point to it (`Notes.for_page`). The build stops on an unknown tag, a page that does not exist or
a note without basis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from amm.core.errors import Problem
from amm.core.fields import Checker, outside_docs
from amm.core.site import Source
from amm.core.yamlfile import load_yaml

TAG_KINDS = ("topic", "status", "audience")
#: kinds a note needs at least one tag of (status: none means "any status")
REQUIRED_KINDS = ("topic", "audience")
NOTE_FIELDS = ("id", "title", "text", "tags", "basis")
TAG_FIELDS = ("page", "label")


@dataclass(frozen=True)
class Tag:
    kind: str
    id: str
    page: str
    label: dict[str, str]


@dataclass(frozen=True)
class Note:
    id: str
    title: dict[str, str]
    text: dict[str, str]
    tags: dict[str, tuple[str, ...]]
    norms: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass
class Notes:
    tags: dict[str, dict[str, Tag]]
    notes: list[Note]

    def pages(self) -> set[str]:
        """Every page a tag points to (docs paths, e.g. recht/duldung.md)."""
        return {tag.page for kind in self.tags.values() for tag in kind.values()}

    def for_page(self, docs_path: str) -> list[Note]:
        """The notes with a tag that points to this page, in file order."""
        return [n for n in self.notes
                if any(self.tags[k][t].page == docs_path for k, ids in n.tags.items() for t in ids)]


def load_notes(path: Path, *, sources: dict[str, Source], norms: Collection[str] | None,
               languages: list[str], docs: Path | None = None,
               today: dt.date | None = None) -> tuple[Notes, list[Problem]]:
    """data/practice_notes.yaml. `norms` None: the legal rules did not load, norm ids are not checked.
    `docs`: the docs folder, where the pages of the tags must exist (None: not checked)."""
    chk = Checker(path, today)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, ("tags", "notes"), "")

    tags: dict[str, dict[str, Tag]] = {}
    tdata = chk.mapping(data.get("tags"), "tags", "tags")
    chk.unknown(tdata, TAG_KINDS, "tags")
    for kind in TAG_KINDS:
        tags[kind] = {}
        for tid, tag in chk.mapping(tdata.get(kind), f"tags: {kind}", kind).items():
            entry = f"Schlagwort {kind}: {tid}"
            chk.ident(tid, entry)
            tag = chk.mapping(tag, entry, "")
            chk.unknown(tag, TAG_FIELDS, entry)
            page = chk.text(tag, "page", entry)
            if page and (not page.endswith(".md") or outside_docs(page)):
                chk.add(entry, "page", f"„{page}“ ist keine Seite.", f"'{page}' is not a page.",
                        "Den Pfad einer Seite unter docs/ eintragen, z. B. recht/duldung.md.", at=tag)
            elif page and docs is not None and not (docs / page).is_file():
                chk.add(entry, "page", f"Die Seite docs/{page} gibt es nicht.",
                        f"The page docs/{page} does not exist.",
                        "Den Pfad einer vorhandenen Seite unter docs/ eintragen, z. B. recht/duldung.md.", at=tag)
            label = chk.i18n_text(tag, "label", entry, languages)
            missing = [lang for lang in languages if label and lang not in label]
            if missing:
                chk.add(entry, "label", "Die Bezeichnung fehlt in: " + ", ".join(missing) + ".",
                        "The label is missing in: " + ", ".join(missing) + ".",
                        "Eine Bezeichnung für jede Sprache eintragen (der Filter zeigt sie in allen Sprachen).",
                        at=tag)
            tags[kind][str(tid)] = Tag(kind, str(tid), page, label)

    notes: list[Note] = []
    for nid, entry, ndata in chk.entries(data.get("notes"), "notes", "Notiz", NOTE_FIELDS, numbered_by="Notiz"):
        title = chk.i18n_text(ndata, "title", entry, languages)
        text = chk.i18n_text(ndata, "text", entry, languages)
        tagdata = chk.mapping(ndata.get("tags"), entry, "tags")
        chk.unknown(tagdata, TAG_KINDS, f"{entry}, tags")
        note_tags: dict[str, tuple[str, ...]] = {}
        for kind in TAG_KINDS:
            value = tagdata.get(kind, [])
            ids = tuple(str(v) for v in (value if isinstance(value, list) else [value]))
            if kind in REQUIRED_KINDS and not ids:
                chk.add(entry, f"tags.{kind}", f"Jede Notiz braucht mindestens ein Schlagwort unter {kind}.",
                        f"Every note needs at least one {kind} tag.",
                        f"z. B. {kind}: [{next(iter(tags[kind]), '…')}]", at=ndata)
            for tid in ids:
                if tid not in tags[kind]:
                    chk.add(entry, f"tags.{kind}", f"Das Schlagwort „{tid}“ gibt es unter tags: {kind} nicht.",
                            f"There is no {kind} tag '{tid}'.",
                            "Eines davon verwenden: " + ", ".join(sorted(tags[kind]))
                            + " (oder das Schlagwort oben unter tags mit seiner Seite anlegen).", at=ndata)
            note_tags[kind] = tuple(t for t in ids if t in tags[kind])
        basis = chk.mapping(ndata.get("basis"), entry, "basis")
        chk.unknown(basis, ("norms", "sources"), f"{entry}, basis")
        norm_ids = tuple(str(v) for v in chk.listing(basis.get("norms"), entry, "basis.norms"))
        source_ids = tuple(str(v) for v in chk.listing(basis.get("sources"), entry, "basis.sources"))
        if not norm_ids and not source_ids:
            chk.add(entry, "basis", "Jede Notiz braucht eine Grundlage: einen Paragrafen oder eine Quelle.",
                    "Every note needs a basis: a section of law or a public source.",
                    "basis: {norms: [aufenthg_60c], sources: [zbs_pflichten]} – Kennungen aus "
                    "data/legal_rules.yaml (norms) bzw. data/sources.yaml.", at=ndata)
        if norms is not None:
            for norm in norm_ids:
                chk.reference(norm, norms, entry, "basis.norms", "norm", "data/legal_rules.yaml (norms)")
        for sid in source_ids:
            chk.source(sid, sources, entry, "basis.sources")
        notes.append(Note(nid, title, text, note_tags, norm_ids, source_ids))
    return Notes(tags, notes), chk.problems
