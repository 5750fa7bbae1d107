"""The synthetic sources' texts: ten paragraphs that name their cast, tell their events and hold their quotes."""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING

import vocabulary as V
from names import Actor, Term

if TYPE_CHECKING:
    from corpus import Corpus

PARAGRAPHS = 10


class SourceWriter:
    """Writes one synthetic source: ten paragraphs that mention its cast, tell its events and hold its quotes."""

    def __init__(self, corpus: Corpus, s: int) -> None:
        self.c, self.s, self.rng = corpus, s, corpus.rng
        self.id = corpus.sources[s]
        self.cast = [a for a in corpus.actors if a.home == s]
        others = [a for a in corpus.actors if a.home != s]
        self.guests = self.rng.sample(others, min(3, len(others)))
        self.real_names = [n for r in corpus.real["actors"] for n in [r["name"]] if r["kind"] == "state"]
        self.home_terms = [t for t in corpus.terms if t.home == s] or corpus.terms[:1]
        self.real_terms = [r["term"] for r in corpus.real["glossary"]]
        self.year = self.rng.randint(2004, 2012)
        rng = self.rng
        self.title = f"{rng.choice(V.HEADLINE_NOUNS)} {rng.choice(V.HEADLINE_TAILS)}: {self.cast[0].name if self.cast else 'the region'} and its neighbours"
        self.dek = (f"How {len(self.cast)} actors, from {self.cast[0].name if self.cast else 'capitals'} to "
                    f"{self.cast[-1].name if self.cast else 'traders'}, shaped a decade of regional politics.")

    def write(self) -> tuple[str, str, list[str]]:
        n_events, n_quotes = self.c.share(self.c.want["events"], self.s), self.c.share(self.c.want["quotes"], self.s)
        event_at = [j * PARAGRAPHS // max(n_events, 1) for j in range(n_events)]
        quote_at = [(j * PARAGRAPHS // max(n_quotes, 1) + 3) % PARAGRAPHS for j in range(n_quotes)]
        paragraphs = [self._paragraph(p, event_at.count(p - 1), quote_at.count(p - 1)) for p in range(1, PARAGRAPHS + 1)]
        for actor in self.cast:
            others = [a.name for a in self.rng.sample(self.cast, min(3, len(self.cast))) if a is not actor][:2]
            actor.role = f"In “{self.title}”, {actor.name} deals with {' and '.join(others) or 'its neighbours'}."
        for term in self.home_terms:
            pair = self.rng.sample(self.cast, min(2, len(self.cast)))
            term.explanation = f"“{self.title}” uses it when describing how {' and '.join(a.name for a in pair)} deal with each other."
        return self.title, self.dek, paragraphs

    # Each helper returns text and records what it mentioned in self.actors_here / self.terms_here.

    def _name(self, actor: Actor) -> str:
        self.actors_here.add(actor.id)
        actor.cites.append(f"{self.id}#p{self.p}")
        surfaces = actor.surfaces()
        return self.rng.choice(surfaces[1:]) if len(surfaces) > 1 and self.rng.random() < 0.3 else actor.name

    def _term(self, term: Term | None = None) -> str:
        if term is None:
            if self.rng.random() < 0.15:
                return self.rng.choice(self.real_terms)
            term = self.rng.choice(self.home_terms)
        term.cites.append(f"{self.id}#p{self.p}")
        return term.aliases[0] if term.aliases and self.rng.random() < 0.3 else term.term

    def _paragraph(self, p: int, n_events: int, n_quotes: int) -> str:
        rng = self.rng
        self.p, self.actors_here = p, set()
        people = self.cast[p - 1 :: PARAGRAPHS] + rng.sample(self.cast, min(2, len(self.cast)))
        if rng.random() < 0.4 and self.guests:
            people.append(rng.choice(self.guests))
        people = list(dict.fromkeys(people)) or self.guests[:2]
        terms = self.home_terms[p - 1 :: PARAGRAPHS]
        sentences, events_here = [], []
        if rng.random() < 0.5:
            sentences.append(f"For {rng.choice(self.real_names)}, the question of {self._term()} was never far away.")
        for _ in range(n_events):
            sentence, event = self._event(people)
            sentences.append(sentence)
            events_here.append(event)
        for _ in range(n_quotes):
            sentences.append(self._quote(people, events_here))
        for actor in people:
            if actor.id not in self.actors_here:
                sentences.append(self._mention(actor, people, terms))
        for term in terms:
            sentences.append(f"Much of the debate turned on {self._term(term)}.")
        target = rng.randint(85, 115)
        while sum(len(s.split()) for s in sentences) < target:
            sentences.append(rng.choice(V.FILLER) if rng.random() < 0.5 else self._mention(rng.choice(people), people, terms))
        head, tail = sentences[:1], sentences[1:]
        rng.shuffle(tail)
        return " ".join(head + tail)

    def _mention(self, actor: Actor, people: list[Actor], terms: list[Term]) -> str:
        rng = self.rng
        other = rng.choice([a for a in people if a is not actor] or self.guests or [actor])
        a, t, t2 = self._name(actor), self._term(rng.choice(terms) if terms else None), self._term()
        return rng.choice([
            f"{a} has long argued that {t} matters more than {t2}.",
            f"For {a}, the question of {t} was never only about {self._name(other)}.",
            f"{a} and {self._name(other)} have both spoken of {t}, though rarely in the same terms.",
            f"Critics of {a} described the step as a form of {t}.",
            f"Observers close to {a} expect {t} to stay on the agenda for years.",
        ])

    def _event(self, people: list[Actor]) -> tuple[str, dict]:
        rng = self.rng
        a1 = rng.choice(people)
        a2 = rng.choice([a for a in people if a is not a1] or self.guests)
        past, base, present = rng.choice(V.VERBS)
        year = self.year + (self.p - 1) * 4 // PARAGRAPHS
        precision = rng.choices(["year", "month", "day"], [2, 5, 3])[0]
        month, day = rng.randint(1, 12), 0
        if precision == "day":
            day = rng.randint(1, calendar.monthrange(year, month)[1])
        date = f"{year}" + (f"-{month:02d}" if precision != "year" else "") + (f"-{day:02d}" if day else "")
        label = {"year": f"{year}", "month": f"{calendar.month_name[month]} {year}",
                 "day": f"{calendar.month_name[month]} {day}, {year}"}[precision]
        qualifier = rng.choice(["about", "before", "after", "since", "by"]) if rng.random() < 0.15 else None
        expected = rng.random() < 0.08
        term = self._term()
        n1, n2 = self._name(a1), self._name(a2)
        if expected:
            sentence = f"{n1} is expected to {base} {n2} in {label}, with {term} on the table."
        else:
            opening = {None: "On " if day else "In ", "about": "Around ", "before": "Shortly before ",
                       "after": "Soon after ", "since": "Since ", "by": "By "}[qualifier]
            sentence = f"{opening}{label}, {n1} {past} {n2} over {term}."
        title = f"{a1.name} {present} {a2.name}" + (f" over {term}" if rng.random() < 0.5 else "")
        event = {"id": self.c.names.unique_id("events", title), "title": title, "date": date, "precision": precision}
        if qualifier:
            event["qualifier"] = qualifier
            if rng.random() < 0.7:
                event["basis"] = f"Not stated exactly: p{self.p} places it {qualifier} {label}."
        event["status"] = "expected" if expected else "happened"
        if rng.random() < 0.8:
            event["effect"] = rng.choice(["cooling", "warming", "neutral"])
        event.update({"actors": list(dict.fromkeys([a1.id, a2.id])),
                      "summary": f"{a1.name} {past} {a2.name}; {term} was at stake.", "cites": [f"{self.id}#p{self.p}"]})
        self.c.events.append(event)
        return sentence, event

    def _quote(self, people: list[Actor], events_here: list[dict]) -> str:
        rng = self.rng
        kind = rng.choices(["direct", "reported", "phrase", "saying"], [5, 3, 1, 1])[0]
        speaker = rng.choice(people)
        other = rng.choice([a for a in people if a is not speaker] or self.guests)
        record: dict = {"id": "", "text": "", "kind": kind}
        if kind == "direct":
            text = rng.choice(V.QUOTE_CLAUSES).format(t=self._term(), t2=self._term())
            sentence = f"As {self._name(speaker)} put it, “{text}.”"
        elif kind == "reported":
            verb = rng.choice(["resume", "revive", "reconsider", "widen"])
            text = f"{self._name(speaker)} urged {self._name(other)} to {verb} the talks on {self._term()}"
            sentence = text + "."
        elif kind == "phrase":
            text = f"{rng.choice(['a new chapter', 'patience with limits', 'the northern question', 'a sober friendship'])}"
            sentence = f"Officials close to {self._name(other)} now speak of “{text}” when describing {self._term()}."
            speaker = None
        else:
            text = rng.choice(V.SAYINGS)
            sentence = f"As the old saying goes, “{text}”, and {self._name(other)} seemed to agree."
            speaker = None
        record["text"] = text
        if speaker:
            record["speaker"] = speaker.id
            record["attribution"] = f"{speaker.name}, {speaker.title}" if speaker.title else speaker.name
        else:
            record["attribution"] = "A phrase the article puts in quotation marks" if kind == "phrase" else "A saying quoted in the article"
        event = next((e for e in events_here if speaker and speaker.id in e["actors"]), None)
        if event:
            record.update({k: event[k] for k in ("date", "precision", "qualifier") if k in event})
            record["event"] = event["id"]
        record.update({"about": [other.id], "context": f"Said about {other.name} in “{self.title}”.",
                       "key": rng.random() < 0.25, "cites": [f"{self.id}#p{self.p}"]})
        record["id"] = self.c.names.unique_id("quotes", f"{speaker.name if speaker else kind} {' '.join(text.split()[:4])}")
        self.c.quotes.append(record)
        return sentence
