"""Text inside SVG: escaped, measured and wrapped before the browser sees it.

SVG does not wrap text, so the build does, with a width estimate that errs on the wide
side (Arial/Helvetica metrics, plus a margin for wider fallback fonts). The browser
tests measure what is really drawn; these estimates only have to keep it clear.
"""

from __future__ import annotations

from html import escape

_NARROW = set("ijlrtf.,;:'!|()[] ’‘·")
_WIDE = set("mwMWœæ—…@%")
_CAPITAL = 0.70
_MARGIN = 1.08
"""How much wider than Arial the drawn text may be before it would touch its neighbour."""


def width(text: str, size: float, bold: bool = False) -> float:
    """The estimated width of `text` at font size `size` (px)."""
    total = 0.0
    for char in text:
        if char in _NARROW:
            total += 0.30
        elif char in _WIDE:
            total += 0.88
        elif char.isupper() or char.isdigit():
            total += _CAPITAL if char.isupper() else 0.56
        else:
            total += 0.54
    return total * size * _MARGIN * (1.07 if bold else 1.0)


def wrap(text: str, room: float, size: float, bold: bool = False) -> list[str]:
    """`text` in lines no wider than `room`; a word longer than a line is split with a hyphen, never cut."""
    lines: list[str] = []
    line = ""
    for word in " ".join(text.split()).split(" "):
        candidate = f"{line} {word}" if line else word
        if width(candidate, size, bold) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        while width(word, size, bold) > room and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and width(word[:cut] + "-", size, bold) > room:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        line = word
    if line or not lines:
        lines.append(line)
    return lines


def widest(lines: list[str], size: float, bold: bool = False) -> float:
    return max((width(line, size, bold) for line in lines), default=0.0)


def attr(text: str) -> str:
    """Text for an attribute value: one line, escaped."""
    return escape(" ".join(str(text).split()), quote=True)


def esc(text: str) -> str:
    return escape(str(text), quote=False)


def text_block(lines: list[str], x: float, y: float, size: float, leading: float, cls: str,
               anchor: str = "start") -> str:
    """A `<text>` whose first baseline is at `y`, one `<tspan>` per line."""
    spans = "".join(f'<tspan x="{x:.1f}" dy="{0 if n == 0 else leading:.1f}">{esc(line)}</tspan>'
                    for n, line in enumerate(lines))
    anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}"{anchor_attr}>{spans}</text>'
