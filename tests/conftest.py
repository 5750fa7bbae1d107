"""Shared fixtures: the site built once per test session, and throwaway copies of the project for editors' mistakes."""

from __future__ import annotations

import atexit
import calendar
import os
import posixpath
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings

# Property-based tests (test_properties.py). CI: the same examples every run (derandomised, no example
# database), so a red run is a real regression. Exploring: fresh random examples, many more of them:
#   .venv/bin/python -m pytest tests/test_properties.py --timeout=0 --hypothesis-profile=explore
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
settings.register_profile("ci", derandomize=True, database=None, max_examples=60, deadline=None,
                          suppress_health_check=_SLOW_IS_FINE, print_blob=True)
settings.register_profile("explore", max_examples=2000, deadline=None, suppress_health_check=_SLOW_IS_FINE,
                          print_blob=True)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
"""The repository: its tools, fixtures, README and test artifacts."""
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "data", "seeds")
FIXTURES = ROOT / "tests" / "fixtures"
SECOND_SOURCE = FIXTURES / "second-source"

TEST_PROJECT = os.environ.get("EXPLAINER_TEST_PROJECT", "real")
"""Which project the real-project tests (fixtures `built`, `site`, `data`, `seed_paragraphs`, `project`,
`project_root`, `origin`) run on: `real`, the repository itself (the default), or `two-sources`, a copy of it
extended with tests/fixtures/second-source (a second seed file, its source record and records citing it).
tests/run.sh runs those tests a second time with `two-sources`: proof that they hold for any valid data."""
TWO_SOURCES = TEST_PROJECT == "two-sources"
REAL_PROJECT_FIXTURES = frozenset({"built", "site", "data", "seed_paragraphs", "project", "project_root", "origin"})
"""A test that asks for any of these (directly or through another fixture) runs on the project under test."""


def add_second_source(root: Path) -> None:
    """Extend the project at `root` as an editor adds a source: the second source's seed files, and its records
    appended to the data files (tests/fixtures/second-source/append/*.yml, YAML list items)."""
    shutil.copytree(SECOND_SOURCE / "seeds", root / "seeds", dirs_exist_ok=True)
    for addition in sorted((SECOND_SOURCE / "append").glob("*.yml")):
        target = root / "data" / addition.name
        target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + "\n" + addition.read_text(encoding="utf-8"),
                          encoding="utf-8")
    for edit in sorted((SECOND_SOURCE / "edit").glob("*.yml")):
        # Changes to records that already exist: {file, old, new}, each `old` found exactly once.
        for change in yaml.safe_load(edit.read_text(encoding="utf-8")):
            target = root / change["file"]
            text = target.read_text(encoding="utf-8")
            assert text.count(change["old"]) == 1, f"{edit.name}: {change['old']!r} is not once in {change['file']}"
            target.write_text(text.replace(change["old"], change["new"]), encoding="utf-8")


def _copy_parts(source: Path, copy: Path) -> None:
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, copy / part)


WHOLE_PAGES = 1_000_000
"""`extra.explainer.split_after` in the project under test: every index page whole, whatever the data holds."""


def set_split_after(root: Path, split_after: int | str = WHOLE_PAGES) -> None:
    """Set `extra.explainer.split_after` in `root/mkdocs.yml` (replacing the line if the file sets it).

    The tests of content (a term on the glossary, a quote on the key quotes page) read whole index pages, so an
    editor who adds the 41st term does not turn them red; tests/test_split_pages.py tests the parts, and
    test_site.py builds the repository as it is published, with its own setting."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = f"    split_after: {split_after}"
    text, found = re.subn(r"^[ \t]+split_after:.*$", line, text, count=1, flags=re.MULTILINE)
    if not found:
        assert "\n  explainer:\n" in text, "mkdocs.yml has no extra.explainer section"
        text = text.replace("\n  explainer:\n", f"\n  explainer:\n{line}\n", 1)
    config.write_text(text, encoding="utf-8")


def _project_under_test() -> Path:
    if TEST_PROJECT not in ("real", "two-sources"):
        raise pytest.UsageError(f"EXPLAINER_TEST_PROJECT={TEST_PROJECT!r}: use 'real' or 'two-sources'")
    folder = Path(tempfile.mkdtemp(prefix=f"explainer-{TEST_PROJECT}-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    _copy_parts(ROOT, folder / "project")
    if TWO_SOURCES:
        add_second_source(folder / "project")
    set_split_after(folder / "project")
    return folder / "project"


PROJECT = _project_under_test()
"""The project the real-project tests run on: a copy of ROOT, or of ROOT with a second source (TEST_PROJECT), its
index pages kept whole (set_split_after)."""


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "real_project: reads the project under test (PROJECT) without asking for a "
                            "fixture of it; runs in the two-sources pass too")
    config.addinivalue_line("markers", "two_sources: a browser test that tests/run.sh also runs in the two-sources "
                            "pass (the others run on the real project only: the pass must stay short)")


def pytest_report_header(config) -> str:
    return f"project under test: {TEST_PROJECT} ({PROJECT})"


def pytest_collection_modifyitems(config, items) -> None:
    """With `two-sources`, only the tests that run on the project under test: the others (small fixture projects,
    the repository's own files) gave their answer in the first pass, and would give the same one again."""
    if not TWO_SOURCES:
        return
    keep, drop = [], []
    for item in items:
        uses = REAL_PROJECT_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("real_project")
        (keep if uses else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@dataclass
class BuildResult:
    """What an editor sees after running `mkdocs build --strict`."""

    returncode: int
    output: str
    site: Path


def run_build(project: Path, site: Path) -> BuildResult:
    """Build `project` with the strict gate, in a fresh process as an editor would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        capture_output=True, text=True, env=env, cwd=project, timeout=300,
    )
    return BuildResult(completed.returncode, completed.stdout + completed.stderr, site)


class Site:
    """The built site, read as a reader's browser would receive it."""

    def __init__(self, root: Path, data: dict[str, list[dict]] | None = None, project: Path | None = None) -> None:
        self.root = root
        self.data = data
        """The data the site was built from, read as plain YAML (set for fixture projects)."""
        self.project = project
        """The project the site was built from (set for fixture projects)."""

    @cache
    def page(self, path: str) -> BeautifulSoup:
        """`path` as a URL path (`actors/china/`) or a file (`actors/china/index.html`).
        Parsed once and shared by every test of the session: read it, never edit it (copy.copy a part to edit)."""
        file = self.root / path
        if path.endswith("/") or not path:
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def content(self, path: str):
        """The article body of a page, without navigation and footer."""
        return self.page(path).select_one("article.md-content__inner")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def link_target(page: str, href: str) -> tuple[str, str] | None:
    """Where a link on `page` (a URL path like `actors/china/`) leads on the site: (URL path, fragment),
    or None for a link off the site. Worked out with posixpath, independently of the hooks' URL code."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", href):
        return None
    path, _, fragment = href.partition("#")
    if not path:
        return page, fragment
    base = page if page.endswith("/") or not page else posixpath.dirname(page) + "/"
    resolved = posixpath.normpath(posixpath.join("/" + base, path)).lstrip("/")
    resolved = resolved.removesuffix("index.html").rstrip("/")
    return (resolved + "/" if resolved and resolved != "." else ""), fragment


def page_path(site_root: Path, file: Path) -> str:
    """The URL path of a built HTML file: `actors/china/` for actors/china/index.html."""
    return file.relative_to(site_root).as_posix().removesuffix("index.html")


def date_label(record: dict) -> str:
    """How a record's date must read: as precise as its precision, with its qualifier ("Before June 2015")."""
    parts = [int(p) for p in str(record["date"]).split("-")]
    if record["precision"] == "year":
        label = str(parts[0])
    elif record["precision"] == "month":
        label = f"{calendar.month_name[parts[1]]} {parts[0]}"
    else:
        label = f"{calendar.month_name[parts[1]]} {parts[2]}, {parts[0]}"
    return f"{record['qualifier'].capitalize()} {label}" if record.get("qualifier") else label


def the_sources(data: dict[str, list[dict]]) -> str:
    """How generated text must speak of all of a project's sources: "the article" while it has one,
    "the sources" once it has several (the rule wording.Voice keeps, restated)."""
    return "the article" if len(data["sources"]) == 1 else "the sources"


def cited_name(data: dict[str, list[dict]], source_id: str) -> str:
    """What a citation puts before "¶3": nothing with one source, the source's `short` and a space with several."""
    if len(data["sources"]) == 1:
        return ""
    return next(s["short"] for s in data["sources"] if s["id"] == source_id) + " "


def heading_text(heading) -> str:
    """A heading's text without its permalink sign."""
    return heading.get_text(strip=True).removesuffix("¶")


def squeeze(text: str) -> str:
    """Text with runs of white space made one space, for comparing what a reader reads."""
    return " ".join(text.split())


def entries(content) -> list:
    """The entries of every list and table in `content`, outside graphics: innermost list items, table rows."""
    return [item for item in content.select("li, tr")
            if not item.find_parent("svg") and not item.select_one("li, tr")]


def event_entries(site: Site, page: str, events: list[dict]) -> list[tuple[dict, object]]:
    """Every place `page` lists an event, in reading order: a list item or table row (outside graphics) that
    links to the event's page and gives its date. Backlinks that only name a page are not event listings."""
    by_path = {f"timeline/{e['id']}/": e for e in events}
    found = []
    content = site.content(page)
    for item in entries(content):
        for a in item.select("a[href]"):
            target = link_target(page, a["href"])
            event = by_path.get(target[0]) if target and not target[1] else None
            if event and date_label(event) in squeeze(item.get_text(" ")):
                found.append((event, item))
                break
    return found


def timeline_pages(site: Site) -> list[str]:
    """The pages that list the timeline's events, in order: the timeline, then its year pages if it has them
    (a long timeline gets a page per year)."""
    years = sorted(p.name for p in (site.root / "timeline").iterdir() if p.name.isdigit() and (p / "index.html").exists())
    return ["timeline/"] + [f"timeline/{year}/" for year in years]


def under_heading(heading) -> list:
    """The elements after an h2 up to the next h2: one section of a page."""
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        parts.append(sibling)
    return parts


def hrefs_under(heading, selector: str = "a[href]") -> set[str]:
    """The link targets in the section under an h2."""
    return {a["href"] for part in under_heading(heading) for a in part.select(selector)}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = run_build(PROJECT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def site(built: BuildResult) -> Site:
    return Site(built.site)


@pytest.fixture(scope="session")
def rich_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The minimal project with tests/fixtures/rich over it, built once: every date precision and qualifier,
    expected events, two-sided relations, a source with every optional field."""
    project = fixture_project(tmp_path_factory.mktemp("rich"), "rich")
    result = project.build()
    assert result.returncode == 0, result.output
    return Site(result.site, read_data(project.root), project.root)


def read_data(root: Path) -> dict[str, list[dict]]:
    """A project's data files as plain YAML, read independently of the hooks under test."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (root / "data").glob("*.yml")}


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The project under test (PROJECT): read it, never edit it (copy_project gives a copy to edit)."""
    return PROJECT


@pytest.fixture(scope="session")
def data(project_root) -> dict[str, list[dict]]:
    """The data files as plain YAML, read independently of the hooks under test."""
    return read_data(project_root)


@pytest.fixture(scope="session")
def seed_paragraphs(data, project_root) -> dict[str, list[str]]:
    """Each source's paragraphs straight from its seed file: line 3 onwards, one paragraph a line."""
    return read_paragraphs(project_root, data)


def read_paragraphs(root: Path, data: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Each source's paragraphs in the project at `root`, read from its seed file independently of the hooks."""
    found = {}
    for source in data["sources"]:
        lines = [l.rstrip("\r") for l in (root / source["file"]).read_text(encoding="utf-8").split("\n") if l.strip()]
        found[source["id"]] = lines[2:]
    return found


def copy_project(folder: Path, source: Path | None = None, split_after: int | str = WHOLE_PAGES) -> EditableProject:
    """A writable copy under `folder` of the project under test (or of `source`), and a way to build it.
    A fixture that calls it should ask for `project_root` and pass it, so it runs in the two-sources pass too.
    Its index pages are kept whole unless `split_after` says otherwise (set_split_after)."""
    copy = folder / "project"
    _copy_parts(source or PROJECT, copy)
    set_split_after(copy, split_after)
    return EditableProject(copy, folder / "site")


def fixture_project(folder: Path, *overlays: str) -> EditableProject:
    """The small valid project in tests/fixtures/minimal, with the real mkdocs.yml, hooks and CSS,
    and each `overlays` folder copied over it: tests/fixtures/broken/<name> (one broken thing each),
    or any other folder under tests/fixtures (`rich`: records made to exercise every date, status and relation)."""
    copy = folder / "project"
    shutil.copytree(FIXTURES / "minimal", copy)
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    set_split_after(copy)  # the fixtures' tests read whole index pages, whatever mkdocs.yml sets
    shutil.copytree(ROOT / "hooks", copy / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "stylesheets", copy / "docs" / "stylesheets")
    for overlay in overlays:
        broken = FIXTURES / "broken" / overlay
        shutil.copytree(broken if broken.is_dir() else FIXTURES / overlay, copy, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("README.md"))
    return EditableProject(copy, folder / "site")


def check_data(project: Path) -> subprocess.CompletedProcess:
    """The editors' check command, run on `project`."""
    return subprocess.run([sys.executable, str(project / "hooks" / "check_data.py"), str(project)],
                          capture_output=True, text=True, timeout=120)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
"""Debian's chromium, quiet: without the networking flags it tries to reach Google hosts on its own."""


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run the tests with `bash tests/run.sh`, which installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def origin(built):
    """The built site served on a loopback port, as a static host would (its 404 page for missing addresses)."""
    from statichost import serve

    with serve(built.site) as url:
        yield url


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    yield context
    context.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def project(tmp_path: Path, project_root) -> EditableProject:
    """A copy of the project under test for one test to break."""
    return copy_project(tmp_path, project_root)


class EditableProject:
    def __init__(self, root: Path, site: Path) -> None:
        self.root = root
        self.site = site

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")

    def write(self, relative: str, content: str | bytes) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    def add_page(self, relative: str, markdown: str) -> None:
        """A hand-written page under docs/, deliberately left out of the nav."""
        self.write(f"docs/{relative}", markdown)
        config = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        if "not_in_nav:" not in config:
            config += "\nnot_in_nav: |\n"
        self.write("mkdocs.yml", config + f"  /{relative}\n")

    def build(self) -> BuildResult:
        return run_build(self.root, self.site)
