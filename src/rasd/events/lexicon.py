"""The event vocabulary (``data/events.json``), folded once into lookup tables."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..data import load_json
from ..text.fold import fold


@dataclass(frozen=True)
class EventLexicon:
    triggers: dict[str, str]  # folded trigger form → event type
    needs: dict[str, frozenset[str]]  # type → words one of which the clause must hold
    needs_for: dict[str, frozenset[str]]  # trigger form → words one of which the sentence must hold
    needs_not: dict[str, frozenset[str]]  # type or trigger form → words that cancel it
    anaphoric: frozenset[str]
    event_names: frozenset[str]  # types whose trigger may be a named event (الأسد الإفريقي)
    codes: dict[str, dict]
    refinements: list[dict]
    domains: list[tuple[str, tuple[str, ...]]]
    negation: frozenset[str]
    expected: frozenset[str]
    planned: frozenset[str]
    planned_phrases: frozenset[str]  # "، على أن يتم تسليم …": what is to be done under the deal
    historical: frozenset[str]  # words or phrases (space-separated) that put what a clause tells in the past
    pluperfect_aux: frozenset[str]
    protest_organizer: frozenset[str]  # بدعوة من …: who called a march
    locative: frozenset[str]  # words after which a place is where it happened: في، قبالة سواحل …
    sellers: frozenset[str]  # بيع، باع، زود: who stands before supplies, who follows buys
    purpose_adverbials: frozenset[str]  # احتجاجا على: why another act was done, a trigger only alone
    during_next: frozenset[str]  # وقعا … خلال زيارة: the visit holds the signing's date
    duration_words: frozenset[str]  # تستغرق، لمدة، على مدى …: how long a happening lasts follows
    lasting_types: frozenset[str]  # the types a stated duration widens (a visit, not a signing)
    ongoing_verbs: frozenset[str]  # تنطلق، تستمر …: a happening told in the present may outlast publication
    people_nouns: frozenset[str]  # المحتجون، المتظاهرون …: a speaker who is no entity
    setting_words: frozenset[str]  # "، في أول زيارة …": a clause opening with these sets the scene of the one before
    denial: frozenset[str]  # نفت مصادر أن يكون … قد وقع: what is denied anywhere before the trigger in its clause
    reception: frozenset[str]  # استقبل and its forms: the one received is the guest
    attribution: frozenset[str]  # a clause opening with these says who reports (وفق ما أعلنته …)
    attribution_nouns: frozenset[str]  # مصادر، صحيفة …: a name or adjective after them reports, it does not act
    aspect_verbs: frozenset[str]  # verbs whose subject is the happening itself: انطلقت فعاليات التمرين
    protest_cause: frozenset[str]  # تضامنا مع، لدعم: the cause a march supports
    relative_to_event: frozenset[str]
    dyad: frozenset[str]
    military_nouns: frozenset[str]
    ordinals: dict[str, int]
    claims: dict
    topic: frozenset[str]
    topic_types: frozenset[str]
    relative_units: frozenset[str]
    actor_nouns: frozenset[str]
    since_words: frozenset[str]
    follow_words: frozenset[str]
    expected_strong: frozenset[str]
    joint: frozenset[str]
    demonstratives: frozenset[str]
    weapon_nouns: frozenset[str]
    place_nouns: frozenset[str]
    location_countries_for: frozenset[str]
    purpose_exempt: frozenset[str]
    sports: frozenset[str]
    sports_types: frozenset[str]
    reporting: frozenset[str]  # كشف، أفادت، قال …: a date beside them dates the report
    during: frozenset[str]  # "وقّع خلالها": happened during the event just named
    crowd: frozenset[str]  # آلاف، مئات: before a nationality, the people who march
    visit_verbs: frozenset[str]  # زار، وصل: their object is the place visited


def _f(words) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@cache
def lexicon() -> EventLexicon:
    d = load_json("events.json")
    triggers: dict[str, str] = {}
    needs, needs_for, needs_not, anaphoric, names = {}, {}, {}, set(), set()
    for typ, spec in d["types"].items():
        for t in spec["triggers"]:
            triggers[fold(t)] = typ
        if spec.get("needs"):
            needs[typ] = _f(spec["needs"])
        for t, words in spec.get("needs_for", {}).items():
            needs_for[fold(t)] = _f(words)
        nn = spec.get("needs_not")
        if isinstance(nn, list):
            needs_not[typ] = _f(nn)
        elif isinstance(nn, dict):
            for t, words in nn.items():
                needs_not[fold(t)] = _f(words)
        anaphoric |= _f(spec.get("anaphoric", []))
        if spec.get("event_names"):
            names.add(typ)
    return EventLexicon(
        triggers=triggers, needs=needs, needs_for=needs_for, needs_not=needs_not, anaphoric=frozenset(anaphoric),
        event_names=frozenset(names), codes=d["codes"], refinements=d["code_refinements"],
        domains=[(dom, tuple(fold(p) for p in phrases)) for dom, phrases in d["domains"].items()],
        negation=_f(d["modality"]["negation"]), expected=_f(d["modality"]["expected"]),
        planned=_f(d["modality"]["planned"]),
        planned_phrases=frozenset(" ".join(fold(w) for w in p.split()) for p in d["modality"]["planned_phrases"]), historical=_f(d["historical"]), pluperfect_aux=_f(d["pluperfect_aux"]),
        protest_organizer=_f(d["protest_organizer_words"]), protest_cause=_f(d["protest_cause_words"]),
        locative=_f(d["locative"]), sellers=_f(d["seller_triggers"]), purpose_adverbials=_f(d["purpose_adverbials"]),
        during_next=_f(d["during_next"]), setting_words=_f(d["setting_words"]), people_nouns=_f(d["people_nouns"]),
        ongoing_verbs=_f(d["ongoing_verbs"]), duration_words=_f(d["duration_words"]),
        lasting_types=frozenset(d["lasting_types"]), denial=_f(d["modality"]["denial_verbs"]),
        reception=_f(d["reception_forms"]), attribution=_f(d["attribution_openers"]), attribution_nouns=_f(d["attribution_nouns"]),
        aspect_verbs=_f(d["aspect_verbs"]),
        relative_to_event=_f(d["relative_to_event"]), dyad=_f(d["dyad"]), military_nouns=_f(d["military_nouns"]),
        ordinals={fold(k): v for k, v in d["ordinals"].items()}, claims=d["claims"],
        topic=_f(d["modality"]["topic"]), topic_types=frozenset(d["topic_types"]),
        relative_units=_f(d["relative_units"]), actor_nouns=_f(d["actor_nouns"]),
        since_words=_f(d["since_words"]), follow_words=_f(d["follow_words"]),
        expected_strong=_f(d["modality"]["expected_strong"]), joint=_f(d["joint"]),
        demonstratives=_f(d["demonstratives"]), weapon_nouns=_f(d["weapon_nouns"]),
        place_nouns=_f(d["place_nouns"]), location_countries_for=frozenset(d["location_countries_for"]),
        purpose_exempt=frozenset(d["purpose_types_exempt"]),
        sports=_f(d["sports"]), sports_types=frozenset(d["sports_types"]), reporting=_f(d["reporting_verbs"]),
        during=_f(d["during_previous"]), crowd=_f(d["crowd_nouns"]), visit_verbs=_f(d["visit_verbs"]),
    )


def forms(word: str) -> list[tuple[str, str]]:
    """A folded word with the proclitics it may carry taken off, each with what was taken (و ف ب ل ك س)."""
    out = [(word, "")]
    rest, taken = word, ""
    if len(rest) > 3 and rest[0] in "وف":
        rest, taken = rest[1:], rest[0]
        out.append((rest, taken))
    if len(rest) > 3 and rest[0] in "بلكس":
        if rest.startswith("لل"):
            out.append(("ال" + rest[2:], taken + "ل"))
        out.append((rest[1:], taken + rest[0]))
    return out
