"""The annotated article: each paragraph with its mentions linked and its quotes marked."""

from __future__ import annotations

from dataclasses import dataclass

from .link import Linker
from .model import Citation, Model, Paragraph, Quote
from .quoting import locate
from .text import link_title, md_inline
from .urls import QUOTES, Links

_SNIPPET_WORDS = 12
"""Words of context either side of a mention in a snippet."""


@dataclass(frozen=True)
class ParagraphMention:
    """A record named in a paragraph of a source, with the words around its first mention."""

    citation: Citation
    snippet: str
    position: int
    """Where in the paragraph the first mention starts."""


def paragraph_mentions(model: Model, linker: Linker) -> dict[tuple[str, str], list[ParagraphMention]]:
    """For each actor and term: every paragraph of every source that names it, in order."""
    found: dict[tuple[str, str], list[ParagraphMention]] = {}
    for source in model.sources.values():
        for paragraph in source.paragraphs:
            first: dict[tuple[str, str], int] = {}
            for start, _, target in linker.find(paragraph.text):
                first.setdefault(target.key, start)
            for key, start in first.items():
                found.setdefault(key, []).append(ParagraphMention(paragraph.citation, _snippet(paragraph.text, start), start))
    return found


def named_in_paragraphs(in_article: dict[tuple[str, str], list[ParagraphMention]]) -> dict[Citation, dict[str, list[str]]]:
    """For each paragraph: the ids of the actors and terms it names, by kind, in order of first mention
    (the same scan as `paragraph_mentions`, read the other way round)."""
    firsts: dict[Citation, list[tuple[int, str, str]]] = {}
    for (kind, record_id), mentions in in_article.items():
        for mention in mentions:
            firsts.setdefault(mention.citation, []).append((mention.position, kind, record_id))
    named: dict[Citation, dict[str, list[str]]] = {}
    for citation, found in firsts.items():
        by_kind: dict[str, list[str]] = {"actor": [], "term": []}
        for _, kind, record_id in sorted(found):
            by_kind[kind].append(record_id)
        named[citation] = by_kind
    return named


def _snippet(text: str, position: int) -> str:
    before, after = text[:position].split(), text[position:].split()
    head, tail = before[-_SNIPPET_WORDS:], after[:_SNIPPET_WORDS]
    return ("…" if len(before) > len(head) else "") + " ".join(head + tail) + ("…" if len(after) > len(tail) else "")


def annotate(paragraph: Paragraph, quotes: tuple[Quote, ...], linker: Linker, links: Links) -> str:
    """The paragraph as one line of Markdown: every mention linked, every quote marked and linked."""
    text = paragraph.text
    opens: dict[int, list[Quote]] = {}
    closes: dict[int, list[Quote]] = {}
    spans: list[tuple[int, int]] = []
    for quote in sorted(quotes, key=lambda q: -len(q.text)):
        span = locate(quote.text, text)
        if span is None or any(s < span[0] < e < span[1] or span[0] < s < span[1] < e for s, e in spans):
            continue  # crossing another quote: HTML cannot nest it
        spans.append(span)
        opens.setdefault(span[0], []).append(quote)
        closes.setdefault(span[1], []).insert(0, quote)
    boundaries = sorted(set(opens) | set(closes))
    out: list[str] = []
    position = 0

    def up_to(limit: int) -> None:
        """Write text and quote edges up to `limit`."""
        nonlocal position
        while boundaries and boundaries[0] <= limit:
            at = boundaries.pop(0)
            out.append(md_inline(text[position:at]))
            position = at
            for quote in closes.get(at, ()):
                label = link_title(f"Quote: {quote.attribution}")
                out.append(f'</span>[❞]({links.to(QUOTES, quote.id)} "{label}"){{ .nkx-quote-mark }}')
            out.extend('<span class="nkx-quoted">' for _ in opens.get(at, ()))
        out.append(md_inline(text[position:limit]))
        position = limit

    for start, end, target in linker.find(text):
        if any(start < b < end for b in boundaries):
            continue  # a name cut by a quote's edge stays plain
        up_to(start)
        out.append(linker.link_to(target, md_inline(text[start:end]), links))
        position = end
    up_to(len(text))
    return "".join(out)
