"""Whatever an editor does to valid data, the outcome is a site or clean errors, never a crash; and
rewriting valid data in an equivalent way (other quotes, anchors and aliases, unquoted dates and
numbers, comments) still gives the same site, with no problem reported.

Hypothesis mutates the real data and pages: structurally (drops, duplicates, retypes and renames fields,
corrupts references and dates, writes random Unicode) and as text, the way editors type (values YAML reads
as booleans, numbers, nulls, dates and times; anchors, aliases and alias bombs; invisible and look-alike
characters; shortcodes written almost right). Each example runs the pipeline the hooks and the check
command run: load and check the data, check the pages' shortcodes, and render and cross-link every page.

CI runs a fixed, derandomised set of examples (the `ci` profile in conftest.py). To explore with fresh
random examples and many more of them, see the README ("Exploring with more examples").
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
from dataclasses import fields, is_dataclass, replace
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import PROJECT
from nkexplainer.check import Checked, inspect
from nkexplainer.crosslink import cross_link
from nkexplainer.errors import Problem
from nkexplainer.link import MentionMode

FILES = ("sources", "actors", "events", "quotes", "glossary")
pytestmark = pytest.mark.real_project  # mutates the data of the project under test: runs in the two-sources pass too

TEXTS = {name: (PROJECT / "data" / f"{name}.yml").read_text(encoding="utf-8") for name in FILES}
VALID = {name: yaml.safe_load(text) for name, text in TEXTS.items()}
DOCS = {p.relative_to(PROJECT / "docs").as_posix(): p.read_text(encoding="utf-8") for p in (PROJECT / "docs").rglob("*.md")}
IDS = sorted({r["id"] for records in VALID.values() for r in records})

# -- structural mistakes ---------------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=40), st.sampled_from(["2013-02-30", "2013-13", "0000", "china", "evolving-relations#p0",
                                           "evolving-relations#p99", "nowhere#p1", "", " ", "Kim", "U.S.",
                                           "seeds/\x00.txt", "seeds/", "seeds/" + "x" * 300, "seeds/\x1b.txt"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)


@st.composite
def structural(draw):
    """One editor's mistake in the data's structure: which file, which record, what is done to it."""
    name = draw(st.sampled_from(FILES))
    index = draw(st.integers(0, len(VALID[name]) - 1))
    field = draw(st.sampled_from(sorted(VALID[name][index])))
    action = draw(st.sampled_from(["drop", "duplicate", "retype", "rename", "corrupt", "unicode", "drop-record"]))
    payload = draw(values if action in ("retype", "corrupt") else st.text(min_size=1, max_size=30))
    return "structural", name, index, field, action, payload


def apply_structural(data: dict, change) -> dict:
    _, name, index, field, action, payload = change
    data = copy.deepcopy(data)
    records = data[name]
    record = records[index]
    if action == "drop":
        del record[field]
    elif action == "duplicate":
        records.append(copy.deepcopy(record))
    elif action == "retype":
        record[field] = payload
    elif action == "rename":
        record[payload] = record.pop(field)
    elif action == "corrupt":
        value = record[field]
        record[field] = [payload] if isinstance(value, list) else payload
    elif action == "unicode":
        value = record[field]
        record[field] = (value + payload) if isinstance(value, str) else payload
    elif action == "drop-record":
        records.pop(index)
    return data


# -- mistakes as typed ---------------------------------------------------------------------------------

TYPED = ["NO", "no", "yes", "Yes", "on", "off", "y", "~", "null", "", "12:30", "1:02:03", "2015-02-30", "2015-13-01",
         "0000-01-16", "2013-02-12", "2015-02-12 10:30:00", "0x1F", "010", "0o17", "1_000", ".inf", "-.nan", "3.5",
         "2015", "1e3", "true", "False", "!!str 12", "!shout x", "&a x", "*nowhere", "<<: x"]
"""Plain values YAML reads as something other than the text typed, and tags, anchors and aliases."""
INVISIBLE = ["\ufeff", "\u00a0", "\u200b", "\u2013", "\u2011", "\t", "\u00ad", "\x00", "\x1b", "\u2028", "\r", " #"]
"""Characters that look like another one, or like nothing; and the start of a YAML comment."""
VALUE_LINE = re.compile(r"^(?P<head>\s*(?:- )?[A-Za-z_]+: )(?P<value>\S.*)$", re.MULTILINE)
ITEM_LINE = re.compile(r"^(?P<head>\s+- )(?P<value>[^\s&*\[{'\"#!|>](?:(?! #|: ).)*?)$", re.MULTILINE)
"""A list item that is one plain value on its line, e.g. `    - evolving-relations#p3`."""


@st.composite
def typed(draw):
    """A change to the YAML text of one file, as an editor might type it."""
    name = draw(st.sampled_from(FILES))
    text = TEXTS[name]
    lines = list(VALUE_LINE.finditer(text))
    kind = draw(st.sampled_from(["scalar", "invisible", "alias", "bomb", "merge"]))
    first = draw(st.integers(0, len(lines) - 1))
    match = lines[first]
    if kind == "scalar":
        return "typed", name, match.start("value"), match.end("value"), draw(st.sampled_from(TYPED))
    if kind == "invisible":
        at = match.start("value") + draw(st.integers(0, len(match.group("value"))))
        return "typed", name, at, at, draw(st.sampled_from(INVISIBLE))
    if kind == "alias":
        second = lines[draw(st.integers(first, len(lines) - 1))]
        if second.start() == match.start():
            return "typed", name, match.start("value"), match.start("value"), "&x "
        return "typed", name, second.start("value"), second.end("value"), "*x", match.start("value"), "&x "
    if kind == "merge":
        indent = match.group("head")[: len(match.group("head")) - len(match.group("head").lstrip(" -"))]
        return "typed", name, match.start(), match.start(), " " * len(indent) + "<<: *x\n"
    return "typed", name, *bomb(text, draw(st.integers(1, 9)), draw(st.integers(1, 9)))


def bomb(text: str, levels: int, width: int) -> tuple[int, int, str]:
    """Nested anchors and aliases ("billion laughs"): `width` ** `levels` values, inserted into the first record."""
    lines = "".join(f"  lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else "lol"] * width) + "]\n" for i in range(levels))
    end = text.index("\n", text.index("- id:")) + 1
    return end, end, lines


def apply_typed(texts: dict[str, str], change) -> dict[str, str]:
    """Edits are (label, name, start, end, new text[, start, new text]); the later one is applied first."""
    _, name, *edits = change
    text = texts[name]
    pairs = [(edits[0], edits[1], edits[2])] + ([(edits[3], edits[3], edits[4])] if len(edits) > 3 else [])
    for start, end, new in sorted(pairs, reverse=True):
        text = text[:start] + new + text[end:]
    return {**texts, name: text}


@st.composite
def shortcode(draw):
    """A shortcode in a hand-written page, written right or almost right."""
    page = draw(st.sampled_from(sorted(DOCS)))
    kind = draw(st.sampled_from(["actor", "Actor", "ACTOR", "event", "term", "quote", "cite", "person", "actr"]))
    record = draw(st.one_of(st.sampled_from(IDS), st.sampled_from(["Xi Jinping", "kim-jong", "china ", " china",
                                                                   "evolving-relations#p3", "evolving-relations#p99",
                                                                   "DPRK", "x" * 60]), st.text(max_size=12)))
    label = draw(st.sampled_from(["", "|Beijing", "|", "|a]b"]))
    end = draw(st.sampled_from(["]]", "]", "", "]]]"]))
    code = f"[[{draw(st.sampled_from(['', ' ']))}{kind}{draw(st.sampled_from([':', ': ', ' :']))}{record}{label}{end}"
    text = DOCS[page]
    at = draw(st.sampled_from([m.start() for m in re.finditer(r"^", text, re.MULTILINE)] + [len(text)]))
    alone = draw(st.booleans())
    return "shortcode", page, at, f"{code}\n\n" if alone else f"A sentence with {code} in it. "


def apply_shortcode(docs: dict[str, str], change) -> dict[str, str]:
    _, page, at, new = change
    return {**docs, page: docs[page][:at] + new + docs[page][at:]}


# -- the pipeline ------------------------------------------------------------------------------------------


def run_pipeline(texts: dict[str, str], docs: dict[str, str] = DOCS, *, render: bool = True) -> tuple[Checked, list[Problem]]:
    """The hooks' work on the data files `texts` and the pages `docs`: the checked model and every problem,
    and, when there is none (and `render`), every page rendered and cross-linked. Any exception fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(PROJECT / "seeds", root / "seeds")
        (root / "data").mkdir()
        for name, text in texts.items():
            (root / "data" / f"{name}.yml").write_bytes(text.encode("utf-8", "surrogatepass"))
        checked = inspect(root, docs)
    problems = checked.problems
    for problem in problems:
        assert problem.path.startswith(("data/", "docs/")), problem
        assert problem.message and problem.line >= 0 and problem.column >= 0, problem
        if problem.line:
            source = texts.get(problem.path[5:-4]) if problem.path.startswith("data/") else docs[problem.path[5:]]
            assert problem.line <= source.count("\n") + 1, problem
    if render and not problems:
        site = cross_link(checked.model, docs, MentionMode.FIRST_IN_SECTION)
        assert site.generated and not site.problems, site.problems
    return checked, problems


def dumped(data: dict) -> dict[str, str]:
    return {name: yaml.safe_dump(records, allow_unicode=True) for name, records in data.items()}


def _first_date(name: str) -> tuple[int, int]:
    match = re.search(r"^\s*date: (\S+)$", TEXTS[name], re.MULTILINE)
    return match.start(1), match.end(1)


@given(st.lists(st.one_of(structural(), typed(), shortcode()), min_size=1, max_size=3))
@example([("structural", "sources", 0, "file", "retype", "seeds/\x00.txt")])  # a ValueError from open() once (#15)
@example([("typed", "events", *_first_date("events"), "2015-02-30")])  # a traceback from PyYAML once (#12)
@example([("typed", "actors", *bomb(TEXTS["actors"], 9, 9))])  # 8 GB and 90 s once (#12)
def test_any_mutation_gives_a_site_or_clean_errors(changes):
    data, texts, docs = VALID, None, DOCS
    for change in changes:
        try:
            if change[0] == "shortcode":
                docs = apply_shortcode(docs, change)
            elif change[0] == "structural":
                if texts is None:  # structural changes rewrite the whole file; typed ones come after
                    data = apply_structural(data, change)
            else:
                texts = apply_typed(texts or (dumped(data) if data is not VALID else TEXTS), change)
        except (IndexError, KeyError):
            continue  # an earlier change removed what this one targets
    run_pipeline(texts or (dumped(data) if data is not VALID else TEXTS), docs)


# -- equivalent rewrites of valid data -------------------------------------------------------------------------

QUOTED = re.compile(r"^(?P<head>\s*(?:- )?[a-z_]+: )\"(?P<value>[^\"'\\\\]*)\"$", re.MULTILINE)
QUOTED_DATE = re.compile(r"^(?P<head>\s*date: )\"(?P<value>[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)\"$", re.MULTILINE)


@st.composite
def equivalent(draw):
    """A rewrite of one file that means the same data: other quote marks, an unquoted date or year,
    an anchor on a list item and an alias where the same item comes again, or a comment line."""
    name = draw(st.sampled_from(FILES))
    text = TEXTS[name]
    kind = draw(st.sampled_from(["single-quotes", "unquoted-date", "alias", "comment"]))
    if kind == "single-quotes" and (found := list(QUOTED.finditer(text))):
        match = draw(st.sampled_from(found))
        return "equivalent", name, match.start("value") - 1, match.end("value") + 1, f"'{match.group('value')}'"
    if kind == "unquoted-date" and (found := list(QUOTED_DATE.finditer(text))):
        match = draw(st.sampled_from(found))
        return "equivalent", name, match.start("value") - 1, match.end("value") + 1, match.group("value")
    items: dict[str, list[re.Match]] = {}
    for match in ITEM_LINE.finditer(text):
        items.setdefault(match.group("value"), []).append(match)
    repeated = [m for m in items.values() if len(m) > 1]
    if kind == "alias" and repeated:
        first, second = draw(st.sampled_from(repeated))[:2]
        return "equivalent", name, second.start("value"), second.end("value"), "*same", first.start("value"), "&same "
    records = [m.start() for m in re.finditer(r"^- id:", text, re.MULTILINE)]
    at = draw(st.sampled_from(records))
    return "equivalent", name, at, at, "# an editor's comment: nothing changes\n"


def _without_lines(value):
    """A model record with its line numbers (which comments move) left out, recursively."""
    if is_dataclass(value) and any(f.name == "line" for f in fields(value)):
        return replace(value, line=0)
    return value


def comparable(checked: Checked) -> dict:
    model = checked.model
    return {kind: {k: _without_lines(v) for k, v in getattr(model, kind).items()}
            for kind in ("sources", "actors", "events", "quotes", "terms")}


ORIGINAL = None


@given(st.lists(equivalent(), min_size=1, max_size=4, unique_by=lambda change: change[1]))
def test_an_equivalent_rewrite_of_valid_data_gives_the_same_model_and_no_problem(changes):
    global ORIGINAL
    if ORIGINAL is None:
        ORIGINAL = comparable(run_pipeline(TEXTS)[0])
    texts = TEXTS
    for change in changes:
        texts = apply_typed(texts, change)
    checked, problems = run_pipeline(texts, render=False)  # the same model renders the same pages
    assert problems == []
    assert comparable(checked) == ORIGINAL


def test_the_unmutated_data_builds_without_a_single_problem():
    checked, problems = run_pipeline(TEXTS)
    assert problems == []
    assert checked.model.sources and checked.model.actors and checked.model.quotes
    assert {a["id"] for a in VALID["actors"]} == set(checked.model.actors)


def test_the_dumped_data_builds_the_same_as_the_files():
    """The structural mutations write the data back with PyYAML: unmutated, that is the same data."""
    assert comparable(run_pipeline(dumped(VALID))[0]) == comparable(run_pipeline(TEXTS)[0])
