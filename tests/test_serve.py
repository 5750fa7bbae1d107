"""`mkdocs serve` for editors: a bad edit shows its errors in the browser, and the next good save recovers."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager

import pytest

from conftest import fixture_project, free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def served(project):
    """The project copy served by `mkdocs serve` on a loopback port, with live reload."""
    with serving(project) as url:
        yield project, url


@pytest.fixture
def served_minimal(tmp_path):
    """The small fixture project (tests/fixtures/minimal), served the same way."""
    project = fixture_project(tmp_path)
    with serving(project) as url:
        yield project, url


@contextmanager
def serving(project):
    """`mkdocs serve --dirty` (the README's command) of `project` on a free loopback port; its log goes to a file
    (a pipe nobody reads fills up)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(project.root / "mkdocs.yml")],
        cwd=project.root, env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except OSError:
            if server.poll() is not None:
                log.seek(0)
                pytest.fail(f"mkdocs serve exited: {log.read()}")
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("mkdocs serve did not start within 60 s")
    try:
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def test_a_bad_edit_shows_its_errors_then_the_site_recovers(served, browser):
    project, url = served
    page = browser.new_page()
    page.goto(url + "actors/south-korea/")
    assert page.locator("h1").first.inner_text().startswith("South Korea")
    assert page.locator("[role=alert]").count() == 0

    project.edit("data/events.yml", "    - south-korea\n", "    - south-kore\n")
    alert = page.locator("[role=alert]")
    alert.wait_for(timeout=30_000)  # live reload brings the errors to the open page
    text = alert.inner_text()
    assert "data/events.yml:" in text
    assert "unknown actor 'south-kore' — did you mean 'south-korea'?" in text
    assert page.locator("h1").last.inner_text().startswith("South Korea"), "the last good page stays readable"

    project.edit("data/events.yml", "    - south-kore\n", "    - south-korea\n")
    alert.wait_for(state="detached", timeout=30_000)
    assert page.locator("h1").first.inner_text().startswith("South Korea")


def test_a_yaml_syntax_error_is_shown_too(served, browser):
    project, url = served
    page = browser.new_page()
    page.goto(url)
    project.edit("data/glossary.yml", "- id: ", "- id: [", 1)
    alert = page.locator("[role=alert]")
    alert.wait_for(timeout=30_000)
    assert "data/glossary.yml:" in alert.inner_text() and "YAML syntax" in alert.inner_text()


def test_a_value_that_once_crashed_the_build_shows_as_an_error_page_then_recovers(served_minimal, browser):
    """An unquoted impossible date (a Python traceback and a browser waiting for ever, before #12)."""
    project, url = served_minimal
    page = browser.new_page()
    page.goto(url + "timeline/gamma-visits-betania/")
    assert page.locator("[role=alert]").count() == 0

    project.edit("data/events.yml", 'date: "2015-02-12"', "date: 2015-02-30")
    started = time.monotonic()
    alert = page.locator("[role=alert]")
    alert.wait_for(timeout=20_000)
    seconds = time.monotonic() - started
    assert "data/events.yml:20:9: event 'gamma-visits-betania': date '2015-02-30' does not exist — that month has " \
           "28 days" in alert.inner_text()
    assert seconds < 20

    project.edit("data/events.yml", "date: 2015-02-30", 'date: "2015-02-12"')
    alert.wait_for(state="detached", timeout=20_000)
    assert "February 12, 2015" in page.locator("article").inner_text()


def test_serve_started_on_broken_data_shows_an_error_page_not_a_hanging_browser(tmp_path, browser):
    project = fixture_project(tmp_path)
    project.edit("data/events.yml", 'date: "2015-02-12"', "date: 2015-02-30")
    with serving(project) as url:
        page = browser.new_page()
        page.goto(url + "timeline/", timeout=20_000)
        alert = page.locator("[role=alert]")
        alert.wait_for(timeout=20_000)
        assert "date '2015-02-30' does not exist" in alert.inner_text()
        assert "The data this page is built from has problems" in page.locator("article").inner_text()
