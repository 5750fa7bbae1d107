"""Whatever an editor does to valid data, the outcome is a site or clean errors, never a crash.

Hypothesis mutates the real data (drops, duplicates, retypes and renames fields,
corrupts references and dates, writes random Unicode) and runs the whole data
pipeline the hooks run: load and check, then render and cross-link every page.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from nkexplainer.check import load_model
from nkexplainer.crosslink import cross_link
from nkexplainer.errors import DataError
from nkexplainer.link import MentionMode

FILES = ("sources", "actors", "events", "quotes", "glossary")
VALID = {name: yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8")) for name in FILES}
DOCS = {str(p.relative_to(ROOT / "docs")): p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md")}

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=40), st.sampled_from(["2013-02-30", "2013-13", "0000", "china", "evolving-relations#p0",
                                           "evolving-relations#p99", "nowhere#p1", "", " ", "Kim", "U.S."]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)


@st.composite
def mutation(draw):
    """One editor's mistake: which file, which record, what is done to it."""
    name = draw(st.sampled_from(FILES))
    index = draw(st.integers(0, len(VALID[name]) - 1))
    record = VALID[name][index]
    field = draw(st.sampled_from(sorted(record)))
    action = draw(st.sampled_from(["drop", "duplicate", "retype", "rename", "corrupt", "unicode", "drop-record"]))
    payload = draw(values if action in ("retype", "corrupt") else st.text(min_size=1, max_size=30))
    return name, index, field, action, payload


def apply(data: dict, change) -> dict:
    name, index, field, action, payload = change
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


def run_pipeline(data: dict) -> None:
    """The hooks' work on `data`: a checked model and every page, or a DataError."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "seeds", root / "seeds")
        (root / "data").mkdir()
        for name, records in data.items():
            (root / "data" / f"{name}.yml").write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
        try:
            model = load_model(root)
        except DataError as error:
            assert error.problems, "a DataError always says what is wrong"
            for problem in error.problems:
                assert problem.path.startswith("data/") and problem.message
            return
        site = cross_link(model, DOCS, MentionMode.FIRST_IN_SECTION)
        assert site.generated


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation(), min_size=1, max_size=3))
def test_any_mutation_gives_a_site_or_clean_errors(changes):
    data = VALID
    for change in changes:
        try:
            data = apply(data, change)
        except (IndexError, KeyError):
            continue  # an earlier change removed what this one targets
    run_pipeline(data)


def test_the_unmutated_data_builds():
    run_pipeline(VALID)
