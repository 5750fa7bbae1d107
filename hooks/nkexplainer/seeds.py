"""The texts under `seeds/`: read safely from what editors write in `file:`, and quotes held against them.

A `file:` value comes from an editor's pull request, so it is checked before it
reaches the file system: no control characters (a NUL byte makes Python's `open`
raise), no over-long names, nothing outside `seeds/`, a file and not a folder,
and not larger than `load.MAX_BYTES`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from . import hints
from .errors import Report
from .load import read_bytes
from .model import Citation, Paragraph, Source
from .quoting import closest_passage, cut_words, find_verbatim, locate

if TYPE_CHECKING:
    from .validate import Record

_MAX_NAME = 255
"""Bytes in one part of a path: what Linux, macOS and Windows file systems allow."""
_MAX_PATH = 1024


class SeedReader:
    """Reads the seeds that sources name, reporting every problem at the source's `file:` field."""

    def __init__(self, root: Path, report: Report) -> None:
        self.root = root
        self.report = report

    def lines(self, record: Record, owner: str) -> list[str] | None:
        """The non-empty lines of the source's seed file: title, dek, then one paragraph a line."""
        file = record.fields["file"]
        place = (record.path, record.at("file"))
        problem = self._unsafe(file)
        if problem:
            self.report.add(*place, f"{owner}: file {file!r} {problem}")
            return None
        raw = read_bytes(self.root, file, self.report, about=f"{owner}: file '{file}'", place=place)
        if raw is None:
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            self.report.add(*place, f"{owner}: '{file}' is not UTF-8 text — save it as UTF-8")
            return None
        if text.startswith("\ufeff"):
            self.report.add(*place, f"{owner}: '{file}' starts with an invisible byte order mark (U+FEFF) — save it as "
                            "UTF-8 without BOM (\"UTF-8\", not \"UTF-8 with BOM\")")
            text = text[1:]
        lines = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
        if len(lines) < 3:
            self.report.add(*place, f"{owner}: '{file}' must hold a title line, a dek line and at least one paragraph line")
            return None
        return lines

    def _unsafe(self, file: str) -> str | None:
        """Why `file` may not be opened, in editors' words; None when it is a plain path under seeds/."""
        odd = [c for c in file if unicodedata.category(c) in ("Cc", "Cf")]
        if odd:
            return f"contains {', '.join(hints.name(c) for c in dict.fromkeys(odd))} — retype the name"
        parts = Path(file).parts
        if len(file.encode("utf-8")) > _MAX_PATH or any(len(p.encode("utf-8")) > _MAX_NAME for p in parts):
            return f"is too long — a name may have at most {_MAX_NAME} bytes, a path {_MAX_PATH}"
        seeds = (self.root / "seeds").resolve()
        try:
            resolved = (self.root / file).resolve()
        except (OSError, RuntimeError):  # a symlink loop
            return "cannot be followed (a link that points to itself?) — name the text file itself"
        if resolved == seeds or (seeds in resolved.parents and resolved.is_dir()):
            return "is a folder, not a file — name the text file, e.g. 'seeds/<name>.txt'"
        if Path(file).is_absolute() or ".." in parts or seeds not in resolved.parents:
            return "is outside seeds/ — put the text in seeds/ and write its path as 'seeds/<name>.txt'"
        return None

    @staticmethod
    def paragraphs(source_id: str, lines: list[str]) -> tuple[Paragraph, ...]:
        return tuple(Paragraph(source_id, n, line) for n, line in enumerate(lines[2:], start=1))

    def verbatim(self, record: Record, text: str, cites: tuple[Citation, ...], sources: dict[str, Source],
                 owner: str) -> tuple[Citation, str] | None:
        """The cited paragraph that holds `text` word for word, and the text in the article's characters;
        None (reported) when none does."""
        paragraphs = [sources[c.source].paragraph(c.number) for c in cites
                      if c.source in sources and c.number <= len(sources[c.source].paragraphs)]
        if not paragraphs or len(paragraphs) != len(cites):
            return None  # a bad citation, already reported
        place = (record.path, record.at("text"))
        for paragraph in paragraphs:
            span = locate(text, paragraph.text)
            if span is None:
                continue
            cut = cut_words(text, paragraph.text, span)
            if cut:
                words, whole = cut
                self.report.add(*place, f"{owner}: the text cuts {words} in half — quote whole words, e.g. {whole!r}")
                return None
            return paragraph.citation, paragraph.text[span[0]: span[1]]
        cited = ", ".join(str(c) for c in cites)
        elsewhere = self._elsewhere(text, cites, sources)
        if elsewhere:
            self.report.add(*place, f"{owner}: the text is not in {cited}, but it is in {elsewhere} — cite {elsewhere}")
            return None
        (ratio, passage), paragraph = max(((closest_passage(text, p.text), p) for p in paragraphs),
                                          key=lambda found: found[0][0])
        differs = hints.difference(passage, text) if passage else None
        detail = f"; {differs}" if differs else ""
        self.report.add(*place, f"{owner}: the text is not word for word in {cited}; the closest passage in "
                        f"{paragraph.citation} reads {passage!r}{detail} — copy the words exactly from the article")
        return None

    @staticmethod
    def _elsewhere(text: str, cites: tuple[Citation, ...], sources: dict[str, Source]) -> Citation | None:
        """The paragraph that holds `text`, when the record cites another: of the cited sources first."""
        cited_sources = list(dict.fromkeys(c.source for c in cites))
        others = [s for s in sources if s not in cited_sources]
        for source_id in cited_sources + others:
            for paragraph in sources[source_id].paragraphs if source_id in sources else ():
                if find_verbatim(text, paragraph.text) is not None:
                    return paragraph.citation
        return None
