"""Shortcodes for hand-written pages: link or embed any record by its id.

    [[actor:china]]                  a link to China's page, labelled "China"
    [[actor:china|Beijing]]          the same link, labelled "Beijing"
    [[event:jang-song-thaek-executed]]
    [[term:detente]]                 a link to the glossary entry
    [[cite:evolving-relations#p3]]   a citation marker leading to paragraph 3 of the article, "¶3";
                                     side by side, cites make one marker: "¶3–5", not "¶3 ¶4 ¶5"
    [[quote:cha-mutual-hostages]]    alone on a line: the quote's callout; inside a sentence: a link to it
    [[sources:the]]                  "the article" while the site has one source, "the sources" once it has several
    [[sources:link]]                 the same words, linked to the article's page or to the Sources page
    [[sources:nav]]                  a link labelled as the navigation labels it: "The article" or "Sources"
    [[sources:named]]                what the site rests on: one analysis article, “Its Title”; or 2 texts, “A” and “B”
    [[lede:…]], [[facts:…]], [[timeline:strip]]   alone on a line: pieces of the home page (blocks.py)

An unknown kind or id fails the build with the page's file, line and column; so
does a shortcode written almost right (`[[Actor:xi-jinping]]`, `[[actor: xi-jinping]]`,
`[[actor:Xi Jinping]]`, an unclosed `[[actor:xi-jinping`), which would otherwise
print its brackets on the page.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data

from . import blocks, hints
from .errors import Problem
from .model import Citation, Model
from .render import macros
from .urls import Links

SHORTCODE = re.compile(r"\[\[(?P<kind>[a-z]+):(?P<id>[^\]|\s]+)(?:\|(?P<label>[^\]]+))?\]\]")

_BLOCK_QUOTE = r"^[ \t]*(?P<block>\[\[quote:(?P<quote>[^\]|\s]+)\]\])[ \t]*$"
"""A quote shortcode alone on its line: the quote's callout."""

_ALMOST = r"(?P<almost>\[\[[ \t]*(?P<akind>[A-Za-z]+)[ \t]*:(?P<arest>[^\]\n]*)(?P<aclose>\]\])?)"
"""Anything that starts like a shortcode, `[[word:`, and is not one: reported with the fix."""

_BLOCK_DATA = r"^[ \t]*(?P<data>\[\[(?P<dkind>" + "|".join(blocks.KINDS) + r"):(?P<did>[^\]|\s]+)\]\])[ \t]*$"
"""A block built from the data (blocks.py), alone on its line."""

_ONE = re.compile(f"{_BLOCK_QUOTE}|{_BLOCK_DATA}|{SHORTCODE.pattern}|{_ALMOST}", re.MULTILINE)

_CITE_RUN = r"(?P<run>\[\[cite:[^\]|\s]+\]\](?:[ \t]*,?[ \t]*\[\[cite:[^\]|\s]+\]\])+)"
"""Unlabelled cites side by side (spaces or commas between): one statement's citations, one marker."""

_ANY = re.compile(f"{_CITE_RUN}|{_ONE.pattern}", re.MULTILINE)

_CITATION = re.compile(r"^(?P<source>[a-z0-9]+(?:-[a-z0-9]+)*)#p(?P<number>[1-9][0-9]*)$")

_KINDS = ("actor", "event", "term", "quote", "cite", "sources")


class UnknownId(LookupError):
    """A shortcode names an id that no record of its kind has."""

    def __init__(self, message: str, kind: str, record_id: str) -> None:
        super().__init__(message)
        self.kind, self.record_id = kind, record_id


Unknown = tuple[str, str, str, tuple[int, int], str]
"""An unknown id in a page: kind, id, file, (line, column), the shortcode as written."""


def expand(markdown: str, model: Model, page_path: str, file_label: str,
           held_back: dict[str, set[str]] | None = None, *, render: bool = True,
           unknown: list[Unknown] | None = None) -> tuple[str, list[Problem]]:
    """`markdown` with every shortcode replaced, and the problems found (unknown kinds or ids, malformed shortcodes).

    `held_back`: ids that exist but whose records have problems of their own, by kind; a shortcode naming one is a
    follow-on error, not reported. `render=False` only checks: with a model of some records only, a quote's
    callout could name a record that is left out. `unknown`: where to put unknown ids instead of reporting them,
    so the data check can report each once with every reference to it (data and pages) counted.
    """
    links = Links(model, page_path)
    problems: list[Problem] = []
    callouts = macros()

    def where(position: int) -> tuple[int, int]:
        return markdown.count("\n", 0, position) + 1, position - (markdown.rfind("\n", 0, position) + 1) + 1

    def report(position: int, message: str) -> None:
        problems.append(Problem(file_label, *where(position), message))

    def replace(match: re.Match[str]) -> str:
        if "run" in match.re.groupindex and match.group("run"):
            codes = list(_ONE.finditer(markdown, match.start(), match.end()))
            try:
                return links.cites([_citation(model, code.group("id")) for code in codes])
            except LookupError:  # each cite on its own, so each problem has its own column
                out, position = [], match.start()
                for code in codes:
                    out += [markdown[position:code.start()], replace(code)]
                    position = code.end()
                return "".join(out) + markdown[position:match.end()]
        if match.group("data"):
            try:
                blocks.check(match.group("dkind"), match.group("did"), model)
            except LookupError as error:
                report(match.start("data"), f"{match.group('data')}: {error.args[0]}")
                return match.group(0)
            if not render:
                return match.group(0)
            return "\n" + blocks.render(match.group("dkind"), match.group("did"), model, links) + "\n"
        if match.group("block"):
            quote_id = match.group("quote")
            if quote_id in model.quotes and render:
                return "\n" + str(callouts.quote_callout(model.quotes[quote_id], links)) + "\n"
            kind, record_id, label, start = "quote", quote_id, None, match.start("block")
            if quote_id in model.quotes:
                return match.group(0)
        elif match.group("almost"):
            report(match.start(), _almost(match, model))
            return match.group(0)
        else:
            kind, record_id, label, start = (*match.group("kind", "id", "label"), match.start())
        try:
            return _link(links, model, kind, record_id, label)
        except LookupError as error:
            code = match.group("block") or match.group(0)
            if _is_held_back(model, kind, record_id, held_back):
                pass
            elif unknown is not None and isinstance(error, UnknownId):
                unknown.append((kind, record_id, file_label, where(start), code))
            else:
                report(start, f"{code}: {error.args[0]}")
            return match.group(0)

    return _ANY.sub(replace, markdown), problems


def read_pages(root: Path, docs: Path | None = None) -> tuple[dict[str, str], list[Problem]]:
    """The hand-written pages under `docs` (root/docs by default; path → text), and the ones that cannot be read."""
    docs = docs or root / "docs"
    pages, problems = {}, []
    for path in sorted(docs.rglob("*.md")):
        label = f"docs/{path.relative_to(docs).as_posix()}"
        if not path.is_file():
            continue
        try:
            pages[path.relative_to(docs).as_posix()] = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(label, 0, 0, f"byte {error.start + 1} is not UTF-8 — save the page as UTF-8"))
        except OSError as error:
            problems.append(Problem(label, 0, 0, f"cannot be read ({error.strerror or error}) — check the file"))
    return pages, problems


def check_pages(pages: dict[str, str], model: Model, held_back: dict[str, set[str]] | None = None,
                unknown: list[Unknown] | None = None) -> list[Problem]:
    """The shortcode problems of hand-written pages (`docs/`-relative path → raw text, front matter included)."""
    problems = []
    for path, source in sorted(pages.items()):
        body, _ = get_data(source)
        offset = source[: len(source) - len(body)].count("\n")
        found: list[Unknown] = []
        for problem in expand(body, model, path, f"docs/{path}", held_back, render=False, unknown=found)[1]:
            problems.append(Problem(problem.path, problem.line + offset, problem.column, problem.message))
        for kind, record_id, label, (line, column), code in found:
            if unknown is None:
                problems.append(Problem(label, line + offset, column, f"{code}: unknown {kind} '{record_id}' — "
                                        f"{_id_hint(model, kind, record_id)}"))
            else:
                unknown.append((kind, record_id, label, (line + offset, column), code))
    return problems


class EveryId(frozenset):
    """Held back: every id of a kind whose data file could not be read."""

    def __contains__(self, item: object) -> bool:
        return True


def _is_held_back(model: Model, kind: str, record_id: str, held_back: dict[str, set[str]] | None) -> bool:
    """True when the record is left out of `model` for problems of its own, already reported."""
    if not held_back:
        return False
    if kind == "cite":
        source = record_id.partition("#")[0]
        return source not in model.sources and source in held_back.get("source", set())
    return record_id not in _records(model).get(kind, {}) and record_id in held_back.get(kind, set())


def _records(model: Model) -> dict[str, dict[str, Any]]:
    return {"actor": model.actors, "event": model.events, "term": model.terms, "quote": model.quotes}


def _link(links: Links, model: Model, kind: str, record_id: str, label: str | None) -> str:
    records = _records(model)
    if kind == "cite":
        citation = _citation(model, record_id)
        return links.cite(citation, label) if label else links.cites((citation,))
    if kind in blocks.KINDS:
        raise LookupError(f"[[{kind}:…]] stands alone on its line: it is a block, not a link")
    if kind == "sources":
        return links.voice.shortcode(record_id, links)
    if kind not in records:
        guess = difflib.get_close_matches(kind, _KINDS, n=1)
        raise LookupError(f"unknown kind '{kind}' — use actor, event, term, quote, cite or sources"
                          + (f" (did you mean '{guess[0]}'?)" if guess else ""))
    if record_id not in records[kind]:
        raise UnknownId(f"unknown {kind} '{record_id}' — {_id_hint(model, kind, record_id)}", kind, record_id)
    return getattr(links, kind)(record_id, label)


def _citation(model: Model, record_id: str) -> Citation:
    match = _CITATION.match(record_id)
    source = model.sources.get(match.group("source")) if match else None
    if not match or source is None or int(match.group("number")) > len(source.paragraphs):
        raise LookupError(f"no paragraph '{record_id}' — write [[cite:<source id>#p<number>]], e.g. "
                          f"[[cite:{next(iter(model.sources), 'source')}#p1]]")
    return Citation(source.id, int(match.group("number")))


def _id_hint(model: Model, kind: str, record_id: str) -> str:
    records = _records(model)
    similar = hints.did_you_mean(hints.similar_ids(record_id, records[kind]))
    if similar:
        return similar
    named = _by_name(model, kind, record_id)
    if named:
        return f"did you mean '{named}'? ('{record_id}' is one of its names, not its id)"
    other = [k for k, found in records.items() if k != kind and record_id in found]
    if other:
        return f"'{record_id}' is {'an' if other[0][0] in 'aeiou' else 'a'} {other[0]} — write [[{other[0]}:{record_id}]]"
    return "check the id in data/"


def _by_name(model: Model, kind: str, text: str) -> str | None:
    """The id of the actor or term that has `text` as its name or an alias (compared as slugs)."""
    wanted = hints.slug(text)
    if kind == "actor":
        named = [(a.id, [a.name, *(x.name for x in a.aliases)]) for a in model.actors.values()]
    elif kind == "term":
        named = [(t.id, [t.term, *(x.name for x in t.aliases)]) for t in model.terms.values()]
    else:
        named = [(e.id, [e.title]) for e in model.events.values()] if kind == "event" else []
    return next((record_id for record_id, names in named if wanted in map(hints.slug, names)), None)


def _almost(match: re.Match[str], model: Model) -> str:
    """What is wrong with a shortcode written almost right, and the shortcode to write instead."""
    kind_text, rest, closed = match.group("akind", "arest", "aclose")
    id_text, bar, label = rest.partition("|")
    kind = kind_text.lower()
    written = id_text.strip() if closed else (id_text.split() or [""])[0]
    raw = match.group(0)
    single = not closed and match.string[match.end(): match.end() + 1] == "]"
    head = raw[: raw.index(":") + 2]  # "[[actor: " with the character after the colon
    shown = raw if closed or single or not written else raw[: raw.index(":") + 1 + rest.index(written) + len(written)]
    shown += "]" if single else ""
    if kind not in _KINDS:
        guess = difflib.get_close_matches(kind, _KINDS, n=1)
        return f"{shown.strip()}: unknown kind '{kind_text}' — use actor, event, term, quote, cite or sources" + (
            f" (did you mean '{guess[0]}'?)" if guess else "")
    records = _records(model).get(kind, {})
    target = written if written in records or kind == "cite" else (_by_name(model, kind, written) or hints.slug(written))
    reasons = []
    if not closed:
        reasons.append("it ends with one ']', not two" if single else "it is not closed with ']]'")
    if kind_text != kind:
        reasons.append(f"kinds are written in lowercase, not '{kind_text}'")
    if head[2].isspace() or head[-2].isspace() or head[-1].isspace() or (closed and id_text != id_text.strip()):
        reasons.append("a shortcode has no spaces inside it")
    if written and target != written:
        reasons.append(f"'{written}' is not an id (ids are lowercase words joined by hyphens)")
    if not reasons:
        reasons.append("a shortcode is [[kind:id]] or [[kind:id|label]]")
    fixed = f"[[{kind}:{target or 'id'}{bar + label.strip() if bar and (closed or single) else ''}]]"
    return f"{shown.strip()}: {'; '.join(reasons)} — write {fixed}"
