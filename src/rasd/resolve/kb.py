"""The knowledge base: typed entries loaded from ``rasd/data/kb/*.json`` (one file per kind), and an alias index.

Schema-as-data in the FollowTheMoney spirit: an entry has a stable id, a type, an English name, Arabic names
each marked with how it is used (``name`` | ``abbrev`` | ``pejorative`` | ``political``), optional country,
roles with the years they were held, and a source note. Countries also carry adjective (demonym) forms, which
the linker reads as mentions of the country. ``countries.json`` is generated (``python -m rasd.data.build``);
the others are hand-kept.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from ..data import path as data_path
from ..text.fold import fold_key

ENTITY_TYPES = ("PERSON", "ORGANIZATION", "GPE", "LOCATION", "AGREEMENT", "EVENT_NAME", "OTHER")


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    usage: str = "name"  # name | abbrev | pejorative | political | adjective


@dataclass(frozen=True, slots=True)
class Tenure:
    role: str
    of: str | None  # country code or organization id
    start: int | None
    end: int | None

    def holds(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(slots=True)
class Entry:
    id: str
    type: str
    en: str
    names: list[Name]
    kind: str = ""
    country: str | None = None
    roles: list[Tenure] = field(default_factory=list)
    capital_of: str | None = None
    source: str = ""
    note: str = ""

    @property
    def name(self) -> str:
        return self.names[0].text


@dataclass(frozen=True, slots=True)
class Title:
    phrase: str
    role: str
    of: str | None = None
    needs_of: bool = False  # a title only with its country or organization after it (أمير قطر, not أمير أوحانا)


@dataclass(slots=True, eq=False)  # compared (and cached on) by identity
class KB:
    entries: dict[str, Entry]
    index: dict[tuple[str, ...], list[tuple[str, str]]]  # folded token tuple → [(entry id, usage)]
    max_len: int
    titles: dict[tuple[str, ...], Title]
    titles_max: int
    adjectives: dict[str, str]  # folded adjective (no article) → country code
    firsts: dict[str, int] = field(default_factory=dict)  # first word of an alias → longest alias starting so
    title_firsts: dict[str, int] = field(default_factory=dict)

    def lookup(self, key: tuple[str, ...]) -> list[tuple[str, str]]:
        return self.index.get(key, [])

    def holders(self, role: str, of: str, year: int | None) -> list[Entry]:
        out = []
        for e in self.entries.values():
            for t in e.roles:
                if t.role == role and t.of == of and (year is None or t.holds(year)):
                    out.append(e)
                    break
        return out


def key(text: str) -> tuple[str, ...]:
    return tuple(fold_key(text).split())


def _names(raw: dict, *usages: str) -> list[Name]:
    out = [Name(n, "name") for n in raw.get("names", [])]
    for usage in usages:
        out += [Name(n, usage) for n in raw.get(usage, [])]
    return out


def _read(name: str) -> dict:
    return json.loads(data_path(f"kb/{name}").read_text(encoding="utf-8"))


@cache
def load() -> KB:
    entries: dict[str, Entry] = {}

    def add(e: Entry) -> None:
        if e.id in entries:
            raise ValueError(f"duplicate KB id {e.id}")
        entries[e.id] = e

    adjectives: dict[str, str] = {}
    for c in _read("countries.json")["countries"]:
        code = c["code"]
        add(Entry(c["id"], "GPE", c["en"], _names(c, "pejorative", "political"), kind="country", country=code,
                  source=c["source"], note=c.get("note", "")))
        for forms in c["adjectives"].values():
            for a in forms:
                adjectives.setdefault(fold_key(a), code)
    for p in _read("places.json")["places"]:
        kind = p.get("kind", "city")
        add(Entry(p["id"], "LOCATION", p["en"], _names(p), kind=kind, country=p.get("country"),
                  capital_of=p.get("capital_of"), note=p.get("note", "")))
    for o in _read("organizations.json")["organizations"]:
        add(Entry(o["id"], "ORGANIZATION", o["en"], _names(o, "abbrev", "pejorative", "political"), kind=o["kind"],
                  country=o.get("country")))
    for p in _read("people.json")["people"]:
        add(Entry(p["id"], "PERSON", p["en"], _names(p), kind="person", country=p.get("country"),
                  roles=[Tenure(r["role"], r.get("of"), r.get("start"), r.get("end")) for r in p.get("roles", [])]))
    for a in _read("agreements.json")["agreements"]:
        typ = "AGREEMENT" if a["kind"] == "agreement" else "EVENT_NAME"
        add(Entry(a["id"], typ, a["en"], _names(a, "abbrev"), kind=a["kind"], note=a.get("note", "")))
    index: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for e in entries.values():
        for n in e.names:
            keys = [key(n.text)]
            if e.type == "AGREEMENT" and len(keys[0]) > 1 and all(w.startswith("ال") for w in keys[0]):
                # Arabic noun phrases agree in definiteness: الاتفاق الثلاثي is also written اتفاق ثلاثي
                keys.append(tuple(w[2:] for w in keys[0]))
            for k in keys:
                if k and (e.id, n.usage) not in index.get(k, []):
                    index.setdefault(k, []).append((e.id, n.usage))
    titles: dict[tuple[str, ...], Title] = {}
    for t in _read("titles.json")["titles"]:
        for ph in t["phrases"]:
            titles[key(ph)] = Title(ph, t["role"], t.get("of"), t.get("needs_of", False))
    return KB(entries, index, max(map(len, index)), titles, max(map(len, titles)), adjectives,
              first_words(index), first_words(titles))


def first_words(keys) -> dict[str, int]:
    """First word of each multi-word key → the longest key starting with it (bounds a longest-match scan)."""
    out: dict[str, int] = {}
    for k in keys:
        out[k[0]] = max(out.get(k[0], 0), len(k))
    return out
