"""Competent bodies for the recognition of foreign qualifications in Saxony (data/recognition.yaml).

`groups` are profession groups (names in every language, whether the professions are regulated);
`bodies` the bodies that decide or advise, each with the groups it covers, the region, what it does,
and only the contact data a source gives (website, e-mail, postal). Every body needs sources.
The build renders the table "Wer ist zuständig?" and the lookup by profession group from it
(amm/recognition/markers.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from amm.core.errors import Problem
from amm.core.fields import Checker, PartialDate
from amm.core.site import Source
from amm.core.yamlfile import load_yaml

ROLES = ("decides", "advises")
REGULATED = ("yes", "no", "partly", "depends")
LABELS = ("confirmed", "reported", "unconfirmed")
GROUP_FIELDS = ("name", "regulated")
BODY_FIELDS = ("id", "name", "role", "groups", "area", "task", "website", "email", "postal",
               "sources", "label", "note")
TOP_FIELDS = ("groups", "bodies")


@dataclass(frozen=True)
class Group:
    id: str
    name: dict[str, str]
    regulated: str


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    role: str
    groups: tuple[str, ...]
    area: dict[str, str]
    task: dict[str, str]
    website: str
    email: str
    postal: str
    sources: tuple[str, ...]
    label: str
    note: dict[str, str]


@dataclass
class Recognition:
    groups: dict[str, Group]
    bodies: list[Body]

    def deciding(self, group: str) -> list[Body]:
        return [b for b in self.bodies if b.role == "decides" and group in b.groups]

    def advising(self) -> list[Body]:
        return [b for b in self.bodies if b.role == "advises"]


def newest(sources: dict[str, Source], ids: tuple[str, ...]) -> PartialDate | None:
    dates = [sources[s].date for s in ids if s in sources]
    return max(dates) if dates else None


def load_recognition(path: Path, sources: dict[str, Source], languages: list[str], *,
                     today: dt.date | None = None) -> tuple[Recognition, list[Problem]]:
    """data/recognition.yaml, checked against the sources. Returns the data and the problems found."""
    chk = Checker(path, today)
    data = chk.mapping(load_yaml(path), "")
    chk.unknown(data, TOP_FIELDS, "")

    groups: dict[str, Group] = {}
    for gid, gdata in chk.mapping(data.get("groups"), "groups", "groups").items():
        entry = f"Berufsgruppe {gid}"
        chk.ident(gid, entry)
        gdata = chk.mapping(gdata, entry, "")
        chk.unknown(gdata, GROUP_FIELDS, entry)
        name = chk.i18n_text(gdata, "name", entry, languages)
        for lang in languages:
            if name and lang not in name:
                chk.add(entry, f"name.{lang}", f"Der Name fehlt in der Sprache „{lang}“.",
                        f"The name is missing in language '{lang}'.",
                        f"Unter name eine Zeile „{lang}: …“ ergänzen (die Kurzanleitung für Mentees "
                        "zeigt die Berufsgruppen in allen Sprachen).", at=gdata)
        groups[str(gid)] = Group(str(gid), name, chk.choice(gdata, "regulated", entry, REGULATED))

    bodies: list[Body] = []
    for bid, entry, bdata in chk.entries(data.get("bodies"), "bodies", "Stelle", BODY_FIELDS, numbered_by="Stelle"):
        group_ids = tuple(str(g) for g in chk.listing(bdata.get("groups"), entry, "groups"))
        if not group_ids:
            chk.add(entry, "groups", "Jede Stelle braucht mindestens eine Berufsgruppe.",
                    "Every body needs at least one profession group.",
                    "z. B. groups: [handwerk] (Kennungen unter groups oben).", at=bdata)
        for gid in group_ids:
            chk.reference(gid, groups, entry, "groups", "profession group", "data/recognition.yaml (groups)")
        source_ids = tuple(str(s) for s in chk.listing(bdata.get("sources"), entry, "sources"))
        if not source_ids:
            chk.add(entry, "sources", "Jede Stelle braucht mindestens eine Quelle.",
                    "Every body needs at least one source.",
                    "Die Seite, auf der die Zuständigkeit steht, in data/sources.yaml eintragen und "
                    "ihre Kennung hier unter sources nennen.", at=bdata)
        for sid in source_ids:
            chk.source(sid, sources, entry, "sources")
        bodies.append(Body(
            bid, chk.text(bdata, "name", entry), chk.choice(bdata, "role", entry, ROLES), group_ids,
            chk.i18n_text(bdata, "area", entry, languages),
            chk.i18n_text(bdata, "task", entry, languages),
            chk.url(bdata, "website", entry, required=False),
            chk.email(bdata, "email", entry, required=False),
            chk.text(bdata, "postal", entry, required=False),
            source_ids, chk.choice(bdata, "label", entry, LABELS),
            chk.i18n_text(bdata, "note", entry, languages, required=False)))
    for gid in groups:
        if not any(b.role == "decides" and gid in b.groups for b in bodies):
            chk.add(f"Berufsgruppe {gid}", "", "Für diese Berufsgruppe ist keine entscheidende Stelle eingetragen.",
                    "No deciding body is listed for this profession group.",
                    "Unter bodies eine Stelle mit role: decides und dieser Gruppe ergänzen.")
    return Recognition(groups, bodies), chk.problems
