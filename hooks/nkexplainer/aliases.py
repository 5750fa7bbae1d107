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
                found = next(_where(spelled, texts), None)
                owner = f"{kind} '{record['id']}'"
                if from_article and found is None:
                    report.add(document.path, document.at(pointer), f"{owner}: alias '{spelled}' does not occur in "
                               f"{_sources_phrase(model)} — copy the spelling exactly from the text, or, for a name "
                               "the text never uses, add `from_article: false` (the page then says so)")
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


def _sources_phrase(model: Model) -> str:
    if len(model.sources) == 1:
        source = next(iter(model.sources.values()))
        return f"the text of source '{source.id}' ({source.file})"
    return f"any of the {len(model.sources)} sources' texts"
