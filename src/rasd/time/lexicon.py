"""The temporal vocabulary, folded once: CLDR month and weekday names (``calendar.json``) and the hand-kept
``time_words.json`` (relative words, units, parts, number words, vague phrases)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data import load_json
from ..text.fold import fold


def _key(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


@dataclass(frozen=True)
class Lexicon:
    months: dict[tuple[str, ...], int]
    ambiguous_months: frozenset[tuple[str, ...]]
    weekdays: dict[str, int]
    day_words: dict[str, int]
    day_phrases: dict[tuple[str, ...], int]
    times_of_day: frozenset[tuple[str, ...]]
    directions: dict[str, int]
    this: frozenset[str]
    units: dict[str, tuple[str, str]]  # word → (unit, singular|plural|dual)
    year_words: frozenset[str]
    parts: dict[str, str]
    ago: dict[str, int]
    vague: dict[tuple[str, ...], tuple[int, int]]
    within: frozenset[tuple[str, ...]]  # في غضون: a span from the anchor on, as long as the duration after it
    range_open: frozenset[tuple[str, ...]]
    joins: frozenset[str]
    until: frozenset[tuple[str, ...]]
    since: frozenset[tuple[str, ...]]
    future_markers: frozenset[str]
    not_future: frozenset[str]
    numbers: dict[str, int]
    tens: dict[str, int]
    teen: frozenset[str]
    anniversary: frozenset[str]
    passing: frozenset[str]
    hijri_months: dict[tuple[str, ...], int]  # the Islamic (Umm al-Qura) calendar's months: محرم … ذو الحجة
    hijri_marks: frozenset[str]  # هـ، للهجرة
    starts: frozenset[str]  # first words that can open an expression (after clitics are stripped)


@cache
def lexicon() -> Lexicon:
    cal = load_json("calendar.json")
    tw = load_json("time_words.json")
    months = {_key(name): e["value"] for name, e in cal["months"].items()}
    weekdays: dict[str, int] = {}
    for name, e in cal["weekdays"].items():
        weekdays[fold(name)] = e["value"]
    units = {}
    for unit, forms in tw["units"].items():
        for kind, words in forms.items():
            for w in words:
                units[fold(w)] = (unit, kind)
    parts = {fold(w): which for which, words in tw["parts"].items() for w in words}
    lex = {
        "months": months,
        "ambiguous_months": frozenset(_key(w) for w in tw["ambiguous_months"]),
        "weekdays": weekdays,
        "day_words": {fold(w): v for w, v in tw["day_words"].items()},
        "day_phrases": {_key(w): v for w, v in tw["day_phrases"].items()},
        "times_of_day": frozenset(_key(w) for w in tw["times_of_day"]),
        "directions": {fold(w): v for w, v in tw["directions"].items()},
        "this": frozenset(fold(w) for w in tw["this"]),
        "units": units,
        "year_words": frozenset(fold(w) for w in tw["year_words"]),
        "parts": parts,
        "ago": {fold(w): v for w, v in tw["ago"].items()},
        "vague": {_key(w): tuple(v) for w, v in tw["vague"].items()},
        "within": frozenset(_key(w) for w in tw["within"]),
        "range_open": frozenset(_key(w) for w in tw["range_open"]),
        "joins": frozenset(fold(w) for w in tw["range_join"]),
        "until": frozenset(_key(w) for w in tw["until"]),
        "since": frozenset(_key(w) for w in tw["since"]),
        "future_markers": frozenset(fold(w) for w in tw["future_markers"]),
        "not_future": frozenset(fold(w) for w in tw["not_future_verbs"]),
        "numbers": {fold(w): v for w, v in tw["numbers"].items()},
        "tens": {fold(w): v for w, v in tw["tens"].items()},
        "teen": frozenset(fold(w) for w in tw["teen"]),
        "anniversary": frozenset(fold(w) for w in tw["anniversary"]),
        "passing": frozenset(fold(w) for w in tw["passing"]),
        "hijri_months": {_key(w): v for w, v in tw["hijri_months"].items()},
        "hijri_marks": frozenset(fold(w) for w in tw["hijri_marks"]),
    }
    starts = set()
    starts |= {k[0] for k in months} | set(weekdays) | set(lex["day_words"]) | {k[0] for k in lex["day_phrases"]}
    starts |= {k[0] for k in lex["times_of_day"]} | set(lex["year_words"]) | set(parts) | set(lex["ago"])
    starts |= {k[0] for k in lex["vague"]} | {k[0] for k in lex["within"]} | {k[0] for k in lex["range_open"]} | {k[0] for k in lex["until"]}
    starts |= {k[0] for k in lex["since"]} | lex["this"] | {"يوم", "الشهر", "الاسبوع", "العام", "السنه"}
    starts |= set(lex["numbers"]) | {"ال" + w for w in lex["numbers"]} | set(lex["tens"]) | {"ال" + w for w in lex["tens"]}
    starts |= set(units) | lex["anniversary"]
    return Lexicon(**lex, starts=frozenset(starts))
