"""From the YAML files to a checked `Model`, or one `DataError` listing every problem.

Order: read each file and validate its shape (`validate`) → check what a
schema cannot (unique ids and names, references, real dates, citations, quotes
verbatim in the seed: `seeds`) → build the immutable model from the records
that passed everything.

Every record is checked, also one with a bad field, so one run reports every
independent mistake. Follow-on errors are held back and counted instead: the
references to an id that is missing, or written wrongly where it is defined,
are reported once ("12 more references to 'kim-jong-un' fail because of this").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from . import hints, schema
from .aliases import check_aliases
from .tenures import check_tenures
from .dates import PartialDate, Precision
from .errors import DataError, Problem, Report
from .mentions import with_mention_rules
from .model import Actor, ActorKind, Alias, Citation, Event, Model, Quote, QuoteKind, Relation, Source, Term
from .references import References
from .seeds import SeedReader
from .shortcodes import EveryId, Unknown, check_pages
from .validate import Record, read_records


@dataclass
class Checked:
    """What the checks found: the model of the records that passed, and every problem."""

    model: Model
    """Every record when there are no problems; otherwise only the records without any."""
    problems: list[Problem]
    known: dict[str, set[str]]
    """Every id defined, by kind, also of records with problems: a reference to one is a follow-on, not a mistake.
    Every id of a kind whose file could not be read."""


def load_model(root: Path, pages: dict[str, str] | None = None) -> Model:
    """Read and check `root/data/*.yml`, the seeds they cite and the shortcodes of `pages` (hand-written pages:
    `docs/`-relative path → text); raise `DataError` on any problem.

    The error carries what was checked (`DataError.checked`).
    """
    checked = inspect(root, pages)
    if checked.problems:
        raise DataError(checked.problems, checked)
    return checked.model


def inspect(root: Path, pages: dict[str, str] | None = None) -> Checked:
    """Read and check the data, and the shortcodes of `pages`; never raises for a problem in them."""
    report = Report()
    records: dict[str, list[Record]] = {}
    unreadable: set[str] = set()
    for name, (kind, _) in schema.FILES.items():
        found = read_records(root, name, report)
        if found is None:
            unreadable.add(kind)  # missing, unreadable, empty or not a list
        records[name] = found or []
    checker = _Checker(root, report, records, unreadable)
    model = checker.build()
    check_aliases(model, records, report)
    check_tenures(model, records, report)
    model = with_mention_rules(model, records, report)
    known = {kind: EveryId() if kind in unreadable else set(ids) for kind, ids in checker.ids.items()}
    if pages is not None:
        unknown: list[Unknown] = []
        report.problems.extend(check_pages(pages, model, known, unknown))
        for kind, record_id, path, position, code in unknown:
            checker.references.unknown(kind, record_id, path, position, code)
    checker.references.report_all()
    return Checked(model, report.problems, known)


class _Checker:
    """Checks every record for what a schema cannot see, and builds the model from the records that pass."""

    def __init__(self, root: Path, report: Report, records: dict[str, list[Record]], unreadable: set[str]) -> None:
        self.report = report
        self.records = records
        self.unreadable = unreadable
        """Kinds whose file could not be read: references to them are not reported again as unknown."""
        self.seeds = SeedReader(root, report)
        self.ids: dict[str, dict[str, Record]] = {}
        """Each id's first definition, by kind; records whose schema check failed count too."""
        self.references = References(report, self.ids)
        for name, (kind, _) in schema.FILES.items():
            self.ids[kind] = self._unique_ids(kind, records[name])
        self.references.names = {hints.slug(text): (kind, record.id) for kind, record, _, text in self._names()
                                 if record.id}

    def build(self) -> Model:
        self.sources = self._build_all("sources", self._source)
        self._short_names()
        actors = self._build_all("actors", self._actor)
        events = self._build_all("events", self._event)
        quotes = self._build_all("quotes", self._quote)
        terms = self._build_all("glossary", self._term)
        self._unique_names()
        return Model(sources=self.sources, actors=actors, events=events, quotes=quotes, terms=terms)

    def _short_names(self) -> None:
        """With two sources or more every citation names its source ("Evolving Relations ¶3"): each source needs
        a `short` name. Reported for every record without one, at its id, whatever else is wrong with it."""
        records = [r for r in self.records["sources"] if r.fields.get("id") is not None]
        if len(records) < 2:
            return
        for record in records:
            if "short" not in record.document.value[record.index]:
                title = record.fields.get("title")
                example = hints.short_name(title) if isinstance(title, str) and title.strip() else "Evolving Relations"
                self.report.add(record.path, record.at("id"), f"{self._who('source', record)}: missing field 'short' — "
                                f"with {len(records)} sources every citation names its source: add a name of a few "
                                f'words, e.g. short: "{example}"')

    def _build_all(self, name: str, build: Callable[[Record, str], Any]) -> dict[str, Any]:
        kind = schema.FILES[name][0]
        built = {}
        for record in self.records[name]:
            if record.id and self.ids[kind].get(record.id) is not record:
                continue  # a duplicate id, already reported
            value = build(record, self._who(kind, record))
            if value is not None and record.complete and record.id:
                built[record.id] = value
        return built

    @staticmethod
    def _who(kind: str, record: Record) -> str:
        return f"{kind} '{record.id}'" if record.id else f"the {kind} on line {record.at()[0]}"

    # -- ids, names and references ---------------------------------------------------------------

    def _unique_ids(self, kind: str, records: list[Record]) -> dict[str, Record]:
        seen: dict[str, Record] = {}
        for record in records:
            if record.bad_id:
                self.references.bad_id(kind, record)
            if not record.id:
                continue
            first = seen.get(record.id)
            if first:
                self.report.add(record.path, record.at("id"), f"{kind} id '{record.id}' is already used at "
                                f"{first.path}:{first.at('id')[0]} — give this {kind} another id")
                continue
            seen[record.id] = record
        return seen

    def _names(self) -> Iterable[tuple[str, Record, tuple, str]]:
        """Every name and alias of actors and terms: (kind, record, pointer in the record, text)."""
        for name, field_name in (("actors", "name"), ("glossary", "term")):
            kind = schema.FILES[name][0]
            for record in self.records[name]:
                if isinstance(record.fields.get(field_name), str):
                    yield kind, record, (field_name,), record.fields[field_name]
                for j, alias in record.items("aliases"):
                    yield kind, record, ("aliases", j), alias if isinstance(alias, str) else alias["name"]

    def _unique_names(self) -> None:
        claimed: dict[str, tuple[Record, str, tuple]] = {}
        for kind, record, pointer, text in self._names():
            owner = self._who(kind, record)
            first = claimed.get(text)
            if first is None:
                claimed[text] = (record, owner, pointer)
            elif first[0] is record:
                what = "the name" if first[2][0] != "aliases" else "an alias"
                self.report.add(record.path, record.at(*pointer), f"{owner}: '{text}' is already {what} of this {kind} "
                                f"(line {record.at(*first[2])[0]}) — remove this alias")
            else:
                self.report.add(record.path, record.at(*pointer), f"'{text}' is claimed by {owner} and by {first[1]} "
                                f"({first[0].path}:{first[0].at(*first[2])[0]}) — a name or alias may mean one record only; "
                                "remove one")

    def _ref(self, record: Record, pointer: tuple, kind: str, value: str, owner: str) -> str:
        if value not in self.ids[kind] and kind not in self.unreadable:
            self.references.unknown(kind, value, record.path, record.at(*pointer), owner)
        return value

    def _refs(self, record: Record, name: str, kind: str, owner: str) -> tuple[str, ...]:
        return tuple(self._ref(record, (name, j), kind, value, owner) for j, value in record.items(name))

    # -- citations and dates ----------------------------------------------------------------------

    def _cites(self, record: Record, base: tuple, items: Iterable[tuple[int, str]], owner: str) -> tuple[Citation, ...]:
        citations: list[Citation] = []
        for j, text in items:
            source_id, _, anchor = text.partition("#")
            citation = Citation(source_id, int(anchor[1:]))
            pointer = (*base, j)
            source = self.sources.get(source_id)
            if citation in citations:
                self.report.add(record.path, record.at(*pointer), f"{owner}: '{text}' is cited twice — remove one")
                continue
            if source_id not in self.ids["source"]:
                self._ref(record, pointer, "source", source_id, owner)
            elif source and citation.number > len(source.paragraphs):
                self.report.add(record.path, record.at(*pointer), f"{owner}: '{text}' cites paragraph {citation.number}, "
                                f"but source '{source_id}' has {len(source.paragraphs)} paragraphs — cite p1 to "
                                f"p{len(source.paragraphs)}")
            citations.append(citation)
        return tuple(citations)

    def _date(self, record: Record, owner: str, fields: dict[str, Any], prefix: tuple = ()) -> PartialDate | None:
        if "date" not in fields:
            return None
        place = record.at(*prefix, "date")
        if "precision" not in fields:
            return None  # missing or wrong: reported by the schema
        text = str(fields["date"])
        precision = Precision(fields["precision"])
        parts = [int(p) for p in text.split("-")]
        year, month, day = (parts + [0, 0])[:3]
        if year == 0:
            self.report.add(record.path, place, f"{owner}: date '{text}' has year 0, which no calendar has — check the year")
            return None
        if len(parts) != precision.parts:
            given = [p for p in Precision if p.parts == len(parts)][0].value
            if len(parts) > precision.parts:
                fix = (f"write '{'-'.join(text.split('-')[: precision.parts])}' for a {precision.value}, or change "
                       f"precision to '{given}' if the article gives that much")
            else:
                fix = (f"it gives only the {given}: write the full date ({'YYYY-MM-DD'[: 3 * precision.parts + 1]}) if "
                       f"the article gives it, or change precision to '{given}'")
            self.report.add(record.path, place, f"{owner}: date '{text}' does not match precision '{precision.value}' — {fix}")
            return None
        if len(parts) >= 2 and not 1 <= month <= 12:
            self.report.add(record.path, place, f"{owner}: date '{text}' has no month {month} — months run 01 to 12")
            return None
        if len(parts) == 3:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                self.report.add(record.path, place, f"{owner}: date '{text}' does not exist — that month has {last} days")
                return None
        return PartialDate(year, month, day, precision, fields.get("qualifier"), fields.get("basis"))

    @staticmethod
    def _aliases(record: Record) -> tuple[Alias, ...]:
        return tuple(Alias(a) if isinstance(a, str) else Alias(a["name"], a.get("autolink", True), a.get("note"),
                                                               a.get("from_article", True), tuple(a.get("sources", ())))
                     for _, a in record.items("aliases"))

    # -- records ------------------------------------------------------------------------------------

    def _source(self, record: Record, owner: str) -> Source | None:
        f = record.fields
        lines = self.seeds.lines(record, owner) if "file" in f else None
        written = self._date(record, owner, f["written"], ("written",)) if "written" in f else None
        if lines is None:
            return None
        for name, line_no in (("title", 1), ("dek", 2)):
            if name in f and f[name] != lines[line_no - 1]:
                differs = hints.difference(lines[line_no - 1], f[name])
                self.report.add(record.path, record.at(name), f"{owner}: '{name}' differs from line {line_no} of "
                                f"{f['file']}, which reads {lines[line_no - 1]!r}"
                                + (f"; {differs}" if differs else "") + " — copy it exactly")
        if not record.complete or ("written" in f and written is None):
            return None
        return Source(
            id=f["id"], file=f["file"], title=lines[0], dek=lines[1], kind=f.get("kind"), author=f.get("author"),
            publisher=f.get("publisher"), published=f.get("published"), written=written, provenance=f["provenance"],
            paragraphs=self.seeds.paragraphs(f["id"], lines), line=record.at()[0], short=f.get("short"),
        )

    def _actor(self, record: Record, owner: str) -> Actor | None:
        f = record.fields
        relations = []
        for j, relation in record.items("relations"):
            other = self._ref(record, ("relations", j, "to"), "actor", relation["to"], owner)
            if other == record.id:
                self.report.add(record.path, record.at("relations", j, "to"), f"{owner}: a relation from an actor to "
                                "itself — 'to' must name another actor")
            times = {key: self._ref(record, ("relations", j, key), "event", relation[key], owner)
                     for key in ("since", "until") if isinstance(relation.get(key), str)}
            relations.append(Relation(record.id or "", other, relation["label"], relation.get("inverse"), relation.get("note"),
                                      self._cites(record, ("relations", j, "cites"), enumerate(relation["cites"]), owner),
                                      **times, timing_from_article=relation.get("timing_from_article", True) is not False))
        cites = self._cites(record, ("cites",), record.items("cites"), owner)
        if not record.complete:
            return None
        return Actor(id=f["id"], name=f["name"], kind=ActorKind.from_key(f["kind"]), aliases=self._aliases(record),
                     title=f.get("title"), summary=f["summary"], role=f["role"], relations=tuple(relations), cites=cites,
                     line=record.at()[0])

    def _event(self, record: Record, owner: str) -> Event | None:
        f = record.fields
        actors = self._refs(record, "actors", "actor", owner)
        cites = self._cites(record, ("cites",), record.items("cites"), owner)
        date = self._date(record, owner, f)
        if date is None or not record.complete:
            return None
        return Event(id=f["id"], title=f["title"], date=date, expected=f["status"] == "expected", effect=f.get("effect"),
                     actors=actors, summary=f["summary"], cites=cites, line=record.at()[0])

    def _quote(self, record: Record, owner: str) -> Quote | None:
        f = record.fields
        if f.get("speaker"):
            self._ref(record, ("speaker",), "actor", f["speaker"], owner)
        if f.get("event"):
            self._ref(record, ("event",), "event", f["event"], owner)
        about = self._refs(record, "about", "actor", owner)
        cites = self._cites(record, ("cites",), record.items("cites"), owner)
        date = self._date(record, owner, f)
        found = self.seeds.verbatim(record, f["text"], cites, self.sources, owner) if "text" in f else None
        if found is None or not record.complete or ("date" in f and date is None):
            return None
        citation, text = found
        return Quote(id=f["id"], text=text, kind=QuoteKind.from_key(f["kind"]), speaker=f.get("speaker"),
                     attribution=f["attribution"], date=date, event=f.get("event"), about=about, context=f["context"],
                     key=bool(f.get("key", False)), cites=cites, found_in=citation, line=record.at()[0])

    def _term(self, record: Record, owner: str) -> Term | None:
        f = record.fields
        cites = self._cites(record, ("cites",), record.items("cites"), owner)
        if not record.complete:
            return None
        return Term(id=f["id"], term=f["term"], aliases=self._aliases(record), definition=f["definition"],
                    explanation=f.get("explanation"), cites=cites, line=record.at()[0])
