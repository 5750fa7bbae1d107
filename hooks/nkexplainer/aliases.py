"""Aliases the sources bear out: an alias says "a source calls this record so", and the sources must agree.

An alias is spelled exactly as a source writes it (the mention linker finds it by
those letters), so one that no source writes is a typo or a name the editors
brought in themselves. The second kind is welcome (CSIS for the Center for
Strategic and International Studies) but must say so with `from_article: false`,
and the pages then show it as not from the article. A name marked that way that
a source does write is reported too, because the page would then say something false.

Whole words only, by the linker's rule: "Kim" is not found inside "Kimchi", and a
lower-case alias also counts at the start of a sentence ("thaw", "Thaw").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import schema

if TYPE_CHECKING:
    from .errors import Report
    from .load import Document
    from .model import Model, Source
    from .validate import Record


def check_aliases(model: Model, records: dict[str, list[Record]], report: Report) -> None:
    """Report each alias no source writes unless it is marked `from_article: false`, and each marked one a source writes.

    Skipped while a source could not be read: its text might hold the alias.
    """
    source_file = "data/sources.yml"
    if not model.sources or any(p.path == source_file for p in report.problems):
        return
    texts = [(source, _source_text(source)) for source in model.sources.values()]
    spellings = [a if isinstance(a, str) else a.get("name") for name in ("actors", "glossary")
                 for record in records[name] for _, a in record.items("aliases")]
    written = _where_written({s for s in spellings if isinstance(s, str) and s}, texts)
    for name, field in (("actors", "name"), ("glossary", "term")):
        kind = schema.FILES[name][0]
        for record in records[name]:
            for j, alias in record.items("aliases"):
                spelled = alias if isinstance(alias, str) else alias.get("name")
                if not isinstance(spelled, str) or not spelled:
                    continue  # a schema problem, already reported
                from_article = True if isinstance(alias, str) else alias.get("from_article", True) is not False
                pointer = ("aliases", j) if isinstance(alias, str) else ("aliases", j, "name")
                limited = alias.get("sources") if isinstance(alias, dict) else None
                scope = [(s, t) for s, t in texts if not limited or s.id in limited]
                found = next((where for source_id, where in written.get(spelled, {}).items()
                              if not limited or source_id in limited), None)
                owner = f"{kind} '{record.id}'" if record.id else f"the {kind} on line {record.at()[0]}"
                if isinstance(alias, dict) and isinstance(alias.get("note"), str):
                    _check_note(alias["note"], model, record.document, (record.index, "aliases", j, "note"),
                                f"{owner}: alias '{spelled}'", report)
                if from_article and found is None and scope:
                    report.add(record.path, record.at(*pointer), f"{owner}: alias '{spelled}' does not occur in "
                               f"{_sources_phrase([s for s, _ in scope], len(texts))} — copy the spelling exactly from "
                               "the text, or, for a name the text never uses, add `from_article: false` (the page then says so)")
                elif not from_article and found is not None:
                    report.add(record.path, record.at(*pointer), f"{owner}: alias '{spelled}' is marked "
                               f"`from_article: false`, but {found} writes it — remove `from_article: false`")


def _where_written(names: set[str], texts: list[tuple[Source, list[tuple[str, str]]]]) -> dict[str, dict[str, str]]:
    """For each of `names` a source writes as a whole word: source id → where it first does (`evolving-relations#p3`).

    One pass over the text, not one per name: each word that starts a name (or its capitalised variant) is
    looked up, and the names starting with it are compared there. A hundred sources and three thousand
    aliases take a fraction of a second this way; a search per name and paragraph took half a minute.
    """
    by_first: dict[str, list[tuple[str, str]]] = {}
    odd: list[str] = []
    for name in names:
        for spelling in {name, name[:1].upper() + name[1:]}:
            first = _FIRST_WORD.match(spelling)
            if first is None or first.start() != 0:
                odd.append(name)  # starts with a mark, e.g. "“": searched the slow way below
            else:
                by_first.setdefault(first.group(), []).append((spelling, name))
    found: dict[str, dict[str, str]] = {}
    for source, parts in texts:
        for label, text in parts:
            for word in _FIRST_WORD.finditer(text):
                for spelling, name in by_first.get(word.group(), ()):
                    end = word.start() + len(spelling)
                    if text.startswith(spelling, word.start()) and (end == len(text) or not _WORD_CHAR.match(text[end])):
                        found.setdefault(name, {}).setdefault(source.id, f"{source.id}{label}")
            for name in odd:
                if re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text):
                    found.setdefault(name, {}).setdefault(source.id, f"{source.id}{label}")
    return found


_FIRST_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _source_text(source: Source) -> list[tuple[str, str]]:
    return [(" (title)", source.title), (" (standfirst)", source.dek),
            *((f"#{p.citation.anchor}", p.text) for p in source.paragraphs)]


def _sources_phrase(sources: list[Source], total: int) -> str:
    if len(sources) == 1:
        return f"the text of source '{sources[0].id}' ({sources[0].file})"
    if len(sources) == total:
        return f"any of the {total} sources' texts"
    return "the texts of the sources it is limited to (" + ", ".join(f"'{s.id}'" for s in sources) + ")"


_BARE_PARAGRAPH = re.compile(r"(?<![\w#])p(\d+)\b")
_PILCROW = re.compile(r"¶\s*(\d+)")


def _check_note(note: str, model: Model, document: Document, pointer: tuple, owner: str, report: Report) -> None:
    """A note that points to a paragraph writes ¶ and names the source, so it still reads right with several sources."""
    bare = _BARE_PARAGRAPH.search(note)
    if bare:
        report.add(document.path, document.at(pointer), f"{owner}: the note writes '{bare.group()}' — write "
                   f"¶{bare.group(1)} and name the source, e.g. '¶{bare.group(1)} of “{_a_title(model)}”'")
        return
    cited = [int(n) for n in _PILCROW.findall(note)]
    if not cited:
        return
    named = [s for s in model.sources.values() if s.title in note or (s.short and s.short in note) or s.id in note]
    if not named:
        report.add(document.path, document.at(pointer), f"{owner}: the note cites ¶{cited[0]} without naming its "
                   f"source — add the source's title, e.g. '¶{cited[0]} of “{_a_title(model)}”'")
        return
    most = max(len(s.paragraphs) for s in named)
    for number in cited:
        if number > most:
            report.add(document.path, document.at(pointer), f"{owner}: the note cites ¶{number}, but "
                       f"{' / '.join(repr(s.id) for s in named)} has {most} paragraphs — fix the number")


def _a_title(model: Model) -> str:
    return next(iter(model.sources.values())).title
