"""The synthetic corpus's records and names: realistic, and never one name for two records.

A name or alias may mean one record only across actors and glossary terms (the
build checks it), and the linker matches names case-sensitively with a capital
variant for lowercase terms; so every name, alias and variant is claimed once.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Callable

import vocabulary as V


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")


@dataclass(eq=False)
class Actor:
    id: str
    name: str
    kind: str
    aliases: list = field(default_factory=list)
    """Strings or {name, autolink, note} mappings, as in data/actors.yml."""
    title: str | None = None
    home: int = 0
    state: "Actor | None" = None
    capital: str | None = None
    demonym: str | None = None
    cites: list = field(default_factory=list)
    relations: list = field(default_factory=list)
    summary: str = ""
    role: str = ""

    def surfaces(self) -> list[str]:
        """The names the texts may use: the name and every automatically linked alias."""
        return [self.name] + [a for a in self.aliases if isinstance(a, str)]


@dataclass(eq=False)
class Term:
    id: str
    term: str
    aliases: list
    definition: str
    home: int = 0
    cites: list = field(default_factory=list)
    explanation: str = ""


class Names:
    """Makes actors and terms whose names, aliases and ids no other record holds."""

    def __init__(self, rng: random.Random, real: dict[str, list]) -> None:
        self.rng = rng
        self.claimed: set[str] = set()
        self.ids: dict[str, set[str]] = {k: {r["id"] for r in real[k]} for k in real}
        self.actors: list[Actor] = []
        """Every actor made so far (states first, so that the others can use their demonyms)."""
        for record in real["actors"] + real["glossary"]:
            for name in [record.get("name") or record.get("term")] + record.get("aliases", []):
                self.claim(name if isinstance(name, str) else name["name"])

    def claim(self, name: str) -> bool:
        variants = {name, name[:1].upper() + name[1:]}
        if variants & self.claimed:
            return False
        self.claimed |= variants
        return True

    def unique_id(self, kind: str, text: str) -> str:
        base = slug(text)[:48].strip("-") or kind
        candidate, n = base, 2
        while candidate in self.ids[kind] or candidate == "index":
            candidate, n = f"{base}-{n}", n + 1
        self.ids[kind].add(candidate)
        return candidate

    def _fresh(self, make: Callable[[], str]) -> str:
        for _ in range(10_000):
            name = make()
            if self.claim(name):
                return name
        raise RuntimeError("name pool exhausted: add words to bench/vocabulary.py")

    def actor(self, kind: str) -> Actor:
        rng, states = self.rng, [a for a in self.actors if a.kind == "state"] or [None]
        state = rng.choice(states)
        actor = Actor("", "", kind, state=state)
        if kind == "state":
            actor.name = self._fresh(lambda: rng.choice(V.STATE_STARTS) + rng.choice(V.STATE_ENDS))
            actor.capital = self._fresh(lambda: rng.choice(V.CITY_STARTS) + rng.choice(V.CITY_ENDS))
            demonym = actor.name + ("n" if actor.name.endswith("a") else "ian")
            actor.aliases.append(actor.capital)
            if self.claim(demonym):
                actor.demonym = demonym
                actor.aliases.append({"name": demonym, "autolink": False,
                                      "note": "An adjective; the texts use it inside longer names that have their own records."})
            actor.state = None
        elif kind == "person":
            style = rng.random()
            if style < 0.4:
                surname = rng.choice(V.KOREAN_SURNAMES)
                actor.name = self._fresh(lambda: f"{surname} {rng.choice(V.KOREAN_GIVEN_1)}-{rng.choice(V.KOREAN_GIVEN_2)}")
            elif style < 0.7:
                surname = rng.choice(V.CHINESE_SURNAMES)
                actor.name = self._fresh(lambda: f"{surname} {rng.choice(V.CHINESE_GIVEN).title()}{rng.choice(V.CHINESE_GIVEN)}")
            else:
                surname = rng.choice(V.WESTERN_LAST)
                actor.name = self._fresh(lambda: f"{rng.choice(V.WESTERN_FIRST)} {surname}")
            surname = actor.name.split()[0] if style < 0.7 else actor.name.split()[-1]
            if self.claim(surname):
                actor.aliases.append(surname)
            actor.title = rng.choice(V.PERSON_TITLES)
            office = f"the {actor.title.lower()}"
            if rng.random() < 0.1 and self.claim(office):
                actor.aliases.append({"name": office, "autolink": False,
                                      "note": "How the texts refer to the office; ambiguous on its own."})
        elif kind == "organisation":
            if rng.random() < 0.3 and state:
                actor.name = self._fresh(lambda: f"{state.demonym or state.name} {rng.choice(V.NATIONAL_BODIES)}")
            else:
                actor.name = self._fresh(lambda: f"{rng.choice(V.REGIONS)} {rng.choice(V.BODIES)} for {rng.choice(V.FIELDS)}")
                acronym = "".join(w[0] for w in re.split(r"[\s-]+", actor.name) if w[0].isupper())
                if len(acronym) >= 3 and self.claim(acronym):
                    actor.aliases.append(acronym)
        elif kind == "media":
            actor.name = self._fresh(lambda: f"{rng.choice(V.CITY_STARTS)}{rng.choice(V.CITY_ENDS)} {rng.choice(V.OUTLETS)}")
        else:
            actor.name = self._fresh(lambda: f"{(rng.choice(states).demonym or 'Regional') if states[0] else 'Regional'} "
                                             f"{rng.choice(V.GROUP_NOUNS)}")
        actor.id = self.unique_id("actors", actor.name)
        self.actors.append(actor)
        return actor

    def term(self) -> Term:
        rng = self.rng
        adjective, noun = rng.choice(V.TERM_ADJECTIVES), rng.choice(V.TERM_NOUNS)
        for _ in range(10_000):
            if self.claim(f"{adjective} {noun}"):
                break
            adjective, noun = rng.choice(V.TERM_ADJECTIVES), rng.choice(V.TERM_NOUNS)
        else:
            raise RuntimeError("term pool exhausted: add words to bench/vocabulary.py")
        text = f"{adjective} {noun}"
        aliases = []
        if rng.random() < 0.3 and not noun.endswith(("s", "y", "h")) and self.claim(text + "s"):
            aliases.append(text + "s")
        definition = (f"In {rng.choice(V.TERM_CATEGORIES)} usage, a {noun} described as {adjective}, "
                      "as opposed to an open or general one.")
        return Term(self.unique_id("glossary", text), text, aliases, definition)
