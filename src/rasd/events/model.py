"""Typed records of the event layer: an event as one sentence reports it, and the canonical event."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Span
from ..time.interval import Interval

TYPES = ("MEET", "VISIT", "SIGN_AGREEMENT", "EXERCISE", "PROCUREMENT", "ESTABLISH_RELATIONS", "SEVER_RELATIONS",
         "STATEMENT", "PROTEST", "OTHER")


@dataclass(slots=True)
class Participant:
    key: str  # entity key (KB id or "new:TYPE:…"), mapped to an entity id at export
    role: str
    span: Span | None = None  # where the sentence names it (None when resolved from "البلدين")
    via: str = ""  # "adjective" (وزير الدفاع الإسرائيلي), "dyad" (البلدين), "office" (a named person's body)


@dataclass(slots=True)
class EventMention:
    """One event as one sentence of one document reports it."""
    doc: str
    type: str
    trigger: Span
    sentence: Span
    participants: list[Participant]
    location: str | None = None
    date: Interval = field(default_factory=Interval)
    date_basis: list[str] = field(default_factory=list)
    date_span: Span | None = None  # the expression that dates it, when the sentence has one
    own_date: bool = False  # dated by its own sentence (not inherited)
    weekday: int | None = None  # a weekday the text gives for it ("أمس الاثنين", "(الجمعة)")
    attributes: dict = field(default_factory=dict)  # agreement, event_name, domains, session, amounts
    modality: str = "happened"  # happened | planned | expected | denied
    historical: bool = False
    anaphoric: bool = False  # a definite event noun referring back ("التوقيع", "اللقاء")
    announced: Interval | None = None  # when it was made public, when the sentence says so apart from its date

    @property
    def keys(self) -> set[str]:
        return {p.key for p in self.participants}


@dataclass(slots=True)
class Event:
    """A canonical event: every mention of the same happening, from every document."""
    id: str
    type: str
    mentions: list[EventMention]
    date: Interval
    date_basis: list[str]
    participants: list[Participant]
    location: str | None
    attributes: dict
    cameo: str | None = None
    plover: str | None = None
    historical: bool = False
    modality: str = "happened"
    strong: bool = False
    announced: Interval | None = None  # articles joined through a shared person or named identity, not only type and parties

    @property
    def docs(self) -> list[str]:
        return sorted({m.doc for m in self.mentions})
