"""Under `mkdocs serve`: data problems shown in the browser, above every page, until they are fixed."""

from __future__ import annotations

import html
import re
import sys
import traceback
from pathlib import Path

from .errors import DataError, Problem

_BODY = re.compile(r"<body[^>]*>")

_STYLE = (
    "margin:0;padding:1rem 1.5rem;background:#fff3f3;color:#5f0000;border-bottom:4px solid #b00020;"
    "font:16px/1.5 system-ui,sans-serif;position:relative;z-index:10"
)


def internal_error(error: BaseException) -> Problem:
    """A failure of our own code, as a problem: named with where it happened, and what to do."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "nkexplainer" in f.filename or "hook" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return Problem("hooks/nkexplainer", 0, 0, f"the explainer's code failed ({type(error).__name__}: {error}{where}) — "
                   "a bug, not a mistake in the data: please report it with the change that caused it")


def report(problems: list[Problem]) -> None:
    """Print the problems where the person running `mkdocs serve` looks: the terminal."""
    summary = DataError(problems).summary("the preview shows the last good version")
    print(f"ERROR   -  {summary}", file=sys.stderr, flush=True)


def banner(problems: list[Problem]) -> str:
    """The problems as an HTML alert, every character of the data shown as text."""
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
    count = len(problems)
    return (
        f'<section role="alert" aria-labelledby="nkx-problems" style="{_STYLE}">'
        f'<h2 id="nkx-problems" style="margin:0 0 .5rem;font-size:1.1rem">'
        f"The site's data has {count} problem{'s' if count != 1 else ''}: this preview shows the last good version</h2>"
        f'<ul style="margin:0;padding-left:1.2rem">{items}</ul>'
        "<p style=\"margin:.5rem 0 0\">Fix the file and save: this page reloads by itself. "
        "<code>mkdocs build</code> fails until then.</p></section>"
    )


def with_problems(page_html: str, problems: list[Problem]) -> str:
    """`page_html` with the problems shown at the top of the page."""
    match = _BODY.search(page_html)
    if not match:
        return banner(problems) + page_html
    return page_html[: match.end()] + banner(problems) + page_html[match.end():]
