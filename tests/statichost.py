"""The built site served on a loopback port as a static host (GitHub Pages) serves it:
files as they are (text gzipped for browsers that accept it), and the site's own 404.html, with
status 404, for any address that has no file."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path


PAGE_TYPES = {
    "home": "",
    "whos-who": "actors/",
    "actor": "actors/north-korea/",
    "timeline": "timeline/",
    "event": "timeline/jang-song-thaek-executed/",
    "quotes": "quotes/",
    "glossary": "glossary/",
    "article": "sources/evolving-relations/",
    "about": "about/",
    "404": "no-such-page/",
}
"""One page of each kind a reader meets, by name: what the browser tests, axe and Lighthouse visit."""


_COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}
"""What GitHub Pages sends gzipped to a browser that accepts it."""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in _COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        # Lets LinkChecker lift its politeness limit of 10 requests a second for this host (ours, on loopback).
        self.send_header("LinkChecker", "local test host")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # Clients (LinkChecker, the browser) may close a connection before a file is sent in full.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 at `port` (a free one by default); yields the origin URL, ending in "/"."""
    handler = functools.partial(_Handler, directory=str(site))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
