"""Tokens with offsets, and clitic segmentation that maps every segment back to the body.

Token kinds: ``word`` (Arabic), ``latin``, ``num``, ``url``, ``handle`` (Twitter@marocdiplo, @user), ``email``,
``punct``. Each Arabic word is split into segments — proclitics (و ف ب ل ك س), the article (ال, also elided in
لل: للجنة = ل + (ال)لجنة) and enclitic pronouns (ـه ـها ـهم ـهما ـهن ـنا ـكم ـكما ـكن ـك ـي) — each with its own
offsets. A strip is made only when the rest is itself a known word (the SaudiNewsNet-derived lexicon, or a
caller's lexicon of names): بوريطة and لوديي keep their first letter. Written by hand: the offline Arabic
tokenizers either are GPL (pyarabic) or drag heavy pins (camel-tools), and none keeps offsets per segment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .fold import fold
from .lexicon import frequencies

_TOKEN = re.compile(
    r"(?P<url>https?://\S+|www\.\S+)"
    r"|(?P<email>[\w.+-]+@[\w-]+\.[\w.]+)"
    r"|(?P<handle>[A-Za-z0-9_]*@[A-Za-z0-9_]+)"
    r"|(?P<num>\d+(?:[.,٫٬]\d+)*%?)"
    r"|(?P<word>[\u0621-\u065F\u0670-\u06D3\u06FA-\u06FF\u0640]+)"
    r"|(?P<latin>[A-Za-z]+(?:['’-][A-Za-z]+)*)"
    r"|(?P<punct>[^\s\w]|_)"
)
CONJ = ("و", "ف")
PREP = ("ب", "ل", "ك")
ENCLITICS = ("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ك", "ي")
MIN_STEM = 2
UNKNOWN_WHOLE_MIN = 50  # corpus count the rest of an unknown word needs before a clitic is split off


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str  # surface, == body[start:end]
    kind: str  # conj | prep | fut | article | stem | pron
    form: str = ""  # lexical form when it differs from the surface (للجنة → stem form "اللجنة")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    kind: str
    segments: list[Segment] = field(default_factory=list)

    @property
    def stem(self) -> Segment | None:
        return next((s for s in self.segments if s.kind == "stem"), None)


@cache
def _known() -> dict[str, int]:
    return frequencies()


def _is_word(folded: str, extra: frozenset[str]) -> bool:
    return folded in extra or _known().get(folded, 0) >= 3


def word_frequency(folded: str) -> int:
    """How often a folded word occurs in the SaudiNewsNet-derived lexicon (0: never seen)."""
    return _known().get(folded, 0)


_freq = word_frequency


def segment_word(text: str, start: int, names: frozenset[str] = frozenset()) -> list[Segment]:
    """Segments of one Arabic word starting at ``start``. ``names``: folded forms never to be split."""
    f = fold(text)
    if not f:  # only marks or tatweel
        return [Segment(start, start + len(text), text, "stem")]
    if len(text) != len(f):  # diacritics or tatweel inside: keep offsets simple, segment on the folded copy
        return _segment_with_marks(text, start, names)
    if f in names:
        return [Segment(start, start + len(text), text, "stem")]
    segs: list[Segment] = []
    i = 0
    whole = _freq(f)

    def better(rest: str) -> bool:
        # strip only when the rest is a word in its own right and at least as plausible as the whole; an
        # unknown whole (a name: بلخير, كوخافي) needs a clearly common rest
        if len(rest) < MIN_STEM:
            return False
        if rest in names:
            return True
        return _freq(rest) >= (whole if whole >= 3 else UNKNOWN_WHOLE_MIN) and _freq(rest) >= 3

    # conjunction
    if f[0] in CONJ and len(f) > 3 and (better(f[1:]) or _proclitic_chain_ok(f[1:], names)):
        segs.append(Segment(start, start + 1, text[0], "conj"))
        i = 1
    # preposition (ب ل ك) or future س
    rest = f[i:]
    if rest[:1] in PREP and len(rest) > 3:
        if rest.startswith("لل") and len(rest) > 4:
            # ل + ال + X is written للX (alef dropped), and ل + ال + لX too (للجنة = ل + اللجنة): try both readings
            surface = text[i + 1:]
            best = max(("ا" + surface, "ال" + surface), key=lambda c: (fold(c) in names, _freq(fold(c))))
            if _is_word(fold(best), names):
                segs.append(Segment(start + i, start + i + 1, text[i], "prep"))
                segs.append(Segment(start + i + 1, start + len(text), surface, "stem", form=best))
                return segs
        if better(rest[1:]) or (rest[1:].startswith("ال") and _is_word(rest[1:], names)):
            segs.append(Segment(start + i, start + i + 1, text[i], "prep"))
            i += 1
    elif rest[:1] == "س" and len(rest) > 3 and rest[1] in "يتنا" and better(rest[1:]):
        segs.append(Segment(start + i, start + i + 1, text[i], "fut"))
        i += 1
    rest = f[i:]
    # article
    if rest.startswith("ال") and len(rest) > 3:
        segs.append(Segment(start + i, start + i + 2, text[i:i + 2], "article"))
        i += 2
    # enclitic pronoun (not after the article: المغربي is not المغرب + ي)
    end = len(text)
    if not (segs and segs[-1].kind == "article"):
        body = f[i:]
        for pron in ENCLITICS:
            if body.endswith(pron) and len(body) - len(pron) >= 3 and _is_word(body[: -len(pron)], names) \
                    and _freq(body[: -len(pron)]) > _freq(body) and pron not in ("ي", "ك"):
                end = len(text) - len(pron)
                break
    segs.append(Segment(start + i, start + end, text[i:end], "stem"))
    if end < len(text):
        segs.append(Segment(start + end, start + len(text), text[end:], "pron"))
    return segs


def _proclitic_chain_ok(rest: str, names: frozenset[str]) -> bool:
    """و/ف before a preposition or article whose own strip is sound: وبالرباط, والمغرب, ولإسرائيل."""
    if rest.startswith("ال") and _is_word(rest, names):
        return True
    if rest[:1] in PREP and len(rest) > 3:
        tail = rest[1:]
        return _is_word(tail, names) or (rest.startswith("لل") and (_is_word("ا" + rest[1:], names)
                                                                     or _is_word("ال" + rest[1:], names)))
    return False


def _segment_with_marks(text: str, start: int, names: frozenset[str]) -> list[Segment]:
    """Segment a word that carries diacritics/tatweel: segment its folded form, then map offsets back."""
    from .normalize import normalize

    n = normalize(text)
    out: list[Segment] = []
    prev_end = 0
    folded_segs = segment_word(n.text, 0, names)
    for k, s in enumerate(folded_segs):
        # a segment runs up to the next segment's first letter: marks after its last letter belong to it
        b = len(text) if k == len(folded_segs) - 1 else n.origin[s.end]
        out.append(Segment(start + prev_end, start + b, text[prev_end:b], s.kind, s.form))
        prev_end = b
    return out


@lru_cache(maxsize=200_000)
def _relative_segments(word: str, names: frozenset[str]) -> tuple[tuple[int, int, str, str, str], ...]:
    return tuple((g.start, g.end, g.text, g.kind, g.form) for g in segment_word(word, 0, names))


def _segments_at(word: str, start: int, names: frozenset[str]) -> list[Segment]:
    """``segment_word`` at an offset, memoized per word: news repeats its words, and segmenting is the
    tokenizer's main cost."""
    return [Segment(start + a, start + b, t, k, f) for a, b, t, k, f in _relative_segments(word, names)]


def tokenize(text: str, names: frozenset[str] = frozenset(), base: int = 0) -> list[Token]:
    """Tokens of ``text`` (offsets shifted by ``base``), Arabic words with their clitic segments."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        s, e = m.start() + base, m.end() + base
        tok = Token(s, e, m.group(), kind)
        if kind == "word":
            tok.segments = _segments_at(m.group(), s, names)
        else:
            tok.segments = [Segment(s, e, m.group(), "stem")]
        out.append(tok)
    return out
