"""Hints that point editors the right way: which character differs, which id they probably meant.

A hint is only given when it is likely right. An id that differs from a known
one by a whole word ('kim-jong-un' and 'kim-jong-il') names someone else, so it
is not suggested; a slip of a letter or two inside one word is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

_SUSPECT = {
    "\ufeff": "byte order mark", "\u00a0": "no-break space", "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner", "\u200d": "zero-width joiner", "\u2060": "word joiner",
    "\u00ad": "soft hyphen", "\u2009": "thin space", "\u202f": "narrow no-break space", "\t": "tab",
    "\u2010": "hyphen (Unicode)", "\u2011": "non-breaking hyphen", "\u2012": "figure dash", "\u2013": "en dash",
    "\u2014": "em dash", "\u2212": "minus sign", "\x00": "null byte", "\r": "carriage return", "\n": "line break",
    "\x1b": "escape",
}
"""Characters that look like another one, or like nothing at all, named the way editors know them."""


def name(char: str) -> str:
    """`U+00A0 (no-break space)`, `U+0041 'A'`: a character editors can find in their editor."""
    code = f"U+{ord(char):04X}"
    if char in _SUSPECT:
        return f"{code} ({_SUSPECT[char]})"
    if char == " ":
        return f"{code} (space)"
    if unicodedata.category(char)[0] in "CZ":
        return f"{code} ({unicodedata.name(char, 'control character').lower()})"
    return f"{code} {char!r}"


def invisible(text: str) -> list[str]:
    """The suspicious characters in `text`, each once, in order: invisible, control or look-alike."""
    found: dict[str, None] = {}
    for char in text:
        if char != "\n" and (char in _SUSPECT or unicodedata.category(char) in ("Cc", "Cf")):
            found[char] = None
    return list(found)


def difference(wanted: str, written: str) -> str | None:
    """Where `written` first differs from `wanted`, naming both characters when either is suspicious.

    None when the texts differ in more than a character or two (then naming one character would not help).
    """
    if wanted == written:
        return None
    start = 0
    while start < min(len(wanted), len(written)) and wanted[start] == written[start]:
        start += 1
    end_w, end_x = len(wanted), len(written)
    while end_w > start and end_x > start and wanted[end_w - 1] == written[end_x - 1]:
        end_w, end_x = end_w - 1, end_x - 1
    should, has = wanted[start:end_w], written[start:end_x]
    if len(should) > 1 or len(has) > 1:
        return None
    if not (invisible(should) or invisible(has) or _looks_alike(should, has)):
        return None
    at = f"character {start + 1}"
    if not has:
        return f"{at} should be {name(should)}, which is missing"
    if not should:
        return f"{at} is {name(has)}, which should not be there"
    return f"{at} is {name(has)} where the text has {name(should)}"


def _looks_alike(a: str, b: str) -> bool:
    if not a or not b:
        return False
    return unicodedata.normalize("NFKC", a).lower() == unicodedata.normalize("NFKC", b).lower() or {a, b} <= set("-‐‑‒–—−")


def slug(text: str) -> str:
    """`Xi Jinping` → `xi-jinping`: the id an editor probably meant by a name or a mistyped id."""
    text = unicodedata.normalize("NFKD", text)  # a no-break space becomes a space, 'é' an 'e' and its accent
    text = "".join(c for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def similar_ids(wanted: str, known: Iterable[str]) -> list[str]:
    """Known ids that `wanted` is probably a slip for: the same words, with one of them mistyped,
    or one word left out or added. Never a different word: 'kim-jong-il' is not 'kim-jong-un'."""
    words = wanted.split("-")
    found = []
    for candidate in known:
        other = candidate.split("-")
        if len(other) == len(words):
            differing = [(a, b) for a, b in zip(words, other) if a != b]
            if len(differing) == 1 and _typo(*differing[0]):
                found.append(candidate)
        elif abs(len(other) - len(words)) == 1 and min(len(words), len(other)) >= 2:
            shorter, longer = sorted((words, other), key=len)
            if any(longer[:k] + longer[k + 1:] == shorter for k in range(len(longer))):
                found.append(candidate)
    return sorted(found)


def _typo(a: str, b: str) -> bool:
    """One slip of the keyboard in a word (two in a long one): a letter wrong, missing, added or swapped."""
    if a.isdigit() or b.isdigit():
        return False  # 'p3' and 'p4', '2013' and '2014' are different things
    return _distance(a, b) <= (1 if max(len(a), len(b)) <= 5 else 2)


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of neighbours as one edit (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def did_you_mean(options: list[str]) -> str | None:
    if not options:
        return None
    if len(options) == 1:
        return f"did you mean '{options[0]}'?"
    return "did you mean " + ", ".join(f"'{o}'" for o in options[:-1]) + f" or '{options[-1]}'?"


def short_name(title: str) -> str:
    """A short citation name proposed from the title: its first words, up to about 24 characters."""
    words: list[str] = []
    for word in title.split():
        if words and len(" ".join([*words, word])) > 24:
            break
        words.append(word)
    while len(words) > 1 and words[-1].lower() in ("a", "an", "the", "of", "on", "and", "in", "with", "for", "to", "over", "at", "by", "from", "after",
                                                "before", "–", "-"):
        words.pop()
    return " ".join(words).rstrip(",:;–-")
