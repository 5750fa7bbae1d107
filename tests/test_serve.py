"""`mkdocs serve` for editors: a bad edit shows its errors in the browser, and the next good save recovers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import free_port

pytestmark = pytest.mark.browser


@pytest.fixture
def served(project):
    """The project copy served by `mkdocs serve` on a loopback port, with live reload."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project.root / "mkdocs.yml")],
        cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"mkdocs serve exited: {server.stdout.read()}")
            time.sleep(0.3)
    else:
        server.kill()
        pytest.fail("mkdocs serve did not start within 60 s")
    yield project, url
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


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
