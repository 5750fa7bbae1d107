"""The coverage report as editors read it in a terminal: plain text, one finding a line, stubs ready to paste.

What the report holds is worked out in `coverage.py`; this module only writes it.
"""

from __future__ import annotations

import json
import re

from .coverage import Coverage, Quotation
from .model import Model
from .quoting import normalise

_SNIPPET_WORDS = 12


def quote_stub(quotation: Quotation, source_id: str, taken: set[str]) -> str:
    """A `quotes.yml` record for `quotation`, ready to paste: fill in who said it and what it means."""
    words = re.findall(r"[a-z0-9]+", normalise(quotation.text).casefold().replace("'", ""))
    base = "-".join(words[:6]) or "quote"
    quote_id, n = base, 2
    while quote_id in taken:
        quote_id, n = f"{base}-{n}", n + 1
    taken.add(quote_id)
    speaker = (f"  # speaker: {quotation.named_nearby[0]}   # an actor id; named in the same sentence: "
               f"{', '.join(quotation.named_nearby)}" if quotation.named_nearby
               else "  # speaker: ACTOR-ID   # an actor id; leave out for sayings and the text's own phrases")
    return "\n".join([
        f"- id: {quote_id}",
        f"  text: {json.dumps(quotation.text, ensure_ascii=False)}",
        "  kind: direct   # direct, reported, saying or phrase",
        speaker,
        '  attribution: "Who said it, as the text gives it"',
        '  context: "What the words answer or mean, in one sentence"',
        "  cites:",
        f"    - {source_id}#p{quotation.paragraph}",
    ])


def render(report: Coverage, model: Model) -> str:
    """The report as editors read it in a terminal: plain text, one finding a line, stubs ready to paste."""
    out = [f"Coverage of {report.file} (source '{report.source}', {len(report.paragraphs)} paragraphs)", *report.notes, ""]
    out.append(f"Known names ({len(report.known)} records named):")
    for record in report.known:
        spelled = ", ".join(f"“{s}” ×{n}" for s, n in sorted(record.spellings.items(), key=lambda i: (-i[1], i[0])))
        out.append(f"  {record.kind} {record.id} ({record.name}): {_paragraphs(record.paragraphs)} — as {spelled}")
    if not report.known:
        out.append("  none")
    out += ["", f"Capitalised names and phrases no record matches ({len(report.candidates)}) — candidate actors, "
            "terms or aliases:"]
    for candidate in report.candidates:
        out.append(f"  {candidate.phrase} ×{candidate.count}: {_paragraphs(candidate.paragraphs)}")
    if not report.candidates:
        out.append("  none")
    missing = [q for q in report.quotations if q.quote is None]
    out += ["", f"Quotations in “ ” ({len(report.quotations)}; {len(missing)} not in data/quotes.yml):"]
    for quotation in report.quotations:
        held = f"quote '{quotation.quote}'" if quotation.quote else "NOT YET IN data/quotes.yml"
        out.append(f"  ¶{quotation.paragraph} “{quotation.text}” — {held}")
    if missing:
        out += ["", "Ready to paste into data/quotes.yml (fill in kind, speaker, attribution and context):", ""]
        taken = set(model.quotes)
        for quotation in missing:
            out += [quote_stub(quotation, report.source, taken), ""]
    out += ["", f"Paragraphs no record cites yet ({len(report.uncited)}):"]
    for number in report.uncited:
        out.append(f"  ¶{number}: {_opening(report.paragraphs[number - 1])}")
    if not report.uncited:
        out.append("  none")
    return "\n".join(out).rstrip("\n") + "\n"


def _paragraphs(numbers: tuple[int, ...]) -> str:
    return ", ".join(f"¶{n}" for n in numbers)


def _opening(text: str) -> str:
    words = text.split()
    return " ".join(words[:_SNIPPET_WORDS]) + ("…" if len(words) > _SNIPPET_WORDS else "")
