"""Editors' text made safe for Markdown: whatever a YAML string holds renders as the same visible text."""

from __future__ import annotations

import functools
import html
import re

_INLINE = re.compile(r"([\\`*_\[\]{}|])")
"""Characters that start Markdown, pymdownx or attr_list syntax anywhere in a line."""

_BLOCK_START = re.compile(r"^(\s*\d*)([#>+.)-])")
"""What would turn the start of a line into a heading, quote, list or rule ("1." included)."""


def md_inline(text: str) -> str:
    """A piece of a line as inert Markdown, spacing kept (for text cut around links)."""
    return _INLINE.sub(r"\\\1", html.escape(text, quote=False))


def md_text(value: object) -> str:
    """`value` as inert Markdown text on a single line: no markup, no HTML, no line breaks."""
    return _md_text(str(value))


@functools.lru_cache(maxsize=65536)
def _md_text(text: str) -> str:
    """Remembered: the same names and titles are written on page after page."""
    text = " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _INLINE.sub(r"\\\1", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def attr_text(value: object) -> str:
    """`value` for a quoted attribute or an admonition title: plain text with quote marks escaped."""
    return html.escape(" ".join(str(value).split()), quote=True)


def html_title(value: object) -> str:
    """A page or navigation title: the theme prints titles as HTML, so `&` is written `&amp;`.

    Angle brackets never reach here: the schema keeps them out of names and titles,
    because the theme also decodes titles once for the browser tab.
    """
    return html.escape(" ".join(str(value).split()), quote=False)


def link_title(value: object) -> str:
    """Text for a Markdown link title ("tooltip"): quotes, backticks and backslashes as entities,
    so Markdown's code and escape rules, which run before links, leave it alone."""
    return _link_title(str(value))


@functools.lru_cache(maxsize=65536)
def _link_title(text: str) -> str:
    """Remembered: every mention of a record carries the same tooltip."""
    text = html.escape(" ".join(text.split()), quote=True)
    return text.replace("\\", "&#92;").replace("`", "&#96;")
