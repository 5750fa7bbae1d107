"""LinkChecker, with each distinct page read once: `python tests/linkcheck_once.py ARGS…`.

LinkChecker treats every link with a #fragment as a URL of its own: for each one it downloads
the page again, parses it again, and walks the whole tree again, twice (once for the links, once
for the anchors), taking each element's full text on the way. On our site that is some 700
walks of about 55 pages, and it was nearly all of the crawl's time. The same bytes give the same
tree and the same findings, so here a page's tree and each walk's findings are kept, by content,
and handed out again. LinkChecker only reads them; what it checks and reports is unchanged.
"""

from __future__ import annotations

import sys
import threading

from linkcheck.htmlutil import htmlsoup, linkparse

_parse = htmlsoup.make_soup
_walk = linkparse.find_links
_trees: dict[tuple, object] = {}
_found: dict[tuple, list] = {}
_lock = threading.Lock()


def _make_soup_once(markup, from_encoding=None):
    key = (markup, from_encoding)
    with _lock:
        tree = _trees.get(key)
    if tree is None:
        tree = _parse(markup, from_encoding)
        with _lock:
            tree = _trees.setdefault(key, tree)
    return tree


def _find_links_once(soup, callback, tags):
    key = (id(soup), id(tags))  # trees live as long as the process (kept in _trees)
    with _lock:
        found = _found.get(key)
    if found is None:
        found = []
        _walk(soup, lambda *args, **kwargs: found.append((args, kwargs)), tags)
        with _lock:
            found = _found.setdefault(key, found)
    for args, kwargs in found:
        callback(*args, **kwargs)


htmlsoup.make_soup = _make_soup_once
linkparse.find_links = _find_links_once

if __name__ == "__main__":
    from linkcheck.command.linkchecker import linkchecker

    sys.argv[0] = "linkchecker"
    sys.exit(linkchecker())
