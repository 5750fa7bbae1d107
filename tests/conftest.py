"""Shared fixtures: the site built once per test session, and throwaway copies of the project for editors' mistakes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "data", "seeds")


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

    def __init__(self, root: Path) -> None:
        self.root = root

    @cache
    def page(self, path: str) -> BeautifulSoup:
        """`path` as a URL path (`actors/china/`) or a file (`actors/china/index.html`)."""
        file = self.root / path
        if path.endswith("/") or not path:
            file = file / "index.html"
        return BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")

    def content(self, path: str):
        """The article body of a page, without navigation and footer."""
        return self.page(path).select_one("article.md-content__inner")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


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
    result = run_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def site(built: BuildResult) -> Site:
    return Site(built.site)


@pytest.fixture(scope="session")
def data() -> dict[str, list[dict]]:
    """The data files as plain YAML, read independently of the hooks under test."""
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in (ROOT / "data").glob("*.yml")}


@pytest.fixture(scope="session")
def seed_paragraphs(data) -> dict[str, list[str]]:
    """Each source's paragraphs straight from its seed file: line 3 onwards, one paragraph a line."""
    found = {}
    for source in data["sources"]:
        lines = [l for l in (ROOT / source["file"]).read_text(encoding="utf-8").split("\n") if l.strip()]
        found[source["id"]] = lines[2:]
    return found


def copy_project(folder: Path) -> EditableProject:
    """A writable copy of the project under `folder`, and a way to build it."""
    copy = folder / "project"
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, copy / part)
    return EditableProject(copy, folder / "site")


FIXTURES = ROOT / "tests" / "fixtures"


def fixture_project(folder: Path, *overlays: str) -> EditableProject:
    """The small valid project in tests/fixtures/minimal, with the real mkdocs.yml, hooks and CSS,
    and each `overlays` folder (tests/fixtures/broken/<name>) copied over it: one broken thing each."""
    copy = folder / "project"
    shutil.copytree(FIXTURES / "minimal", copy)
    shutil.copy2(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copytree(ROOT / "hooks", copy / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "stylesheets", copy / "docs" / "stylesheets")
    for overlay in overlays:
        shutil.copytree(FIXTURES / "broken" / overlay, copy, dirs_exist_ok=True)
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
def project(tmp_path: Path) -> EditableProject:
    """A copy of the project for one test to break."""
    return copy_project(tmp_path)


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
