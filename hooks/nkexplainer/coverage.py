"""What a source holds that the data does not cover yet: the editor's map for adding records.

For one source it lists the records already named in it and where, the capitalised
names and phrases no record knows (candidate actors and terms), every quotation in
“ ” with a `quotes.yml` stub for those not yet in the data, and the paragraphs no
record cites. `python hooks/new_source.py` prints it for a new text and
`python hooks/check_data.py --coverage` for every source (`coverage_report.py` writes it).

The report proposes; editors decide. Capitalised phrases are found by a plain rule
(capitalised words, joined by "of", "and" or "for"; a sentence's first word
only if the text also capitalises it elsewhere), so a few proposals are ordinary
words, and a name written in lower case is not proposed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .mentions import alias_limits
from .model import Citation, Model
from .quoting import normalise

_MASK = "\u2063"
"""Stands in for a known name's letters, so no proposal runs across it."""

_CAPITAL_WORD = r"(?:(?:[A-Z]\.){2,}|[A-ZÀ-ÖØ-Þ][\w’'\-]*)"
"""A capitalised word ("Jong-un’s") or an abbreviation with full stops ("U.N."); a sentence's full stop ends it."""
_PHRASE = re.compile(rf"(?<![\w’'.\-]){_CAPITAL_WORD}(?:[ \u00a0](?:(?:of|and|for|de|van|von|al)[ \u00a0])*{_CAPITAL_WORD})*")
_SENTENCE_START = re.compile(r"(?:^|[.!?…][”’\")\]]*\s+|[:;]\s+(?=“)|“)")
_QUOTATION = re.compile(r"“([^“”]+)”")
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+$")
_NOT_NAMES = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday I".split()
)
"""Capitalised by convention, never an actor or a term."""
_SENTENCE_OPENERS = frozenset(
    "A An The In On At By For From To With Without Within Under Over After Before During Since Until As Of "
    "And But Or Nor So Yet If When While Whereas Although Though However Meanwhile Moreover Still Even Also Instead "
    "It It’s Its This That That’s These Those There Their They He She We You His Her Our My Your "
    "Most Many Some Each Every Both All No Not Only Such Other Another Then Now Today Yesterday "
    "Why What Who Whom Whose How Where Which Here Back Afterwards Likewise Indeed Perhaps "
    "Around Across Along Among Amid Despite Through Throughout Against Toward Towards Beyond Near Like Unlike "
    "Once Later Earlier Soon Again Yet".split()
)
"""Words that open sentences: never the start of a name, though capitalised there."""


@dataclass(frozen=True)
class KnownRecord:
    """A record the source names, by any of its names."""

    kind: str
    """'actor' or 'term'."""
    id: str
    name: str
    spellings: dict[str, int]
    """Each name used, with how often."""
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Candidate:
    """A capitalised name or phrase that no actor, term or alias matches."""

    phrase: str
    count: int
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Quotation:
    """Words in “ ” in one paragraph, and the quote record that already holds them, if any."""

    paragraph: int
    text: str
    """As a quote's `text` would hold it: without the marks or the sentence's own trailing comma."""
    quote: str | None
    named_nearby: tuple[str, ...] = ()
    """Actors named in the same sentence: the likely speaker is often among them."""


@dataclass(frozen=True)
class Coverage:
    source: str
    file: str
    paragraphs: tuple[str, ...]
    known: tuple[KnownRecord, ...]
    candidates: tuple[Candidate, ...]
    quotations: tuple[Quotation, ...]
    uncited: tuple[int, ...]
    notes: tuple[str, ...] = field(default=())
    """Lines the assistant adds at the top (what it wrote, what to do next)."""


class Index:
    """What every report of one model reads: the names, their limits, the cited paragraphs (built once)."""

    def __init__(self, model: Model) -> None:
        self.limits = alias_limits(model)
        self.names = _known_names(model)
        self.pattern = _names_pattern(self.names)
        self.cited = _cited(model)

    def for_source(self, source_id: str) -> tuple[dict[str, tuple[str, str]], re.Pattern[str] | None]:
        """The names that may mean their record in this source's text, and one pattern for them."""
        barred = [n for n, sources in self.limits.items() if source_id not in sources and n in self.names]
        if not barred:
            return self.names, self.pattern
        names = {n: r for n, r in self.names.items() if n not in barred}
        return names, _names_pattern(names)


def source_coverage(model: Model, source_id: str, index: Index | None = None) -> Coverage:
    """The coverage report of a source the model holds."""
    source = model.sources[source_id]
    return coverage(model, source.id, source.file, tuple(p.text for p in source.paragraphs), index)


def coverage(model: Model, source_id: str, file: str, paragraphs: tuple[str, ...], index: Index | None = None) -> Coverage:
    """What `paragraphs` (a source's, numbered from 1) name, quote and leave uncovered, against `model`."""
    index = index or Index(model)
    names, pattern = index.for_source(source_id)
    known_spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    known_paragraphs: dict[tuple[str, str], list[int]] = defaultdict(list)
    capitalised_inside: set[str] = set()
    masked_paragraphs: list[tuple[str, set[int]]] = []
    named_spans: list[list[tuple[int, int, tuple[str, str]]]] = []
    for number, text in enumerate(paragraphs, start=1):
        spans = [(m.start(), m.end(), names[m.group()]) for m in pattern.finditer(text)] if pattern else []
        named_spans.append(spans)
        masked = list(text)
        for start, end, record in spans:
            known_spellings[record][text[start:end]] += 1
            if number not in known_paragraphs[record]:
                known_paragraphs[record].append(number)
            masked[start:end] = _MASK * (end - start)
        masked_text = "".join(masked)
        starts = {m.end() for m in _SENTENCE_START.finditer(masked_text)}
        masked_paragraphs.append((masked_text, starts))
        for match in _PHRASE.finditer(masked_text):
            if match.start() not in starts:
                capitalised_inside.add(_clean(match.group().split()[0]))
    known = tuple(
        KnownRecord(kind, record_id, _display_name(model, kind, record_id), dict(known_spellings[(kind, record_id)]),
                    tuple(known_paragraphs[(kind, record_id)]))
        for kind, record_id in sorted(known_spellings, key=lambda r: (r[0], _display_name(model, *r).casefold()))
    )
    return Coverage(
        source=source_id, file=file, paragraphs=paragraphs, known=known,
        candidates=_candidates(masked_paragraphs, capitalised_inside),
        quotations=_quotations(model, source_id, paragraphs, named_spans),
        uncited=tuple(n for n in range(1, len(paragraphs) + 1) if Citation(source_id, n) not in index.cited),
    )


# -- known names ----------------------------------------------------------------------------------


def _known_names(model: Model) -> dict[str, tuple[str, str]]:
    """Every name and alias, linked or not, with the record it means (a lower-case one also capitalised)."""
    names: dict[str, tuple[str, str]] = {}
    for actor in model.actors.values():
        for name in (actor.name, *(a.name for a in actor.aliases)):
            names.setdefault(name, ("actor", actor.id))
    for term in model.terms.values():
        for name in (term.term, *(a.name for a in term.aliases)):
            names.setdefault(name, ("term", term.id))
            if name[:1].islower():
                names.setdefault(name[:1].upper() + name[1:], ("term", term.id))
    return names


def _names_pattern(names: dict[str, tuple[str, str]]) -> re.Pattern[str] | None:
    if not names:
        return None
    # Longest first: at one position the regex takes the first alternative that matches.
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def _display_name(model: Model, kind: str, record_id: str) -> str:
    return model.actors[record_id].name if kind == "actor" else model.terms[record_id].term


# -- candidates -----------------------------------------------------------------------------------


def _clean(phrase: str) -> str:
    """A phrase without a possessive, a trailing hyphen or a sentence's full stop ("U.S." keeps its own)."""
    phrase = re.sub(r"[’']s$", "", phrase).rstrip("’'-")
    last = phrase.split()[-1] if phrase.split() else phrase
    if phrase.endswith(".") and not _ABBREVIATION.match(last):
        phrase = phrase.rstrip(".")
    return phrase


def _candidates(masked_paragraphs: list[tuple[str, set[int]]], capitalised_inside: set[str]) -> tuple[Candidate, ...]:
    counts: Counter[str] = Counter()
    where: dict[str, list[int]] = defaultdict(list)
    for number, (text, starts) in enumerate(masked_paragraphs, start=1):
        for match in _PHRASE.finditer(text):
            words = match.group().split()
            if match.start() in starts:
                first = _clean(words[0])
                # A sentence's first word is capitalised anyway: drop a usual opener ("The", "However"), and a word
                # standing alone unless the text also capitalises it elsewhere or it is an abbreviation ("ASEAN").
                alone = len(words) == 1 and first not in capitalised_inside and not (first.isupper() and len(first) > 1)
                if first in _SENTENCE_OPENERS or alone:
                    words = words[1:]
                    while words and words[0] in ("of", "and", "for", "de", "van", "von", "al"):
                        words = words[1:]
            phrase = _clean(" ".join(words)) if words else ""
            if not phrase or phrase in _NOT_NAMES or not phrase[0].isupper():
                continue
            counts[phrase] += 1
            if number not in where[phrase]:
                where[phrase].append(number)
    ordered = sorted(counts, key=lambda p: (-counts[p], where[p][0], p))
    return tuple(Candidate(p, counts[p], tuple(where[p])) for p in ordered)


# -- quotations -----------------------------------------------------------------------------------


def _quotations(model: Model, source_id: str, paragraphs: tuple[str, ...],
                named_spans: list[list[tuple[int, int, tuple[str, str]]]]) -> tuple[Quotation, ...]:
    found = []
    for number, text in enumerate(paragraphs, start=1):
        here = Citation(source_id, number)
        quotes = [*model.quotes_citing.get(here, ()), *model.quotes_found_in.get(here, ())]
        for match in _QUOTATION.finditer(text):
            words = _quote_text(match.group(1))
            wanted = normalise(words)
            held = next((q.id for q in quotes if wanted in normalise(q.text) or normalise(q.text) in wanted), None)
            sentence = _sentence_around(text, match.start(), match.end())
            nearby = []
            for start, end, (kind, record_id) in named_spans[number - 1]:
                if kind == "actor" and sentence[0] <= start and end <= sentence[1] and record_id not in nearby:
                    nearby.append(record_id)
            found.append(Quotation(number, words, held, tuple(nearby)))
    return tuple(found)


def _quote_text(inner: str) -> str:
    """The words as a quote's `text`: the sentence's comma stays outside; a fragment's full stop too."""
    words = inner.strip().rstrip(",;:")
    if words.endswith(".") and not words[:1].isupper():
        words = words[:-1]
    return words


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence a quotation stands in; one that ends with its own full stop ends the sentence there."""
    before = max((m.end() for m in re.finditer(r"[.!?][”’]?\s+", text[:start])), default=0)
    if text[start:end].rstrip("”’ ")[-1:] in (".", "!", "?"):
        return before, end
    after = re.search(r"[.!?][”’]?(\s|$)", text[end:])
    return before, end + (after.end() if after else len(text) - end)


# -- citations ------------------------------------------------------------------------------------


def _cited(model: Model) -> set[Citation]:
    cited: set[Citation] = set()
    for actor in model.actors.values():
        cited.update(actor.cites)
        for relation in actor.relations:
            cited.update(relation.cites)
    for records in (model.events.values(), model.quotes.values(), model.terms.values()):
        for record in records:
            cited.update(record.cites)
    return cited


# -- seeds without a record -----------------------------------------------------------------------


def unrecorded_seeds(root: Path, model: Model) -> list[Problem]:
    """A text under `seeds/` that no source record names: the site ignores it, which is rarely what the editor meant."""
    used = {(root / source.file).resolve() for source in model.sources.values()}  # a symlinked seed counts
    problems = []
    for path in sorted((root / "seeds").rglob("*.txt")):
        relative = path.relative_to(root).as_posix()
        if path.resolve() not in used and not path.name.startswith("."):
            problems.append(Problem(relative, 0, 0, "no record in data/sources.yml uses this file — run "
                                    f"`python hooks/new_source.py {relative}` to add one, or move the file out of seeds/"))
    return problems
