"""The marks both the graphics and the lists use, and the one set of words for them."""

from __future__ import annotations

EFFECT_WORDS = {"warming": "warming", "cooling": "cooling", "neutral": "neutral", None: "effect not stated"}
"""How an event moved ties, in the same words on the timeline's legend and in the lists."""

INFERRED = "†"
"""After a date the article does not state but lets us work out."""

INFERRED_WORDS = "date worked out from the text"


def effect_key(effect: str | None) -> str:
    return effect or "unstated"


def mark(effect: str | None, x: float, y: float, expected: bool, r: float = 7.0) -> str:
    """A shape per effect as well as a colour: triangle up (warming), down (cooling), disc (neutral),
    ring (not stated). Expected events are hollow and dashed."""
    key = effect_key(effect)
    cls = f"nkx-mark nkx-mark-{key}" + (" nkx-mark-expected" if expected else "")
    if effect == "warming":
        return f'<path class="{cls}" d="M{x:.1f} {y - r:.1f}L{x + r:.1f} {y + r * 0.8:.1f}H{x - r:.1f}Z"/>'
    if effect == "cooling":
        return f'<path class="{cls}" d="M{x:.1f} {y + r:.1f}L{x + r:.1f} {y - r * 0.8:.1f}H{x - r:.1f}Z"/>'
    return f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{r - 1.5 if effect else r - 2.5:.1f}"/>'
