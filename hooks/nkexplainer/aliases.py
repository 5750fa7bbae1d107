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
from typing import TYPE_CHECKING, Iterator

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
    for name, field in (("actors", "name"), ("glossary", "term")):
        kind = schema.FILES[name][0]
        for document, i, record in records[name]:
            for j, alias in enumerate(record.get("aliases") or []):
                spelled = alias if isinstance(alias, str) else alias.get("name")
                if not isinstance(spelled, str) or not spelled:
                    continue  # a schema problem, already reported
                from_article = True if isinstance(alias, str) else alias.get("from_article", True) is not False
                pointer = (i, "aliases", j) if isinstance(alias, str) else (i, "aliases", j, "name")
                limited = alias.get("sources") if isinstance(alias, dict) else None
                scope = [(s, t) for s, t in texts if not limited or s.id in limited]
                found = next(_where(spelled, scope), None)
                owner = f"{kind} '{record['id']}'"
                if isinstance(alias, dict) and isinstance(alias.get("note"), str):
                    _check_note(alias["note"], model, document, (i, "aliases", j, "note"), f"{owner}: alias '{spelled}'", report)
                if from_article and found is None and scope:
                    report.add(document.path, document.at(pointer), f"{owner}: alias '{spelled}' does not occur in "
                               f"{_sources_phrase([s for s, _ in scope], len(texts))} — copy the spelling exactly from "
                               "the text, or, for a name the text never uses, add `from_article: false` (the page then says so)")
                elif not from_article and found is not None:
                    report.add(document.path, document.at(pointer), f"{owner}: alias '{spelled}' is marked "
                               f"`from_article: false`, but {found} writes it — remove `from_article: false`")


def occurs(name: str, text: str) -> bool:
    """Whether `name` stands in `text` as a whole word, as the mention linker would find it."""
    return _pattern(name).search(text) is not None


def _where(name: str, texts: list[tuple[Source, list[tuple[str, str]]]]) -> Iterator[str]:
    """Where a source writes `name`, e.g. `evolving-relations#p3`, first to last."""
    pattern = _pattern(name)
    for source, parts in texts:
        for label, text in parts:
            if pattern.search(text):
                yield f"{source.id}{label}"


def _pattern(name: str) -> re.Pattern[str]:
    spellings = [name]
    if name[:1].islower():
        spellings.append(name[:1].upper() + name[1:])
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(s) for s in spellings) + r")(?![\w])")


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
