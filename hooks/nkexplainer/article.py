"""The article page: each paragraph as clean text, with its annotations ready to be shown.

By default the article reads as an article: a name is linked at its first mention (no more than
one link per `_WORDS_PER_LINK` words of the text), a glossary term shows its definition on hover,
quotes are not highlighted. The page's "Show annotations" switch (docs/javascripts/annotations.js)
links every mention (each carries its address in `data-href`), highlights the quotes and opens the
per-paragraph lists; without JavaScript those lists are still there, folded.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .link import Linker, Target
from .model import Citation, Model, Paragraph, Quote, Source
from .quoting import locate
from .text import attr_text, link_title, md_inline
from .urls import Links, href, place

_SNIPPET_WORDS = 12
"""Words of context either side of a mention in a snippet."""

_WORDS_PER_LINK = 25
"""The article's clean view has at most one link per this many words of its text."""

_CLOSER = re.compile(r"[,.;:!?]?[”’\"]")
"""The article's own closing quotation mark (and the punctuation inside it) after a quote."""


@dataclass
class FirstMentions:
    """What the article page has linked so far, paragraph after paragraph: each name once, within a budget."""

    budget: int
    linked: set[tuple[str, str]] = field(default_factory=set)

    @classmethod
    def of(cls, source: Source) -> FirstMentions:
        words = sum(len(p.text.split()) for p in source.paragraphs)
        return cls(budget=words // _WORDS_PER_LINK)


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
            for start, _, target in linker.find_in(paragraph):
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


def annotate(paragraph: Paragraph, quotes: tuple[Quote, ...], linker: Linker, links: Links,
             first: FirstMentions | None = None) -> str:
    """The paragraph as one line of Markdown: every mention and quote marked, only first mentions linked."""
    first = first if first is not None else FirstMentions(budget=1 << 30)
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
            if at in closes:
                out.append("</span>" * len(closes[at]))
                # The mark follows the article's own closing quotation mark, not the words inside it.
                closer = _CLOSER.match(text, at)
                if closer and not any(at < b < closer.end() for b in boundaries) and closer.end() <= limit:
                    out.append(md_inline(closer.group()))
                    position = closer.end()
                for quote in closes[at]:
                    label = link_title(f"Quote: {quote.attribution}")
                    out.append(f'[quote]({links.to(*place(links.model, "quote", quote.id))} "{label}"){{ .nkx-quote-mark data-search-exclude }}')
            out.extend('<span class="nkx-quoted">' for _ in opens.get(at, ()))
        out.append(md_inline(text[position:limit]))
        position = limit

    for start, end, target in linker.find_in(paragraph):
        if any(start < b < end for b in boundaries) or start < position:
            continue  # a name cut by a quote's edge stays plain
        up_to(start)
        out.append(_mention(target, md_inline(text[start:end]), linker, links, first,
                            f"{paragraph.source}-p{paragraph.number}-{start}"))
        position = end
    up_to(len(text))
    return "".join(out)


def _mention(target: Target, label: str, linker: Linker, links: Links, first: FirstMentions, anchor: str) -> str:
    """A name in the article: linked if it is the first mention of a name and the budget allows, else a
    mention that the "Show annotations" switch makes a link (its address waits in `data-href`).

    A waiting mention carries an id (`anchor`, unique on the page): an `<a>` with neither an address
    nor an id reads to crawlers and Lighthouse as a broken link; with one it is a named place in the text."""
    if target.key not in first.linked and target.kind == "actor" and first.budget > 0:
        first.linked.add(target.key)
        first.budget -= 1
        return linker.link_to(target, label, links)
    url = html.escape(href(links.here, target.path, target.anchor), quote=True)
    title = ""
    if target.key not in first.linked and target.kind == "term":
        first.linked.add(target.key)  # a term's first mention shows its definition on hover
        title = f' title="{_inert_attribute(target.tooltip)}"'
    return f'<a class="nkx-mention nkx-{target.kind}" id="{html.escape(anchor, quote=True)}" data-href="{url}"{title}>{label}</a>'


_MARKDOWN_SIGNS = str.maketrans({c: f"&#{ord(c)};" for c in "`*_[]{}\\!<>:"})
"""Characters Markdown's inline patterns (code, emphasis, links, attribute lists) would act on, even
inside a raw HTML attribute, since they run before raw HTML is recognised."""


def _inert_attribute(value: str) -> str:
    """`value` for a raw HTML attribute in Markdown: quoted safely and out of Markdown's reach."""
    return attr_text(value).replace("&lt;", "<").replace("&gt;", ">").translate(_MARKDOWN_SIGNS)
