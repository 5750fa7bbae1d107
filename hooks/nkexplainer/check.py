"""From the YAML files to a checked `Model`, or one `DataError` listing every problem.

Order: read each file and validate its shape (`validate`) → check what a
schema cannot (unique ids and names, references, real dates, quotes verbatim in
the seed, seed files inside `seeds/`) → build the immutable model.
"""

from __future__ import annotations

import calendar
import difflib
from pathlib import Path
from typing import Any, Callable

from . import schema
from .aliases import check_aliases
from .dates import PartialDate, Precision
from .errors import Report
from .load import Document
from .model import (
    Actor,
    ActorKind,
    Alias,
    Citation,
    Event,
    Model,
    Paragraph,
    Quote,
    QuoteKind,
    Relation,
    Source,
    Term,
)
from .quoting import closest_passage, find_verbatim
from .validate import Record, read_records


def load_model(root: Path) -> Model:
    """Read and check `root/data/*.yml` and the seeds they cite; raise `DataError` on any problem."""
    report = Report()
    valid, with_ids = {}, {}
    unreadable: set[str] = set()
    for name in schema.FILES:
        before = len(report.problems)
        valid[name], with_ids[name] = read_records(root, name, report)
        if not with_ids[name] and len(report.problems) > before:
            unreadable.add(schema.FILES[name][0])  # missing, unreadable, empty or not a list
    checker = _Checker(root, report, valid, with_ids, unreadable)
    model = checker.build()
    check_aliases(model, valid, report)
    report.raise_if_any()
    return model


class _Checker:
    """Builds model records from schema-valid records, reporting what a schema cannot see."""

    def __init__(self, root: Path, report: Report, records: dict[str, list[Record]], with_ids: dict[str, list[Record]],
                 unreadable: set[str]) -> None:
        self.root = root
        self.unreadable = unreadable
        """Kinds whose file could not be read: references to them are not reported again as unknown."""
        self.report = report
        self.records = records
        # Ids of records that failed their schema still count, so one mistake is not reported again as unknown ids.
        self.ids: dict[str, dict[str, tuple[str, tuple[int, int]]]] = {}
        for name, (kind, _) in schema.FILES.items():
            self.ids[kind] = self._unique_ids(kind, with_ids[name])

    def build(self) -> Model:
        sources = self._build_all("sources", self._source)
        self.sources = sources
        actors = self._build_all("actors", self._actor)
        events = self._build_all("events", self._event)
        quotes = self._build_all("quotes", self._quote)
        terms = self._build_all("glossary", self._term)
        self._unique_names()
        return Model(sources=sources, actors=actors, events=events, quotes=quotes, terms=terms)

    # -- ids and names ---------------------------------------------------------------

    def _unique_ids(self, kind: str, records: list[Record]) -> dict[str, tuple[str, tuple[int, int]]]:
        seen: dict[str, tuple[str, tuple[int, int]]] = {}
        for document, i, record in records:
            place = document.at((i, "id"))
            first = seen.get(record["id"])
            if first:
                self.report.add(document.path, place, f"{kind} id '{record['id']}' is already used at "
                                f"{first[0]}:{first[1][0]} — give this {kind} another id")
                continue
            seen[record["id"]] = (document.path, place)
        return seen

    def _unique_names(self) -> None:
        claimed: dict[str, tuple[str, str, tuple[int, int]]] = {}
        for name, field, alias_field in (("actors", "name", "aliases"), ("glossary", "term", "aliases")):
            kind = schema.FILES[name][0]
            for document, i, record in self.records[name]:
                names = [((i, field), record[field])]
                for j, alias in enumerate(record.get(alias_field, [])):
                    names.append(((i, alias_field, j), alias if isinstance(alias, str) else alias["name"]))
                for pointer, text in names:
                    owner = f"{kind} '{record['id']}'"
                    first = claimed.get(text)
                    if first and first[0] != owner:
                        self.report.add(document.path, document.at(pointer), f"'{text}' is claimed by {owner} and by "
                                        f"{first[0]} ({first[1]}:{first[2][0]}) — a name or alias may mean one record only; remove one")
                    elif not first:
                        claimed[text] = (owner, document.path, document.at(pointer))

    # -- shared fields ---------------------------------------------------------------

    def _build_all(self, name: str, build: Callable[[Document, int, dict[str, Any]], Any]) -> dict[str, Any]:
        built = {}
        for document, i, record in self.records[name]:
            if self.ids[schema.FILES[name][0]].get(record["id"], (None, None))[1] != document.at((i, "id")):
                continue  # a duplicate id, already reported
            value = build(document, i, record)
            if value is not None:
                built[record["id"]] = value
        return built

    def _who(self, kind: str, record: dict[str, Any]) -> str:
        return f"{kind} '{record['id']}'"

    def _ref(self, document: Document, pointer: tuple, kind: str, value: str, owner: str) -> str:
        known = self.ids[kind]
        if value not in known and kind not in self.unreadable:
            guess = difflib.get_close_matches(value, list(known), n=1)
            article = "an" if kind[0] in "aeiou" else "a"
            hint = f"did you mean '{guess[0]}'?" if guess else f"add {article} {kind} with this id first, or fix the id"
            self.report.add(document.path, document.at(pointer), f"{owner}: unknown {kind} '{value}' — {hint}")
        return value

    def _cites(self, document: Document, base: tuple, values: list[str], owner: str) -> tuple[Citation, ...]:
        citations = []
        for j, text in enumerate(values):
            source_id, _, anchor = text.partition("#")
            citation = Citation(source_id, int(anchor[1:]))
            pointer = (*base, j)
            source = self.sources.get(source_id)
            if source_id not in self.ids["source"]:
                self._ref(document, pointer, "source", source_id, owner)
            elif source and citation.number > len(source.paragraphs):
                self.report.add(document.path, document.at(pointer), f"{owner}: '{text}' cites paragraph {citation.number}, "
                                f"but source '{source_id}' has {len(source.paragraphs)} paragraphs — cite p1 to p{len(source.paragraphs)}")
            citations.append(citation)
        return tuple(citations)

    def _date(self, document: Document, i: int, record: dict[str, Any], owner: str, prefix: tuple = ()) -> PartialDate | None:
        fields = record
        pointer = (i, *prefix)
        if "date" not in fields:
            return None
        if "precision" not in fields:
            self.report.add(document.path, document.at((*pointer, "date")), f"{owner}: a date needs 'precision' (year, month or day)")
            return None
        text = str(fields["date"])
        precision = Precision(fields["precision"])
        parts = [int(p) for p in text.split("-")]
        place = document.at((*pointer, "date"))
        if len(parts) != precision.parts:
            shown = "-".join(text.split("-")[: precision.parts])
            self.report.add(document.path, place, f"{owner}: date '{text}' does not match precision '{precision.value}' — "
                            f"write '{shown}' for a {precision.value}, or change precision to "
                            f"'{[p for p in Precision if p.parts == len(parts)][0].value}' if the article gives that much")
            return None
        year, month, day = (parts + [0, 0])[:3]
        if len(parts) >= 2 and not 1 <= month <= 12:
            self.report.add(document.path, place, f"{owner}: date '{text}' has no month {month} — months run 01 to 12")
            return None
        if len(parts) == 3:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                self.report.add(document.path, place, f"{owner}: date '{text}' does not exist — that month has {last} days")
                return None
        return PartialDate(year, month, day, precision, fields.get("qualifier"), fields.get("basis"))

    @staticmethod
    def _aliases(record: dict[str, Any]) -> tuple[Alias, ...]:
        return tuple(Alias(a) if isinstance(a, str) else Alias(a["name"], a.get("autolink", True), a.get("note"),
                                                               a.get("from_article", True))
                     for a in record.get("aliases", []))

    # -- records ---------------------------------------------------------------------

    def _source(self, document: Document, i: int, record: dict[str, Any]) -> Source | None:
        owner = self._who("source", record)
        text = self._seed_text(document, i, record["file"], owner)
        if text is None:
            return None
        lines = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
        if len(lines) < 3:
            self.report.add(document.path, document.at((i, "file")), f"{owner}: '{record['file']}' must hold a title line, "
                            "a dek line and at least one paragraph line")
            return None
        for field, line_no in (("title", 1), ("dek", 2)):
            if record[field] != lines[line_no - 1]:
                self.report.add(document.path, document.at((i, field)), f"{owner}: '{field}' differs from line {line_no} of "
                                f"{record['file']}, which reads {lines[line_no - 1]!r} — copy it exactly")
        paragraphs = tuple(Paragraph(record["id"], n, line) for n, line in enumerate(lines[2:], start=1))
        return Source(
            id=record["id"], file=record["file"], title=lines[0], dek=lines[1], kind=record.get("kind"),
            author=record.get("author"), publisher=record.get("publisher"), published=record.get("published"),
            written=self._date(document, i, record["written"], owner, ("written",)) if "written" in record else None,
            provenance=record["provenance"], paragraphs=paragraphs, line=document.at((i,))[0], short=record.get("short"),
        )

    def _seed_text(self, document: Document, i: int, file: str, owner: str) -> str | None:
        place = document.at((i, "file"))
        seeds = (self.root / "seeds").resolve()
        candidate = Path(file)
        resolved = (self.root / candidate).resolve()
        if candidate.is_absolute() or ".." in candidate.parts or seeds not in resolved.parents:
            self.report.add(document.path, place, f"{owner}: file '{file}' is outside seeds/ — put the text in seeds/ and "
                            "write its path as 'seeds/<name>.txt'")
            return None
        if not resolved.is_file():
            self.report.add(document.path, place, f"{owner}: file '{file}' does not exist — check the name under seeds/")
            return None
        try:
            return resolved.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            self.report.add(document.path, place, f"{owner}: '{file}' is not UTF-8 text — save it as UTF-8")
            return None

    def _actor(self, document: Document, i: int, record: dict[str, Any]) -> Actor:
        owner = self._who("actor", record)
        relations = []
        for j, relation in enumerate(record.get("relations", [])):
            other = self._ref(document, (i, "relations", j, "to"), "actor", relation["to"], owner)
            relations.append(Relation(record["id"], other, relation["label"], relation["inverse"], relation.get("note"),
                                      self._cites(document, (i, "relations", j, "cites"), relation["cites"], owner)))
        return Actor(
            id=record["id"], name=record["name"], kind=ActorKind.from_key(record["kind"]), aliases=self._aliases(record),
            title=record.get("title"), summary=record["summary"], role=record["role"], relations=tuple(relations),
            cites=self._cites(document, (i, "cites"), record["cites"], owner), line=document.at((i,))[0],
        )

    def _event(self, document: Document, i: int, record: dict[str, Any]) -> Event | None:
        owner = self._who("event", record)
        actors = tuple(self._ref(document, (i, "actors", j), "actor", a, owner) for j, a in enumerate(record["actors"]))
        cites = self._cites(document, (i, "cites"), record["cites"], owner)
        date = self._date(document, i, record, owner)
        if date is None:
            return None
        return Event(id=record["id"], title=record["title"], date=date, expected=record["status"] == "expected",
                     effect=record.get("effect"), actors=actors, summary=record["summary"], cites=cites,
                     line=document.at((i,))[0])

    def _quote(self, document: Document, i: int, record: dict[str, Any]) -> Quote | None:
        owner = self._who("quote", record)
        speaker = record.get("speaker")
        if speaker:
            self._ref(document, (i, "speaker"), "actor", speaker, owner)
        if record.get("event"):
            self._ref(document, (i, "event"), "event", record["event"], owner)
        about = tuple(self._ref(document, (i, "about", j), "actor", a, owner) for j, a in enumerate(record.get("about", [])))
        cites = self._cites(document, (i, "cites"), record["cites"], owner)
        date = self._date(document, i, record, owner)
        found = self._verbatim(document, i, record["text"], cites, owner)
        if found is None:
            return None
        citation, text = found
        return Quote(
            id=record["id"], text=text, kind=QuoteKind.from_key(record["kind"]), speaker=speaker,
            attribution=record["attribution"], date=date, event=record.get("event"), about=about,
            context=record["context"], key=bool(record.get("key", False)), cites=cites, found_in=citation,
            line=document.at((i,))[0],
        )

    def _verbatim(self, document: Document, i: int, text: str, cites: tuple[Citation, ...], owner: str) -> tuple[Citation, str] | None:
        paragraphs = [self.sources[c.source].paragraph(c.number) for c in cites
                      if c.source in self.sources and c.number <= len(self.sources[c.source].paragraphs)]
        if len(paragraphs) != len(cites):
            return None  # a bad citation, already reported
        for paragraph in paragraphs:
            exact = find_verbatim(text, paragraph.text)
            if exact is not None:
                return paragraph.citation, exact
        best = max(((closest_passage(text, p.text), p) for p in paragraphs), key=lambda found: found[0][0])
        (_, passage), paragraph = best
        self.report.add(document.path, document.at((i, "text")), f"{owner}: the text is not word for word in "
                        f"{', '.join(str(c) for c in cites)}; the closest passage in {paragraph.citation} reads "
                        f"{passage!r} — copy the words exactly from the article")
        return None

    def _term(self, document: Document, i: int, record: dict[str, Any]) -> Term:
        owner = self._who("term", record)
        return Term(id=record["id"], term=record["term"], aliases=self._aliases(record), definition=record["definition"],
                    explanation=record.get("explanation"), cites=self._cites(document, (i, "cites"), record["cites"], owner),
                    line=document.at((i,))[0])
