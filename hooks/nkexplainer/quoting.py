"""Matching quotes against the article, word for word.

The article uses typographic marks (’ “ ”); editors type on keyboards that give
straight ones (' "). We deliberately treat the two as equal when matching, and
always show the article's own characters. Nothing else is forgiven: a changed
word, letter, space or punctuation mark is a misquote.
"""

from __future__ import annotations

import difflib

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


def closest_passage(quote: str, paragraph: str) -> tuple[float, str]:
    """The passage of `paragraph` most like `quote`, and how alike they are (0 to 1), to help fix a misquote."""
    wanted, text = normalise(quote), normalise(paragraph)
    matcher = difflib.SequenceMatcher(None, text, wanted, autojunk=False)
    match = matcher.find_longest_match(0, len(text), 0, len(wanted))
    start = max(0, match.a - match.b)
    # Widen to whole words so the passage reads naturally.
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = min(len(text), start + len(wanted))
    while end < len(text) and not text[end].isspace():
        end += 1
    passage = paragraph[start:end]
    return difflib.SequenceMatcher(None, normalise(passage), wanted, autojunk=False).ratio(), passage
