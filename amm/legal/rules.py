"""Rules on access to work and training by residence status (data/legal_rules.yaml).

One source of truth. The file holds
- `norms`: the sections of law the rules cite, each with its link to the law text;
- `sources`: the secondary sources behind each rule, with their dates;
- `columns` and `values`: what a rule is about (job, training, ...) and the answer vocabulary;
- `rows`: one row per status and situation, one cell per column: value, optional note, cited
  norms, and a label (confirmed / reported / unconfirmed) with the sources behind it;
- `check`: the decision aid "Arbeitsmarktzugang-Check", modelled on GOV.UK Smart Answers:
  questions with options, the rule that picks the next question, and outcomes.

An outcome of the check is either a row (the situation the answers describe; the activity the
person asked about selects the cell) or a special outcome with its own text. From the same data
the build renders the overview matrix, the fact box of each status page and the JSON the
browser walks (assets/legal-check.js), so the matrix and the check cannot disagree.

Everything here is plain Python; `load_rules` collects every data problem into DataErrors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amm.core import clock
from amm.core.errors import DataErrors
from amm.core.fields import ID_RE, URL_RE, Checker as _Checker
from amm.core.site import Source
from amm.core.yamlfile import load_yaml

LABELS = ("confirmed", "reported", "unconfirmed")
TONES = ("positive", "limited", "negative", "unclear", "info")

#: interface texts the templates and the script need, in every language
TEXT_KEYS = (
    "stand", "law_state", "disclaimer", "label_confirmed", "label_reported", "label_unconfirmed",
    "label_not_covered", "source_date", "sources", "law", "matrix_caption", "matrix_status",
    "matrix_scroll", "box_heading", "check_needs_js", "check_next", "check_restart",
    "check_change", "check_your_answers", "check_result", "check_choose", "check_more",
    "check_mentor", "mentee_more", "check_copy", "check_copied", "check_copy_manual",
)

NBSP = "\u00a0"

#: the value that says "the sources checked do not cover this point"
NOT_COVERED = "not_covered"


@dataclass(frozen=True)
class Norm:
    id: str
    label: str
    url: str


@dataclass(frozen=True)
class LegalState:
    """The state of the law a rule describes: since when it applies and, if the law has since
    changed, until when ("vor GEAS": until 11.06.2026)."""

    id: str
    since: dt.date
    until: dt.date | None
    label: dict[str, str]


@dataclass(frozen=True)
class Cell:
    row: str
    column: str
    value: str
    note: dict[str, str]
    cite: tuple[str, ...]
    label: str
    sources: tuple[str, ...]
    state: str = ""
    checked: dt.date = dt.date(1900, 1, 1)

    @property
    def id(self) -> str:
        return f"{self.row}.{self.column}"


@dataclass(frozen=True)
class Row:
    id: str
    name: dict[str, str]
    page: str
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Option:
    id: str
    label: dict[str, str]
    next: str | None


@dataclass(frozen=True)
class NextRule:
    when: dict[str, tuple[str, ...]]
    then: str

    def matches(self, answers: dict[str, str]) -> bool:
        return all(answers.get(q) in opts for q, opts in self.when.items())


@dataclass(frozen=True)
class Question:
    id: str
    text: dict[str, str]
    hint: dict[str, str] | None
    options: tuple[Option, ...]
    next: tuple[NextRule, ...]

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)


@dataclass(frozen=True)
class Special:
    """An outcome with its own text (e.g. "status unknown"), cited like a cell."""

    id: str
    title: dict[str, str]
    text: dict[str, str]
    cite: tuple[str, ...]
    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    start: str
    activity: str
    show: dict[str, tuple[str, ...]]
    questions: dict[str, Question]
    specials: dict[str, Special]


@dataclass(frozen=True)
class Outcome:
    """Where a walk ends: a row with the cells to show, or a special outcome."""

    id: str
    row: str | None
    cells: tuple[str, ...]
    special: str | None


@dataclass
class Rules:
    states: dict[str, LegalState]
    norms: dict[str, Norm]
    sources: dict[str, Source]
    texts: dict[str, dict[str, str]]
    columns: dict[str, dict[str, str]]
    values: dict[str, dict[str, Any]]
    rows: dict[str, Row]
    check: Check
    languages: list[str] = field(default_factory=list)

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

    def source_date(self, source_ids: tuple[str, ...]) -> dt.date | None:
        """The newest date among the sources behind a rule (shown with reported/unconfirmed)."""
        dates = [self.sources[s].date for s in source_ids if s in self.sources]
        return max(dates) if dates else None

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

def _texts(chk: _Checker, value: Any, entry: str, fld: str, languages: list[str]) -> dict[str, str]:
    """A text in every language: {de: ..., en: ..., ...}."""
    if not isinstance(value, dict):
        chk.add(entry, fld, "Hier wird ein Text je Sprache erwartet (de:, en:, …).",
                "A text per language is expected here (de:, en:, ...).",
                "Darunter eingerückt eine Zeile je Sprache schreiben: " + ", ".join(languages) + ".")
        return {}
    for lang in value:
        if lang not in languages:
            chk.add(entry, f"{fld}.{lang}", f"Die Sprache „{lang}“ ist nicht eingerichtet.",
                    f"Language '{lang}' is not configured.",
                    "Eingerichtet sind (mkdocs.yml): " + ", ".join(languages) + ".")
    out = {}
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            chk.add(entry, f"{fld}.{lang}", f"Der Text für die Sprache „{lang}“ fehlt.",
                    f"The text for language '{lang}' is missing.",
                    f"Unter {fld} eine Zeile „{lang}: …“ ergänzen.")
        else:
            out[lang] = text.strip()
    return out


def _ids(chk: _Checker, data: dict, key: str, entry: str, known: dict, what: str,
         *, required: bool) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        chk.add(entry, key, "Hier wird eine Liste von Kennungen erwartet.", "A list of ids is expected.",
                f"z. B. {key}: [erste_kennung, zweite_kennung]")
        return ()
    if required and not value:
        chk.add(entry, key, f"Jede Regel braucht mindestens einen Eintrag unter {key} ({what}).",
                f"Every rule needs at least one entry under {key}.",
                "Den Paragrafen bzw. die Quelle eintragen, auf der die Regel beruht.")
    for ident in value:
        if ident not in known:
            chk.add(entry, key, f"„{ident}“ gibt es unter {what} nicht.", f"'{ident}' is not defined under {what}.",
                    "Eine vorhandene Kennung verwenden, z. B. " + ", ".join(sorted(known)[:12]) + " …")
    return tuple(str(v) for v in value)


def _label(chk: _Checker, data: dict, entry: str, sources: tuple[str, ...]) -> str:
    label = data.get("label")
    if data.get("value") == NOT_COVERED:
        if label != "unconfirmed":
            chk.add(entry, "label", "Ein nicht belegter Punkt ist immer „unconfirmed“.",
                    "A point not covered by the sources is always 'unconfirmed'.",
                    "label: unconfirmed schreiben.")
        return "unconfirmed"
    if label not in LABELS:
        chk.add(entry, "label", f"„{label}“ ist keine erlaubte Einstufung.", f"'{label}' is not a valid label.",
                "confirmed (Primärquelle oder zwei Fachquellen), reported (eine Quelle) oder "
                "unconfirmed (nicht bestätigt) schreiben.")
        return "unconfirmed"
    if label != "confirmed" and not sources:
        chk.add(entry, "sources", "Eine nicht bestätigte Regel braucht eine Quelle mit Datum.",
                "A rule that is not confirmed needs a dated source.",
                "Unter sources die Quelle eintragen, deren Datum auf der Seite erscheinen soll.")
    return label


def _state(chk: _Checker, data: dict, entry: str, states: dict, default: str | None) -> str | None:
    """The legal state of a rule (cell), or the row's default."""
    value = data.get("state", default)
    if value is None and default is None and "cells" not in data:
        chk.add(entry, "state", "Es fehlt der Rechtsstand, den die Regel beschreibt.",
                "The legal state the rule describes is missing.",
                "state: bei der Zeile oder der Regel eintragen, eine Kennung unter legal_states: "
                + ", ".join(states) + ".")
        return None
    if value is not None and value not in states:
        chk.add(entry, "state", f"„{value}“ steht nicht unter legal_states.",
                f"'{value}' is not defined under legal_states.", "Erlaubt: " + ", ".join(states) + ".")
        return None
    return value


def _checked(chk: _Checker, data: dict, entry: str, default: dt.date | None) -> dt.date | None:
    """The day a rule was last checked against the law (cell, or the row's default)."""
    if "checked" not in data:
        if default is None and "cells" not in data:
            chk.add(entry, "checked", "Es fehlt das Datum der letzten Prüfung.",
                    "The date of the last check is missing.",
                    "checked: JJJJ-MM-TT bei der Zeile oder der Regel eintragen.")
        return default
    parsed = chk.date(data, "checked", entry, exact=True)
    return parsed.first_day if parsed else default


def load_rules(path: Path, languages: list[str], *, sources: dict[str, Source],
               today: dt.date | None = None) -> Rules:
    """Load and validate data/legal_rules.yaml; raise DataErrors listing every problem."""
    today = today or clock.today()
    chk = _Checker(path, today)
    data = chk.mapping(load_yaml(path), "", "")
    chk.unknown(data, ("legal_states", "codes", "norms", "texts", "columns", "values", "rows", "check"), "")

    states: dict[str, LegalState] = {}
    for sid, sdata in chk.mapping(data.get("legal_states"), "legal_states", "").items():
        entry = f"legal_states: {sid}"
        sdata = chk.mapping(sdata, entry, "")
        chk.unknown(sdata, ("since", "until", "label"), entry)
        since = chk.date(sdata, "since", entry, exact=True)
        until = chk.date(sdata, "until", entry, exact=True) if "until" in sdata else None
        states[str(sid)] = LegalState(
            str(sid), since.first_day if since else dt.date(1900, 1, 1),
            until.first_day if until else None, _texts(chk, sdata.get("label"), entry, "label", languages))
    if not states:
        chk.add("legal_states", "", "Es fehlt mindestens ein Rechtsstand.", "At least one legal state is missing.",
                "Unter legal_states z. B. geas: {since: 2026-06-12, label: {de: …, …}} eintragen.")

    codes = {}
    for code, pattern in chk.mapping(data.get("codes"), "codes", "").items():
        if not isinstance(pattern, str) or "{section}" not in pattern or not URL_RE.match(pattern):
            chk.add(f"codes: {code}", "", "Hier wird eine Webadresse mit {section} erwartet.",
                    "A URL containing {section} is expected.",
                    "z. B. https://www.gesetze-im-internet.de/aufenthg_2004/__{section}.html")
            continue
        codes[str(code)] = pattern

    norms: dict[str, Norm] = {}
    for nid, ndata in chk.mapping(data.get("norms"), "norms", "").items():
        entry = f"norms: {nid}"
        ndata = chk.mapping(ndata, entry, "")
        chk.unknown(ndata, ("code", "section", "detail", "label", "url"), entry)
        if "code" in ndata:
            code = str(ndata.get("code"))
            section = str(ndata.get("section", "")).strip()
            if code not in codes:
                chk.add(entry, "code", f"Das Gesetz „{code}“ steht nicht unter codes.",
                        f"The law '{code}' is not listed under codes.",
                        "Eines davon verwenden: " + ", ".join(sorted(codes)) + ".")
                continue
            if not section:
                chk.add(entry, "section", "Pflichtfeld fehlt (Nummer des Paragrafen).",
                        "Required field is missing (number of the section).", "z. B. section: 60c")
                continue
            # no line break inside "§ 61" or "Abs. 2" (non-breaking spaces)
            detail = " " + str(ndata["detail"]).replace(" ", NBSP) if ndata.get("detail") else ""
            norms[str(nid)] = Norm(str(nid), f"§{NBSP}{section}{detail} {code}",
                                   codes[code].replace("{section}", section))
        else:
            norms[str(nid)] = Norm(str(nid), chk.text(ndata, "label", entry),
                                   chk.url(ndata, "url", entry))

    # sources are the site's one registry, data/sources.yaml

    tdata = chk.mapping(data.get("texts"), "texts", "")
    texts = {str(k): _texts(chk, v, f"texts: {k}", "", languages) for k, v in tdata.items()}
    for key in TEXT_KEYS:
        if key not in texts:
            chk.add("texts", key, "Dieser Oberflächentext fehlt.", "This interface text is missing.",
                    f"Unter texts einen Eintrag {key} mit allen Sprachen ergänzen.")

    columns = {str(c): _texts(chk, v, f"columns: {c}", "", languages)
               for c, v in chk.mapping(data.get("columns"), "columns", "").items()}

    values: dict[str, dict[str, Any]] = {}
    for vid, vdata in chk.mapping(data.get("values"), "values", "").items():
        entry = f"values: {vid}"
        vdata = chk.mapping(vdata, entry, "")
        chk.unknown(vdata, ("tone", "label"), entry)
        if vdata.get("tone") not in TONES:
            chk.add(entry, "tone", "Unbekannte Einstufung.", "Unknown tone.", "Erlaubt: " + ", ".join(TONES))
        values[str(vid)] = {"tone": vdata.get("tone"),
                            "label": _texts(chk, vdata.get("label"), entry, "label", languages)}

    rows: dict[str, Row] = {}
    for rid, rdata in chk.mapping(data.get("rows"), "rows", "").items():
        entry = f"rows: {rid}"
        chk.ident(rid, entry)
        rdata = chk.mapping(rdata, entry, "")
        chk.unknown(rdata, ("name", "page", "state", "checked", "cells"), entry)
        row_state = _state(chk, rdata, entry, states, None)
        row_checked = _checked(chk, rdata, entry, None)
        cdata = chk.mapping(rdata.get("cells"), entry, "cells")
        cells: dict[str, Cell] = {}
        for column in columns:
            centry = f"{entry}, {column}"
            if column not in cdata:
                chk.add(entry, f"cells.{column}", "Für diese Spalte fehlt die Regel.",
                        "The rule for this column is missing.",
                        f"Unter cells einen Eintrag {column} mit value, cite und label ergänzen.")
                continue
            cell = chk.mapping(cdata[column], centry, "")
            chk.unknown(cell, ("value", "note", "cite", "label", "sources", "state", "checked"), centry)
            if cell.get("value") not in values:
                chk.add(centry, "value", f"„{cell.get('value')}“ steht nicht unter values.",
                        f"'{cell.get('value')}' is not defined under values.",
                        "Einen dieser Werte verwenden: " + ", ".join(sorted(values)) + ".")
            note = _texts(chk, cell["note"], centry, "note", languages) if "note" in cell else {}
            cite = _ids(chk, cell, "cite", centry, norms, "norms", required=True)
            srcs = _ids(chk, cell, "sources", centry, sources, "data/sources.yaml", required=False)
            cells[column] = Cell(str(rid), column, str(cell.get("value")), note, cite,
                                 _label(chk, cell, centry, srcs), srcs,
                                 _state(chk, cell, centry, states, row_state) or "",
                                 _checked(chk, cell, centry, row_checked) or dt.date(1900, 1, 1))
        for column in cdata:
            if column not in columns:
                chk.add(entry, f"cells.{column}", f"Die Spalte „{column}“ gibt es nicht.",
                        f"There is no column '{column}'.", "Erlaubt: " + ", ".join(columns) + ".")
        page = str(rdata.get("page", "")).strip()
        if not page.endswith(".md"):
            chk.add(entry, "page", "Hier wird die Seite zum Status erwartet.", "The status page is expected.",
                    "z. B. page: recht/duldung.md")
        rows[str(rid)] = Row(str(rid), _texts(chk, rdata.get("name"), entry, "name", languages), page, cells)

    check = _load_check(chk, chk.mapping(data.get("check"), "check", ""), languages, rows, columns,
                        norms, sources)
    if chk.problems:
        raise DataErrors(chk.problems)
    rules = Rules(states, norms, sources, texts, columns, values, rows, check, list(languages))
    _check_paths(chk, rules)
    if chk.problems:
        raise DataErrors(chk.problems)
    return rules


def _load_check(chk: _Checker, data: dict, languages: list[str], rows: dict[str, Row],
                columns: dict, norms: dict, sources: dict) -> Check:
    chk.unknown(data, ("start", "activity", "show", "questions", "outcomes"), "check")
    specials: dict[str, Special] = {}
    for sid, sdata in chk.mapping(data.get("outcomes"), "check: outcomes", "").items():
        entry = f"check: outcomes: {sid}"
        sdata = chk.mapping(sdata, entry, "")
        chk.unknown(sdata, ("title", "text", "cite", "label", "sources"), entry)
        if sid in rows:
            chk.add(entry, "", "Diese Kennung ist schon eine Zeile unter rows.", "This id is already a row.",
                    "Eine andere Kennung wählen.")
        srcs = _ids(chk, sdata, "sources", entry, sources, "data/sources.yaml", required=False)
        specials[str(sid)] = Special(
            str(sid), _texts(chk, sdata.get("title"), entry, "title", languages),
            _texts(chk, sdata.get("text"), entry, "text", languages),
            _ids(chk, sdata, "cite", entry, norms, "norms", required=True),
            _label(chk, sdata, entry, srcs), srcs)

    questions: dict[str, Question] = {}
    qdata_all = chk.mapping(data.get("questions"), "check: questions", "")
    targets = set(qdata_all) | set(rows) | set(specials)

    def target(value: Any, entry: str, fld: str) -> str:
        if value not in targets:
            chk.add(entry, fld, f"„{value}“ ist weder eine Frage noch eine Zeile noch ein Ergebnis.",
                    f"'{value}' is neither a question, a row nor an outcome.",
                    "Eine Frage unter check.questions, eine Zeile unter rows oder ein Ergebnis unter "
                    "check.outcomes eintragen.")
        return str(value)

    for qid, qdata in qdata_all.items():
        entry = f"check: questions: {qid}"
        qdata = chk.mapping(qdata, entry, "")
        chk.unknown(qdata, ("text", "hint", "options", "next"), entry)
        options = []
        odata = qdata.get("options")
        if not isinstance(odata, list) or len(odata) < 2:
            chk.add(entry, "options", "Eine Frage braucht mindestens zwei Antworten.",
                    "A question needs at least two options.", "Unter options die Antworten auflisten.")
            odata = []
        for number, opt in enumerate(odata, start=1):
            oentry = f"{entry}, Antwort {number}"
            opt = chk.mapping(opt, oentry, "")
            chk.unknown(opt, ("id", "label", "next"), oentry)
            oid = str(opt.get("id", ""))
            if not ID_RE.match(oid):
                chk.add(oentry, "id", "Kennung fehlt oder ist ungültig.", "Missing or invalid id.",
                        "Kleinbuchstaben, Ziffern und _ verwenden.")
            nxt = target(opt["next"], oentry, "next") if "next" in opt else None
            options.append(Option(oid, _texts(chk, opt.get("label"), oentry, "label", languages), nxt))
        rules = []
        for number, rule in enumerate(qdata.get("next") or [], start=1):
            rentry = f"{entry}, next Regel {number}"
            rule = chk.mapping(rule, rentry, "")
            chk.unknown(rule, ("if", "then"), rentry)
            when = {}
            for q, opts in chk.mapping(rule.get("if", {}), rentry, "if").items():
                opts = tuple(opts) if isinstance(opts, list) else (opts,)
                if q not in qdata_all:
                    chk.add(rentry, "if", f"Die Frage „{q}“ gibt es nicht.", f"There is no question '{q}'.",
                            "Eine Kennung unter check.questions verwenden.")
                    continue
                known = {o.get("id") for o in qdata_all[q].get("options") or [] if isinstance(o, dict)}
                for o in opts:
                    if o not in known:
                        chk.add(rentry, "if", f"Die Frage „{q}“ hat keine Antwort „{o}“.",
                                f"Question '{q}' has no option '{o}'.", "Erlaubt: " + ", ".join(sorted(known)))
                when[str(q)] = tuple(str(o) for o in opts)
            rules.append(NextRule(when, target(rule.get("then"), rentry, "then")))
        if any(o.next is None for o in options) and not any(not r.when for r in rules):
            chk.add(entry, "next", "Die letzte next-Regel muss ohne Bedingung (if) sein.",
                    "The last next rule must have no condition (if).",
                    "Als letzte Regel „- then: …“ ohne if schreiben.")
        questions[str(qid)] = Question(
            str(qid), _texts(chk, qdata.get("text"), entry, "text", languages),
            _texts(chk, qdata["hint"], entry, "hint", languages) if "hint" in qdata else None,
            tuple(options), tuple(rules))

    start = str(data.get("start", ""))
    if start not in questions:
        chk.add("check", "start", "Die erste Frage gibt es nicht.", "The first question does not exist.",
                "Eine Kennung unter check.questions eintragen.")
    activity = str(data.get("activity", ""))
    show: dict[str, tuple[str, ...]] = {}
    if activity not in questions:
        chk.add("check", "activity", "Die Frage nach der Tätigkeit gibt es nicht.",
                "The activity question does not exist.", "Eine Kennung unter check.questions eintragen.")
    else:
        sdata = chk.mapping(data.get("show"), "check", "show")
        for option in questions[activity].options:
            cols = sdata.get(option.id)
            if not isinstance(cols, list) or not cols:
                chk.add("check: show", option.id, "Es fehlt, welche Spalten das Ergebnis zeigt.",
                        "The columns the outcome shows are missing.",
                        f"z. B. {option.id}: [{option.id if option.id in columns else 'job'}, permit]")
                continue
            for col in cols:
                if col not in columns:
                    chk.add("check: show", option.id, f"Die Spalte „{col}“ gibt es nicht.",
                            f"There is no column '{col}'.", "Erlaubt: " + ", ".join(columns))
            show[option.id] = tuple(cols)
    return Check(start, activity, show, questions, specials)


def _check_paths(chk: _Checker, rules: Rules) -> None:
    """Every path ends in an outcome, rows are reached only after the activity question,
    and every row, special outcome, question and option is reachable."""
    try:
        paths = rules.walk()
    except (LookupError, KeyError) as exc:
        chk.add("check", "", f"Der Check führt in eine Sackgasse oder Schleife: {exc}.",
                f"The check has a dead end or loop: {exc}.",
                "Die next-Regeln so ergänzen, dass jede Antwort zu einer Frage oder einem Ergebnis führt.")
        return
    reached_rows = {o.row for _, o in paths if o.row}
    reached_specials = {o.special for _, o in paths if o.special}
    asked = {(q, a) for order, _ in paths for q, a in order}
    for rid in rules.rows:
        if rid not in reached_rows:
            chk.add(f"rows: {rid}", "", "Keine Antwortfolge im Check führt zu dieser Zeile.",
                    "No path through the check leads to this row.",
                    "In check.questions eine next-Regel ergänzen, die zu dieser Zeile führt.")
    for sid in rules.check.specials:
        if sid not in reached_specials:
            chk.add(f"check: outcomes: {sid}", "", "Keine Antwortfolge führt zu diesem Ergebnis.",
                    "No path leads to this outcome.", "Eine next-Regel ergänzen oder das Ergebnis löschen.")
    for q in rules.check.questions.values():
        for o in q.options:
            if (q.id, o.id) not in asked:
                chk.add(f"check: questions: {q.id}", o.id, "Diese Antwort kann nie gewählt werden.",
                        "This option can never be chosen.", "Die next-Regeln der Fragen davor prüfen.")
