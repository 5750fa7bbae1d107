"""Matching quotes against the article, word for word.

The article uses typographic marks (’ “ ”); editors type on keyboards that give
straight ones (' "). We deliberately treat the two as equal when matching, and
always show the article's own characters. Nothing else is forgiven: a changed
word, letter, space or punctuation mark is a misquote.
"""

from __future__ import annotations

import difflib
import re

_SAME_MARK = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
"""One character for one character, so positions in the normalised text are positions in the original."""


def normalise(text: str) -> str:
    return text.translate(_SAME_MARK)


def locate(quote: str, paragraph: str) -> tuple[int, int] | None:
    """Where in `paragraph` the words of `quote` stand (start, end); None if they do not."""
    start = normalise(paragraph).find(normalise(quote))
    return None if start < 0 else (start, start + len(quote))


def find_verbatim(quote: str, paragraph: str) -> str | None:
    """The passage of `paragraph` that `quote` reproduces, in the paragraph's own characters; None if absent."""
    span = locate(quote, paragraph)
    return None if span is None else paragraph[span[0] : span[1]]


def cut_words(quote: str, paragraph: str, span: tuple[int, int]) -> tuple[str, str] | None:
    """The whole words around a quote that starts or ends inside a word ('utual hostag' in 'mutual hostages'):
    (the words cut, the passage in whole words); None when the quote keeps words whole."""
    start, end = span
    cut_start = start > 0 and paragraph[start - 1].isalnum() and quote[:1].isalnum()
    cut_end = end < len(paragraph) and paragraph[end].isalnum() and quote[-1:].isalnum()
    if not (cut_start or cut_end):
        return None
    while start > 0 and paragraph[start - 1].isalnum():
        start -= 1
    while end < len(paragraph) and paragraph[end].isalnum():
        end += 1
    words = paragraph[start:end].split()
    cut = [w for w, is_cut in ((words[0], cut_start), (words[-1], cut_end)) if is_cut]
    return " and ".join(f"'{w.strip(_MARKS + '.,;:!?')}'" for w in dict.fromkeys(cut)), paragraph[start:end]


_MARKS = "“”‘’\"'"
"""Quotation marks: the article's own, around what it quotes, never part of a quote's text."""

_WORD = re.compile(r"\S+")


def closest_passage(quote: str, paragraph: str) -> tuple[float, str]:
    """The run of whole words in `paragraph` most like `quote`, and how alike they are (0 to 1), to help fix a
    misquote; without the article's quotation marks around it, which `text` must not repeat."""
    wanted = normalise(quote)
    text = normalise(paragraph)
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    count = max(1, len(wanted.split()))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(wanted)
    best = (0.0, 0, 0)
    for size in range(max(1, count - 2), count + 3):
        for k in range(len(words) - size + 1):
            start, end = words[k][0], words[k + size - 1][1]
            matcher.set_seq1(text[start:end])
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, start, end)
    ratio, start, end = best
    if not words:
        return 0.0, ""
    while start < end and paragraph[start] in _MARKS and not quote.startswith(paragraph[start]):
        start += 1
    while end > start and paragraph[end - 1] in _MARKS and not quote.endswith(paragraph[end - 1]):
        end -= 1
    if end > start and paragraph[end - 1] in ",;:" and quote[-1:] not in ",;:":
        end -= 1
    return ratio, paragraph[start:end]
