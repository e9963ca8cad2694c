"""The public exports verzeichnis/projects.json and verzeichnis/offices.json as models: the export is
`model_dump`, its published schema (schemas/projects.schema.json, schemas/offices-export.schema.json)
is generated from the same classes (amm/build.py EXPORTS, scripts/write_schemas.py).

Values that are not known are null (or, in a contact, absent); nothing is guessed. Texts for people
are objects keyed by language code, German (de) always present."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic.json_schema import SkipJsonSchema

from amm.core.fields import ID_RE, POSTCODE_RE
from amm.core.model import PARTIAL_DAY_SCHEMA, PHASE_RE
from amm.directory.model import DISTRICT_KEY, DISTRICT_KINDS, KINDS, STATUSES
from amm.directory.offices import TYPES

Id = Annotated[str, WithJsonSchema({"type": "string", "pattern": ID_RE.pattern})]
Phase = Annotated[str, WithJsonSchema({"type": "string", "pattern": PHASE_RE.pattern})]
Day = Annotated[str, WithJsonSchema({"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})]
Uri = Annotated[str, WithJsonSchema({"type": "string", "format": "uri"})]
Key = Annotated[str, WithJsonSchema(DISTRICT_KEY)]
Texts = Annotated[dict[str, str], WithJsonSchema({
    "type": "object", "required": ["de"], "additionalProperties": {"type": "string"},
    "propertyNames": {"pattern": "^[a-z]{2}$"}})]


def enum(*values: str):
    return Annotated[str, WithJsonSchema({"enum": list(values)})]


def absent(default=None):
    """An optional value of a contact: left out of the export when unknown (never null)."""
    return Field(default, exclude_if=lambda v: v is None)


class Export(BaseModel):
    model_config = ConfigDict(extra="forbid", serialize_by_alias=True, validate_by_name=True)


class Source(Export):
    title: str
    url: Uri
    date: Annotated[str, WithJsonSchema(PARTIAL_DAY_SCHEMA["anyOf"][0] | {
        "description": "Date the source shows (year, month or day); if consulted is true, the day it was "
                       "consulted."})]
    consulted: bool


class Address(Export):
    street: str
    postcode: Annotated[str, WithJsonSchema({"type": "string", "pattern": POSTCODE_RE.pattern})]
    city: str


class Contact(Export):
    id: Id
    name: str
    phase: Phase = Field(description="The phase the source states this contact for.")
    verified_on: Day
    vcard: Uri
    sources: list[Id]
    address: Address | SkipJsonSchema[None] = absent()
    phone: str | SkipJsonSchema[None] = absent()
    email: Annotated[str, WithJsonSchema({"type": "string", "format": "email"})] | SkipJsonSchema[None] = absent()
    website: Uri | SkipJsonSchema[None] = absent()


class Coverage(Export):
    district_key: Key
    district: str
    part: Texts | None = Field(description="Which part of the district, where a district has several projects.")
    split_confirmed: bool


class Project(Export):
    id: Id
    kind: enum(*KINDS)
    name: str | None = Field(description="The project's own name, null where not known.")
    label: str = Field(description="The name shown on the site (descriptive where the name is not known).")
    status: enum(*STATUSES) = Field(description="current: confirmed for the current phase; earlier_phase: only "
                                                "known from status_phase; unknown: no operator in the sources.")
    status_phase: Phase | None
    coverage: list[Coverage]
    operator: str | None
    description: Texts
    website: Uri | None
    languages: list[str] = Field(description="Languages offered in counselling (only where a source states them).")
    contacts: list[Contact]
    verified_on: Day
    page: Uri
    sources: list[Id] = Field(description="Keys into the top-level sources.")


class District(Export):
    key: Key = Field(description="Official five-digit district key.")
    name: str
    kind: enum(*DISTRICT_KINDS)
    projects: list[Id] = Field(min_length=1)


class ProjectsExport(Export):
    """Export of the referral directory: the regional projects, the programme coordination and the former
    content-support project, with their districts, contacts and sources. Values that are not known are null
    or absent; nothing is guessed. Texts for people are objects keyed by language code (German 'de' always
    present)."""

    schema_: Uri = Field(alias="schema", description="URL of this schema.")
    current_phase: Phase = Field(description="The programme's current funding phase.")
    districts: list[District] = Field(min_length=1, description="The districts (Landkreise and kreisfreie "
                                                                "Städte) of Saxony and the projects serving each.")
    projects: list[Project] = Field(min_length=1)
    sources: dict[str, Source]


# --- offices.json ------------------------------------------------------------------------------

class OfficeAddress(Export):
    street: str
    postcode: str | None
    city: str


class Office(Export):
    id: Id
    type: enum(*TYPES)
    name: str
    districts: list[str]
    address: OfficeAddress | None
    phone: str | None
    email: str | None
    website: Uri | None
    by_appointment: bool
    opening_hours: Texts | None = None
    note: Texts | None = None
    vcard: Uri
    sources: list[Id] = Field(min_length=1)
    verified_on: Day


class Route(Export):
    id: Id
    name: str
    phone: str | None
    website: Uri | None


class Gap(Export):
    route: Id
    note: Texts | None


class OfficeType(Export):
    type: enum(*TYPES)
    offices: list[Id]
    gap: Gap | None


class OfficeDistrict(Export):
    key: Key
    name: str
    page: Uri
    types: list[OfficeType]


class OfficesExport(Export):
    """Arbeitsmarktmentoren Sachsen: public offices and counselling services per district of Saxony,
    or, where none is known, the route to ask instead."""

    schema_: Uri = Field(alias="schema")
    types: list[enum(*TYPES)]
    offices: list[Office]
    routes: list[Route]
    districts: list[OfficeDistrict]
    sources: dict[str, Source]
