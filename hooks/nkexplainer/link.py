"""Automatic mention links: every actor name or alias and every glossary term, linked where it appears.

The rules (README, "Linking"):
- longest match wins ("North Korea" before "Korea", "Kim Jong-il" never "Kim");
- whole words only; possessives ("North Korea’s") and hyphenated compounds ("U.S.-China") work;
- never inside headings, code, existing links, HTML tags, callout titles or attribute lists,
  and never to the page's (or glossary section's) own subject;
- once per page by default (`extra.explainer.link_mentions` in mkdocs.yml): a record the page
  already links by hand (a shortcode, a template's link) is not linked again at a mention, and
  a second hand-made link to the same record reads as plain text.

A `Linker` is built once per build; every page's text is scanned once by one
regular expression compiled from a trie of all names, so the cost grows with the
text, not with the number of names.
"""

from __future__ import annotations

import enum
import functools
import hashlib
import html
import posixpath
import re
from dataclasses import dataclass, field
from typing import Iterator

from markdown.extensions.toc import slugify, unique

from .mentions import SourceMentions
from .model import Model, Paragraph
from .text import link_title
from .urls import Links, place


class MentionMode(enum.Enum):
    """How often a name is linked."""

    FIRST_IN_SECTION = "first-in-section"
    FIRST_ON_PAGE = "first-on-page"
    EVERY = "every"
    OFF = "off"


@dataclass(frozen=True)
class Target:
    """What a name leads to."""

    kind: str
    """'actor' or 'term'."""
    id: str
    path: str
    anchor: str | None
    tooltip: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class Mention:
    """A record met on a page: by name (linked or not) or through a link to its page."""

    record: tuple[str, str]
    """(kind, id): kind is 'actor', 'term' or 'event'."""
    page: str
    section: str | None
    """The heading's anchor, None before the first heading."""
    section_title: str | None


@dataclass
class LinkedPage:
    markdown: str
    mentions: list[Mention] = field(default_factory=list)


def _trie_pattern(names: list[str]) -> str:
    """One regular expression for all `names`, factored by common prefixes; longer matches are tried first."""
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # An optional group is greedy: the longer name is tried before the shorter one ends here.
        return f"(?:{body})?" if ends else body

    return build(trie)


_last_pattern: tuple[str, re.Pattern[str]] | None = None


def _compiled(pattern: str) -> re.Pattern[str]:
    """The names' expression, compiled once while the names stay the same: at ×100 it is thousands of names,
    a second's compiling, and `re`'s own cache may have let it go by the next build (or the data check's linker)."""
    global _last_pattern
    if _last_pattern is None or _last_pattern[0] != pattern:
        _last_pattern = (pattern, re.compile(pattern))
    return _last_pattern[1]


class Linker:
    """Finds and links mentions of the model's actors and terms in text and Markdown."""

    def __init__(self, model: Model, mode: MentionMode = MentionMode.FIRST_ON_PAGE) -> None:
        self.model = model
        self.mode = mode
        self.targets: dict[str, Target] = {}
        for actor in model.actors.values():
            target = Target("actor", actor.id, actor.path, None, actor.summary)
            for name in (actor.name, *(a.name for a in actor.aliases if a.autolink)):
                self.targets[name] = target
        for term in model.terms.values():
            target = Target("term", term.id, *place(model, "term", term.id), f"{term.term}: {term.definition}")  # the tooltip names its term
            for name in (term.term, *(a.name for a in term.aliases if a.autolink)):
                self.targets[name] = target
                if name[:1].islower():  # "thaw" also at the start of a sentence
                    self.targets.setdefault(name[:1].upper() + name[1:], target)
        self._pattern = _compiled(r"(?<![\w])(?:" + _trie_pattern(list(self.targets)) + r")(?![\w])") if self.targets else None
        self._record_pages = {a.path: ("actor", a.id) for a in model.actors.values()}
        self._record_pages.update({e.path: ("event", e.id) for e in model.events.values()})
        self._in_sources = SourceMentions(model, self._target_of)
        self._glossary_pages = model.layout.glossary_pages

    @functools.cached_property
    def version(self) -> str:
        """What linking a page depends on besides its text: the names and what they lead to, the record pages,
        the glossary's ids and the mode. Equal versions link equal Markdown equally."""
        state = (sorted((name, t.kind, t.id, t.path, t.anchor, t.tooltip) for name, t in self.targets.items()),
                 sorted(self._record_pages.items()), sorted(self.model.terms), self.mode.value)
        return hashlib.blake2b(repr(state).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def find(self, text: str) -> Iterator[tuple[int, int, Target]]:
        """Every mention in plain `text`: start, end and what it names."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            yield match.start(), match.end(), self.targets[match.group()]

    def find_in(self, paragraph: Paragraph) -> Iterator[tuple[int, int, Target]]:
        """Every mention in a paragraph of a source, with the editors' alias limits and exceptions applied."""
        return self._in_sources.apply(paragraph, self.find(paragraph.text))

    def _target_of(self, kind: str, record_id: str) -> Target:
        if kind == "actor":
            actor = self.model.actors[record_id]
            return Target("actor", actor.id, actor.path, None, actor.summary)
        term = self.model.terms[record_id]
        return Target("term", term.id, *place(self.model, "term", term.id), term.definition)

    def link_to(self, target: Target, label: str, links: Links) -> str:
        """A Markdown link for a mention; a glossary term's carries its definition as its tooltip.

        Actor mentions get no tooltip: Material builds one per titled element at page load,
        and on a slow phone a hundred of them cost the article page a third of a second.
        """
        url = links.to(target.path, target.anchor)
        title = f' "{link_title(target.tooltip)}"' if target.kind == "term" else ""
        return f"[{label}]({url}{title}){{ .nkx-mention .nkx-{target.kind} }}"

    def link_markdown(self, markdown: str, page: str, *, subject: tuple[str, str] | None = None,
                      mode: MentionMode | None = None) -> LinkedPage:
        """`markdown` with mentions linked, and every record met on the page, by section."""
        return _PageLinker(self, page, subject, mode or self.mode).run(markdown)

    def record_at(self, page: str, url: str) -> tuple[str, str] | None:
        """The record whose page or glossary entry a relative `url` on `page` leads to."""
        if re.match(r"^[a-z]+:|^/|^#", url):
            return None
        path, _, anchor = url.partition("#")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if path in self._glossary_pages:
            return ("term", anchor) if anchor in self.model.terms else None
        return self._record_pages.get(path)


_FENCE = re.compile(r"^\s*(```|~~~)")
_SKIP_LINE = re.compile(r"^\s*(?:!!!|\?\?\?\+?|\{:|\*\[|\[[^\]]+\]:\s)")
"""Callout titles, attribute lists, abbreviation and link definitions: never linked."""
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*#*\s*$")
_OPAQUE = re.compile(
    r"""(?P<comment><!--.*?-->)
    | (?P<code>(?P<ticks>`+).*?(?P=ticks))
    | (?P<link>!?\[(?:[^\[\]]|\[[^\]]*\])*\]\((?P<url>[^)\s]*)(?:\s+"[^"]*")?\))
    | (?P<ref>!?\[(?:[^\[\]]|\[[^\]]*\])*\]\[[^\]]*\])
    | (?P<tag><(?P<close>/)?(?P<name>[A-Za-z][\w-]*)[^>]*>)
    | (?P<autolink><[a-z]+:[^>]*>)
    | (?P<attrs>\{\s*[:.#][^}]*\})
    | (?P<escape>\\.)""",
    re.VERBOSE,
)
_SKIP_TAGS = {"a", "code", "pre", "script", "style", "kbd", "svg", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "q"}
"""Never linked inside: a <figure> (a build-time graphic) is raw HTML, where Markdown links would show as text;
a <q> quotes a name as a label (the first and last term of a glossary page), it does not mention the record."""


class _PageLinker:
    """One pass over one page's Markdown."""

    def __init__(self, linker: Linker, page: str, subject: tuple[str, str] | None, mode: MentionMode) -> None:
        self.linker = linker
        self.page = page
        self.links = Links(linker.model, page)
        self.page_subject = subject
        self.mode = mode
        self.section: str | None = None
        self.section_title: str | None = None
        self.section_subject: tuple[str, str] | None = None
        self.linked: set[tuple[str, str]] = set()
        self.mentions: dict[Mention, None] = {}
        self.ids: set[str] = set()
        self.inside_tags: list[str] = []
        self.linked_by_hand: set[tuple[str, str]] = set()

    def run(self, markdown: str) -> LinkedPage:
        lines = list(_lines(markdown.split("\n")))  # classified once, read twice
        if self.mode is MentionMode.FIRST_ON_PAGE:
            self.linked_by_hand = self._linked_by_hand(lines)
        out = []
        for line, kind in lines:
            if kind == "heading":
                heading = _HEADING.match(line)
                assert heading is not None
                self._start_section(heading)
            out.append(self._line(line) if kind == "text" else line)
        return LinkedPage("\n".join(out), list(self.mentions))

    def _linked_by_hand(self, lines: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """The records the page's own Markdown links (shortcodes, templates' links): a mention of
        one of them is never linked, wherever it comes, so the page links it once, where its author did."""
        found: set[tuple[str, str]] = set()
        inside: list[str] = []
        for line, kind in lines:
            if kind != "text" or ("](" not in line and "<" not in line):
                continue  # neither a link nor a tag on this line
            for token in _OPAQUE.finditer(line):
                if token.group("link") and token.group("url") and not inside:
                    record = self.linker.record_at(self.page, token.group("url"))
                    if record:
                        found.add(record)
                elif token.group("tag"):
                    _track(inside, token)
        return found

    def _start_section(self, heading: re.Match[str]) -> None:
        title = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(2))
        title = re.sub(r"[*_`]|\\(?=.)", "", title)
        anchor = heading.group(3) or unique(slugify(html.unescape(title), "-"), self.ids)
        if heading.group(3):
            self.ids.add(anchor)
        if len(heading.group(1)) == 1:
            return  # the page title is not a section
        self.section, self.section_title = anchor, title
        term = self.linker.model.terms.get(anchor)
        self.section_subject = ("term", term.id) if term else None
        if self.mode is MentionMode.FIRST_IN_SECTION:
            self.linked = set()

    def _line(self, line: str) -> str:
        out, position, unlinked_at = [], 0, -1
        for token in _OPAQUE.finditer(line):
            out.append(self._text(line[position:token.start()]))
            if token.group("attrs") and token.start() == unlinked_at:
                pass  # the attribute list of a link made plain text would show as text
            elif (kept := self._opaque(token)) is None:
                out.append(token.group())
            else:
                out.append(kept)
                unlinked_at = token.end()
            position = token.end()
        out.append(self._text(line[position:]))
        return "".join(out)

    def _opaque(self, token: re.Match[str]) -> str | None:
        """Notes what a link or tag means for the page; returns the text to put in its place
        when a hand-made link repeats one the page already has, else None (kept as it is)."""
        if token.group("link") and token.group("url"):
            record = self.linker.record_at(self.page, token.group("url"))
            if record:
                self._met(record)
                if (self.mode is MentionMode.FIRST_ON_PAGE and record in self.linked and not self.inside_tags
                        and not token.group("link").startswith("!")):
                    return _label(token.group("link"))
                self.linked.add(record)  # an explicit link counts as this section's (or page's) link
        elif token.group("tag"):
            name = token.group("name").lower()
            _track(self.inside_tags, token)
            if name == "a" and not token.group("close"):
                href = re.search(r'href="([^"]*)"', token.group("tag"))
                record = href and self.linker.record_at(self.page, href.group(1))
                if record:
                    self._met(record)

    def _text(self, text: str) -> str:
        if not text or self.inside_tags:
            return text
        out, position = [], 0
        for start, end, target in self.linker.find(text):
            self._met(target.key)
            if self._should_link(target):
                self.linked.add(target.key)
                out.append(text[position:start])
                out.append(self.linker.link_to(target, text[start:end], self.links))
                position = end
        out.append(text[position:])
        return "".join(out)

    def _should_link(self, target: Target) -> bool:
        if self.mode is MentionMode.OFF or target.key in (self.page_subject, self.section_subject):
            return False
        if self.mode is MentionMode.FIRST_ON_PAGE and target.key in self.linked_by_hand:
            return False
        return self.mode is MentionMode.EVERY or target.key not in self.linked

    def _met(self, record: tuple[str, str]) -> None:
        if record not in (self.page_subject, self.section_subject):
            self.mentions[Mention(record, self.page, self.section, self.section_title)] = None


def _lines(lines: list[str]) -> Iterator[tuple[str, str]]:
    """Each line with what it is for the linker: 'text' (to link), 'heading', or 'skip'
    (fenced code, callout titles, attribute lists, abbreviation and link definitions)."""
    fenced = None
    for line in lines:
        fence = _FENCE.match(line)
        if fenced:
            fenced = None if fence and fence.group(1) == fenced else fenced
            yield line, "skip"
        elif fence:
            fenced = fence.group(1)
            yield line, "skip"
        elif _HEADING.match(line):
            yield line, "heading"
        elif _SKIP_LINE.match(line):
            yield line, "skip"
        else:
            yield line, "text"


def _track(inside: list[str], token: re.Match[str]) -> None:
    """Keep `inside` (the open tags whose content is never linked) up to date with an HTML tag."""
    name = token.group("name").lower()
    if name not in _SKIP_TAGS:
        return
    if token.group("close"):
        if name in inside:
            inside.remove(name)
    elif not token.group("tag").endswith("/>"):
        inside.append(name)


def _label(link: str) -> str:
    """The text of a Markdown link `[text](url "title")`, as the Markdown it was."""
    depth, position = 0, 0
    while position < len(link):
        char = link[position]
        if char == "\\":
            position += 2  # an escaped character is text, brackets included
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return link[1:position]
        position += 1
    return link
