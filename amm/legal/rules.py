"""Rules on access to work and training by residence status (data/legal_rules.yaml).

One source of truth. The file holds
- `norms`: the sections of law the rules cite, each with its link to the law text;
- `columns` and `values`: what a rule is about (job, training, ...) and the answer vocabulary;
- `rows`: one row per status and situation, one cell per column: value, optional note, cited
  norms, and a label (confirmed / reported / unconfirmed) with the sources behind it (ids of
  data/sources.yaml, with their dates);
- `check`: the decision aid "Arbeitsmarktzugang-Check", modelled on GOV.UK Smart Answers:
  questions with options, the rule that picks the next question, and outcomes.

An outcome of the check is either a row (the situation the answers describe; the activity the
person asked about selects the cell) or a special outcome with its own text. From the same data
the build renders the overview matrix, the fact box of each status page and the JSON the
browser walks (assets/legal-check.js), so the matrix and the check cannot disagree.

Each field is declared once, on the models below (the JSON Schema for editors is generated from
them). References inside the file (cite → norms, value → values, state → legal_states, next →
questions/rows/outcomes) are checked while the fields are validated, so they come in the same run;
the flow of the check (every option leads somewhere, every row is reachable, no loop) is a pass of
its own once the fields are valid (`_flow_problems`, `_path_problems`). `load_rules` raises
DataErrors listing every problem.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainValidator, PrivateAttr, ValidationInfo, WithJsonSchema
from pydantic import model_validator

from amm.core import clock
from amm.core.errors import DataErrors, Problem, rel
from amm.core.fields import ID_RE, URL_RE
from amm.core.model import (Date, I18nEach, Id, Keyed, Label, Model, Page, SourceRef, Table, Text, Url, at_least_one,
                            _id as check_id, name_keyed, problem, raise_all, validate)
from amm.core.site import Source
from amm.core.yamlfile import load_yaml

NBSP = "\u00a0"

#: the value that says "the sources checked do not cover this point"
NOT_COVERED = "not_covered"
_ID_SCHEMA = {"type": "string", "pattern": ID_RE.pattern}


def Local(name: str, where: str, *, ident: bool = True) -> Any:
    """An id defined in this file (under `where`), e.g. a norm a rule cites; `ident` False for names
    that are not ids (the laws under codes: "SGB III")."""

    def check(value: Any, info: ValidationInfo) -> str:
        value = check_id(value) if ident else str(value)
        known = (info.context or {}).get(name) or ()
        if value not in known:
            raise problem(f"„{value}“ gibt es unter {where} nicht.", f"'{value}' is not defined under {where}.",
                          "Eine vorhandene Kennung verwenden, z. B. " + ", ".join(sorted(known)[:12]) + " …")
        return value
    return Annotated[str, PlainValidator(check), WithJsonSchema(_ID_SCHEMA if ident else {"type": "string"})]


def _target(value: Any, info: ValidationInfo) -> str:
    value = check_id(value)
    if value not in ((info.context or {}).get("targets") or ()):
        raise problem(f"„{value}“ ist weder eine Frage noch eine Zeile noch ein Ergebnis.",
                      f"'{value}' is neither a question, a row nor an outcome.",
                      "Eine Frage unter check.questions, eine Zeile unter rows oder ein Ergebnis unter "
                      "check.outcomes eintragen.")
    return value


def _code_url(value: Any) -> str:
    if not isinstance(value, str) or "{section}" not in value or not URL_RE.match(value):
        raise problem("Hier wird eine Webadresse mit {section} erwartet.", "A URL containing {section} is expected.",
                      "z. B. https://www.gesetze-im-internet.de/aufenthg_2004/__{section}.html")
    return value


NormId = Local("norms", "norms")
StateId = Local("legal_states", "legal_states")
ColumnId = Local("columns", "columns")
QuestionId = Local("questions", "check.questions")
Target = Annotated[str, PlainValidator(_target), WithJsonSchema(_ID_SCHEMA)]
CodeUrl = Annotated[str, PlainValidator(_code_url), WithJsonSchema({"type": "string", "pattern": r"\{section\}"})]
#: one id or a list of ids
_one_or_more = BeforeValidator(lambda v: [v] if isinstance(v, str) else v)
_ids_schema = WithJsonSchema({"anyOf": [_ID_SCHEMA, {"type": "array", "items": _ID_SCHEMA}]})


class LegalState(Keyed):
    """The state of the law a rule describes: since when it applies and, if the law has since
    changed, until when ("vor GEAS": until 11.06.2026)."""

    entry_label = "legal_states:"

    since: Date
    until: Date | None = None
    label: I18nEach


class Norm(Keyed):
    """A section of law: `code` + `section` (+ `detail`) of a law under codes, or its own `label`
    and `url`; either way the model has `label` and `url` for the pages."""

    entry_label = "norms:"
    model_config = {"json_schema_extra": {"anyOf": [{"required": ["code", "section"]}, {"required": ["label", "url"]}]}}

    code: Local("codes", "codes", ident=False) | None = None
    section: Text = ""
    detail: Text = ""
    label: Text = ""
    url: Url = ""

    @model_validator(mode="after")
    def _link(self, info: ValidationInfo):
        if self.code is None:
            raise_all([((name,), problem("Pflichtfeld fehlt oder ist leer.", "Required field is missing or empty.",
                                         "code und section eintragen, oder label und url."))
                       for name in ("label", "url") if not getattr(self, name)])
            return self
        if not self.section:
            raise_all([(("section",), problem("Pflichtfeld fehlt (Nummer des Paragrafen).",
                                              "Required field is missing (number of the section).",
                                              "z. B. section: 60c"))])
        # no line break inside "§ 61" or "Abs. 2" (non-breaking spaces)
        detail = " " + self.detail.replace(" ", NBSP) if self.detail else ""
        object.__setattr__(self, "label", f"§{NBSP}{self.section}{detail} {self.code}")
        object.__setattr__(self, "url", (info.context or {})["code_urls"][self.code].replace("{section}", self.section))
        return self


class Cited(Model):
    """What a rule rests on: sections of law, a label and the sources behind it."""

    cite: Annotated[list[NormId], _one_or_more, _ids_schema, at_least_one(
        "Jede Regel braucht mindestens einen Eintrag unter cite (norms).",
        "Every rule needs at least one entry under cite.",
        "Den Paragrafen bzw. die Quelle eintragen, auf der die Regel beruht.")]
    label: Label
    sources: Annotated[list[SourceRef], _one_or_more, _ids_schema] = []

    @model_validator(mode="after")
    def _sourced(self):
        if getattr(self, "value", None) == NOT_COVERED:
            if self.label != "unconfirmed":
                raise_all([(("label",), problem("Ein nicht belegter Punkt ist immer „unconfirmed“.",
                                                "A point not covered by the sources is always 'unconfirmed'.",
                                                "label: unconfirmed schreiben."))])
        elif self.label != "confirmed" and not self.sources:
            raise_all([(("sources",), problem(
                "Eine nicht bestätigte Regel braucht eine Quelle mit Datum.",
                "A rule that is not confirmed needs a dated source.",
                "Unter sources die Quelle eintragen, deren Datum auf der Seite erscheinen soll."))])
        return self


class Cell(Cited):
    """One rule: a row (status and situation) and a column (what it is about). `state` and
    `checked` fall back to the row's."""

    entry_label = "rows:"

    value: Local("values", "values")
    note: I18nEach = {}
    state: StateId | None = None
    checked: Date | None = None
    _row: str = PrivateAttr("")
    _column: str = PrivateAttr("")

    @classmethod
    def entry_name(cls, keys: tuple, raw: Any) -> str:
        return f"rows: {keys[1]}, {keys[-1]}"

    @property
    def row(self) -> str:
        return self._row

    @property
    def column(self) -> str:
        return self._column

    @property
    def id(self) -> str:
        return f"{self.row}.{self.column}"


class Row(Keyed):
    entry_label = "rows:"

    name: I18nEach
    page: Page
    state: StateId | None = None
    checked: Date | None = None
    cells: dict[ColumnId, Cell]

    @model_validator(mode="after")
    def _complete(self, info: ValidationInfo):
        """A rule for every column; each rule with a legal state and a date of check (its own or the row's)."""
        errors = [(("cells", column), problem(
            "Für diese Spalte fehlt die Regel.", "The rule for this column is missing.",
            f"Unter cells einen Eintrag {column} mit value, cite und label ergänzen."))
                  for column in (info.context or {}).get("columns") or () if column not in self.cells]
        for column, cell in self.cells.items():
            if cell.state is None and self.state is None:
                errors.append((("cells", column, "state"), problem(
                    "Es fehlt der Rechtsstand, den die Regel beschreibt.",
                    "The legal state the rule describes is missing.",
                    "state: bei der Zeile oder der Regel eintragen, eine Kennung unter legal_states.")))
            if cell.checked is None and self.checked is None:
                errors.append((("cells", column, "checked"), problem(
                    "Es fehlt das Datum der letzten Prüfung.", "The date of the last check is missing.",
                    "checked: JJJJ-MM-TT bei der Zeile oder der Regel eintragen.")))
            object.__setattr__(cell, "state", cell.state or self.state)
            object.__setattr__(cell, "checked", cell.checked or self.checked)
            cell._column = column
        raise_all(errors)
        return self


class Value(Keyed, Table):
    """An answer of the vocabulary; tone gives colour and icon."""

    entry_label = "values:"

    tone: Literal["positive", "limited", "negative", "unclear", "info"]
    label: I18nEach


class Option(Model):
    id: Id
    label: I18nEach
    next: Target | None = None

    @classmethod
    def entry_name(cls, keys: tuple, raw: Any) -> str:
        return f"check: questions: {keys[2]}, Antwort {keys[-1] + 1}"

    entry_label = "Antwort"


class NextRule(Model):
    """Where a question leads when no option says so: the first rule whose conditions all hold."""

    entry_label = "Regel"

    when: dict[QuestionId, Annotated[list[Id], _one_or_more, _ids_schema]] = Field({}, alias="if")
    then: Target

    @classmethod
    def entry_name(cls, keys: tuple, raw: Any) -> str:
        return f"check: questions: {keys[2]}, next Regel {keys[-1] + 1}"

    def matches(self, answers: dict[str, str]) -> bool:
        return all(answers.get(q) in opts for q, opts in self.when.items())


class Question(Keyed):
    entry_label = "check: questions:"

    text: I18nEach
    hint: I18nEach | None = None
    options: Annotated[list[Option], Field(min_length=2)]
    next: list[NextRule] = []

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)


class Special(Cited, Keyed):
    """An outcome with its own text (e.g. "status unknown"), cited like a rule."""

    entry_label = "check: outcomes:"

    title: I18nEach
    text: I18nEach


class Check(Model):
    """The decision aid: the first question, the activity question (its answer picks the columns
    an outcome shows), the questions and the special outcomes."""

    start: QuestionId
    activity: QuestionId
    show: dict[Id, Annotated[list[ColumnId], at_least_one(
        "Es fehlt, welche Spalten das Ergebnis zeigt.", "The columns the outcome shows are missing.",
        "z. B. job: [job, permit]")]]
    questions: dict[Id, Question]
    outcomes: dict[Id, Special]

    @property
    def specials(self) -> dict[str, Special]:
        return self.outcomes


class LegalTexts(Table):
    """Interface texts of the legal pages and the check, in every language."""

    stand: I18nEach
    law_state: I18nEach
    disclaimer: I18nEach
    label_confirmed: I18nEach
    label_reported: I18nEach
    label_unconfirmed: I18nEach
    label_not_covered: I18nEach
    source_date: I18nEach
    sources: I18nEach
    law: I18nEach
    matrix_caption: I18nEach
    matrix_status: I18nEach
    matrix_scroll: I18nEach
    box_heading: I18nEach
    check_needs_js: I18nEach
    check_next: I18nEach
    check_restart: I18nEach
    check_change: I18nEach
    check_your_answers: I18nEach
    check_result: I18nEach
    check_choose: I18nEach
    check_more: I18nEach
    check_mentor: I18nEach
    mentee_more: I18nEach
    check_copy: I18nEach
    check_copied: I18nEach
    check_copy_manual: I18nEach


@dataclass(frozen=True)
class Outcome:
    """Where a walk ends: a row with the cells to show, or a special outcome."""

    id: str
    row: str | None
    cells: tuple[str, ...]
    special: str | None


class Rules(Model):
    """data/legal_rules.yaml."""

    legal_states: Annotated[dict[Id, LegalState], at_least_one(
        "Es fehlt mindestens ein Rechtsstand.", "At least one legal state is missing.",
        "Unter legal_states z. B. geas: {since: 2026-06-12, label: {de: …, …}} eintragen.")]
    codes: dict[str, CodeUrl]
    norms: dict[str, Norm]
    texts: LegalTexts
    columns: dict[Id, I18nEach]
    values: dict[Id, Value]
    rows: dict[Id, Row]
    check: Check
    _sources: dict = PrivateAttr(default_factory=dict)
    _languages: list = PrivateAttr(default_factory=list)

    @classmethod
    def local_context(cls, raw: Any) -> dict:
        def keys(data: Any, *path: str) -> set:
            for step in path:
                data = data.get(step) if isinstance(data, dict) else None
            return {k for k in data if isinstance(k, str)} if isinstance(data, dict) else set()

        codes = raw.get("codes") if isinstance(raw, dict) and isinstance(raw.get("codes"), dict) else {}
        context = {name: keys(raw, name) for name in ("legal_states", "codes", "norms", "columns", "values")}
        context["questions"] = keys(raw, "check", "questions")
        context["targets"] = context["questions"] | keys(raw, "rows") | keys(raw, "check", "outcomes")
        context["code_urls"] = {k: str(v) for k, v in codes.items()}
        return context

    @model_validator(mode="after")
    def _place_cells(self):
        for rid, row in self.rows.items():
            for cell in row.cells.values():
                cell._row = rid
        return self

    @property
    def states(self) -> dict[str, LegalState]:
        return self.legal_states

    @property
    def sources(self) -> dict[str, Source]:
        return self._sources

    @property
    def languages(self) -> list[str]:
        return self._languages

    def cell(self, cell_id: str) -> Cell:
        row, column = cell_id.split(".", 1)
        return self.rows[row].cells[column]

    def cells_of_page(self, page: str) -> list[Cell]:
        """The rules a page shows in its fact boxes (docs path, e.g. recht/duldung.md)."""
        return [c for r in self.rows.values() if r.page == page for c in r.cells.values()]

    def all_cells(self) -> list[Cell]:
        return [c for r in self.rows.values() for c in r.cells.values()]

    def oldest_check(self, cells: list[Cell] | None = None) -> dt.date:
        """The date a page can honestly show as "checked": the oldest check of its rules."""
        return min(c.checked for c in (cells if cells is not None else self.all_cells()))

    def states_of(self, cells: list[Cell]) -> list[LegalState]:
        ids = {c.state for c in cells}
        return sorted((self.states[s] for s in ids), key=lambda s: (s.since, s.id))

    def stale(self, today: dt.date, months: int) -> tuple[list[Cell], list[Cell]]:
        """Rules whose check is older than `months`, and rules written for a law that has since
        changed (their legal state ended before `today`). `today` is injected (AMM_TODAY)."""
        limit = _months_before(today, months)
        old = [c for c in self.all_cells() if c.checked < limit]
        changed = [c for c in self.all_cells()
                   if self.states[c.state].until is not None and self.states[c.state].until < today]
        return old, changed

    # -- the decision aid, evaluated in Python ------------------------------------------

    def target_of(self, question: Question, answers: dict[str, str]) -> str:
        option = question.option(answers[question.id])
        if option.next:
            return option.next
        for rule in question.next:
            if rule.matches(answers):
                return rule.then
        raise LookupError(f"no next rule of question {question.id} matches {answers}")

    def outcome_for(self, target: str, answers: dict[str, str]) -> Outcome:
        if target in self.check.specials:
            return Outcome(target, None, (), target)
        activity = answers[self.check.activity]
        cells = tuple(f"{target}.{column}" for column in self.check.show[activity])
        return Outcome(f"{target}.{activity}", target, cells, None)

    def evaluate(self, answers: dict[str, str]) -> Outcome | str:
        """Follow the answers from the start: the outcome, or the id of the next open question."""
        current = self.check.start
        seen: set[str] = set()
        while current in self.check.questions:
            if current in seen:
                raise LookupError(f"question {current} is asked twice")
            seen.add(current)
            if current not in answers:
                return current
            current = self.target_of(self.check.questions[current], answers)
        return self.outcome_for(current, answers)

    def walk(self) -> list[tuple[tuple[tuple[str, str], ...], Outcome]]:
        """Every path through the check: (the answers in order, the outcome)."""
        paths: list[tuple[tuple[tuple[str, str], ...], Outcome]] = []

        def visit(answers: dict[str, str], order: tuple[tuple[str, str], ...]) -> None:
            result = self.evaluate(answers)
            if isinstance(result, Outcome):
                paths.append((order, result))
                return
            for option in self.check.questions[result].options:
                visit({**answers, result: option.id}, order + ((result, option.id),))

        visit({}, ())
        return paths

    def tree(self) -> dict[str, Any]:
        """The whole decision tree, precomputed: what assets/legal-check.js looks up.

        A node is {"q": question, "a": {option: node}}; a leaf is {"o": outcome id, "t": row or
        special, "c": [cells shown]}. The browser only follows the answers through it; every rule
        of the walk stays here in Python (and the tests compare both)."""

        def node(answers: dict[str, str]) -> dict[str, Any]:
            result = self.evaluate(answers)
            if isinstance(result, Outcome):
                return {"o": result.id, "t": result.row or result.special, "c": list(result.cells)}
            return {"q": result, "a": {o.id: node({**answers, result: o.id})
                                       for o in self.check.questions[result].options}}

        return node({})

    def browser_data(self, lang: str) -> dict[str, Any]:
        """What assets/legal-check.js needs: the precomputed tree (the same in every language)."""
        return {"tree": self.tree()}


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))



# -- loading and validation --------------------------------------------------------------

def load_rules(path: Path, languages: list[str], *, sources: dict[str, Source],
               today: dt.date | None = None, docs: Path | None = None) -> Rules:
    """Load and validate data/legal_rules.yaml; raise DataErrors listing every problem."""
    file = rel(path)
    raw = load_yaml(path)
    rules, problems = validate(raw, Rules, file, context={
        "languages": languages, "sources": sources, "today": today or clock.today(), "docs": docs,
        **Rules.local_context(raw)})
    name_keyed(rules)
    if rules is not None:
        rules._sources, rules._languages = sources, list(languages)
        problems = _flow_problems(rules, file) or _path_problems(rules, file)
    if problems:
        raise DataErrors(problems)
    return rules


def _flow_problems(rules: Rules, file: str) -> list[Problem]:
    """What the fields alone cannot say: ids that are rows and outcomes at once, answers that
    `if` names, a last next rule without condition, the columns each activity shows."""
    found = []

    def add(entry: str, fld: str, de: str, en: str, fix: str) -> None:
        found.append(Problem(file, entry, fld, de, en, fix))

    for sid in rules.check.specials:
        if sid in rules.rows:
            add(f"check: outcomes: {sid}", "", "Diese Kennung ist schon eine Zeile unter rows.",
                "This id is already a row.", "Eine andere Kennung wählen.")
    for qid, question in rules.check.questions.items():
        for number, rule in enumerate(question.next, start=1):
            for q, opts in rule.when.items():
                known = {o.id for o in rules.check.questions[q].options}
                for o in opts:
                    if o not in known:
                        add(f"check: questions: {qid}, next Regel {number}", "if",
                            f"Die Frage „{q}“ hat keine Antwort „{o}“.",
                            f"Question '{q}' has no option '{o}'.", "Erlaubt: " + ", ".join(sorted(known)))
        if any(o.next is None for o in question.options) and not any(not r.when for r in question.next):
            add(f"check: questions: {qid}", "next", "Die letzte next-Regel muss ohne Bedingung (if) sein.",
                "The last next rule must have no condition (if).",
                "Als letzte Regel „- then: …“ ohne if schreiben.")
    for option in rules.check.questions[rules.check.activity].options:
        if option.id not in rules.check.show:
            add("check: show", option.id, "Es fehlt, welche Spalten das Ergebnis zeigt.",
                "The columns the outcome shows are missing.",
                f"z. B. {option.id}: [{option.id if option.id in rules.columns else 'job'}, permit]")
    return found


def _path_problems(rules: Rules, file: str) -> list[Problem]:
    """Every path ends in an outcome, rows are reached only after the activity question,
    and every row, special outcome, question and option is reachable."""
    try:
        paths = rules.walk()
    except (LookupError, KeyError) as exc:
        return [Problem(file, "check", "", f"Der Check führt in eine Sackgasse oder Schleife: {exc}.",
                        f"The check has a dead end or loop: {exc}.",
                        "Die next-Regeln so ergänzen, dass jede Antwort zu einer Frage oder einem Ergebnis führt.")]
    reached_rows = {o.row for _, o in paths if o.row}
    reached_specials = {o.special for _, o in paths if o.special}
    asked = {(q, a) for order, _ in paths for q, a in order}
    found = [Problem(file, f"rows: {rid}", "", "Keine Antwortfolge im Check führt zu dieser Zeile.",
                     "No path through the check leads to this row.",
                     "In check.questions eine next-Regel ergänzen, die zu dieser Zeile führt.")
             for rid in rules.rows if rid not in reached_rows]
    found += [Problem(file, f"check: outcomes: {sid}", "", "Keine Antwortfolge führt zu diesem Ergebnis.",
                      "No path leads to this outcome.", "Eine next-Regel ergänzen oder das Ergebnis löschen.")
              for sid in rules.check.specials if sid not in reached_specials]
    found += [Problem(file, f"check: questions: {q.id}", o.id, "Diese Antwort kann nie gewählt werden.",
                      "This option can never be chosen.", "Die next-Regeln der Fragen davor prüfen.")
              for q in rules.check.questions.values() for o in q.options if (q.id, o.id) not in asked]
    return found
