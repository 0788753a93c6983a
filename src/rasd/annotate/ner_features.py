"""Features for the CRF named-entity tagger (python-crfsuite).

Per token: the folded word and its clitic-free stem (the segmenter of ``rasd.text.tokens``), proclitics,
prefixes/suffixes, shape; the words and stems around it; trigger words in a window (titles before persons,
"مدينة" before places, "وكالة" before organizations — a data file); gazetteer membership (ANERGazet, the
Wikidata person-name tokens, and later the knowledge base), with multi-word gazetteer spans marked B/I; and a
distributional cluster id learned from SaudiNewsNet when the cluster file exists.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from ..data import load_json, path as data_path
from ..text.fold import fold
from ..text.tokens import segment_word

_ARABIC = re.compile(r"[\u0621-\u064A]")


@dataclass
class Lexicons:
    gaz: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)  # type → folded token tuples
    gaz_max: int = 1
    person_tokens: dict[str, int] = field(default_factory=dict)
    clusters: dict[str, str] = field(default_factory=dict)
    charlm: dict[str, float] = field(default_factory=dict)  # char trigram → log P(name) / P(word)
    triggers: dict[str, frozenset[str]] = field(default_factory=dict)


GAZ_FILE = "ner_gazetteer.json.gz"
CLUSTER_FILE = "ner_clusters.tsv.gz"


@cache
def load_lexicons() -> Lexicons:
    lex = Lexicons()
    trig = load_json("ner_triggers.json")
    lex.triggers = {k: frozenset(fold(w) for w in v) for k, v in trig.items() if k != "about"}
    gz = Path(str(data_path(GAZ_FILE)))
    if gz.exists():
        data = json.loads(gzip.decompress(gz.read_bytes()))
        for typ, entries in data["gazetteers"].items():
            lex.gaz[typ] = {tuple(e.split()) for e in entries}
        lex.gaz_max = max((len(e) for s in lex.gaz.values() for e in s), default=1)
        lex.person_tokens = data["person_tokens"]
        lex.charlm = data.get("charlm", {})
    cl = Path(str(data_path(CLUSTER_FILE)))
    if cl.exists():
        with gzip.open(cl, "rt", encoding="utf-8") as fh:
            lex.clusters = dict(line.rstrip("\n").split("\t") for line in fh)
    return lex


def _shape(w: str) -> str:
    if w.isdigit():
        return "digit"
    if _ARABIC.search(w):
        return "ar"
    if re.fullmatch(r"[A-Za-z]+", w):
        return "latin"
    if re.fullmatch(r"\W+", w):
        return "punct"
    return "mixed"


_fold_word = lru_cache(maxsize=200_000)(fold)


@lru_cache(maxsize=200_000)
def _analyse(word: str) -> tuple[str, str]:
    """(folded stem, proclitic signature) of one word."""
    segs = segment_word(word, 0) if _ARABIC.search(word) else []
    if not segs:
        return fold(word), ""
    stem = next((s for s in segs if s.kind == "stem"), segs[-1])
    pro = "+".join(s.kind for s in segs if s.kind in ("conj", "prep", "fut", "article"))
    return fold(stem.form or stem.text), pro


def _strip_al(s: str) -> str:
    return s[2:] if s.startswith("ال") and len(s) > 4 else s


def _gaz_index(lex: Lexicons) -> tuple[dict[tuple[str, ...], tuple[str, ...]], dict[str, int]]:
    """All gazetteer entries in one dict (token tuple → types) and, per first token, the longest entry length:
    most tokens start no entry, and they are skipped with one lookup."""
    idx = getattr(lex, "_gaz_idx", None)
    if idx is None:
        table: dict[tuple[str, ...], list[str]] = {}
        longest: dict[str, int] = {}
        for typ, entries in lex.gaz.items():
            for key in entries:
                table.setdefault(key, []).append(typ)
                longest[key[0]] = max(longest.get(key[0], 0), len(key))
        idx = ({k: tuple(v) for k, v in table.items()}, longest)
        object.__setattr__(lex, "_gaz_idx", idx)
    return idx


def gazetteer_tags(stems: list[str], lex: Lexicons) -> list[set[str]]:
    """For every token, the set of 'B-TYPE'/'I-TYPE' gazetteer flags from the longest matches (per type)."""
    table, longest = _gaz_index(lex)
    n = len(stems)
    flags: list[set[str]] = [set() for _ in range(n)]
    for i in range(n):
        first = stems[i]
        alt_first = _strip_al(first)
        reach = max(longest.get(first, 0), longest.get(alt_first, 0))
        if not reach:
            continue
        done: set[str] = set()
        for k in range(min(reach, lex.gaz_max, n - i), 0, -1):
            key = tuple(stems[i:i + k])
            alt = (alt_first,) + key[1:]
            for typ in table.get(key, ()) + table.get(alt, ()):
                if typ in done:
                    continue
                done.add(typ)
                flags[i].add("B-" + typ)
                for j in range(i + 1, i + k):
                    flags[j].add("I-" + typ)
    return flags


_NAME_SCORES: dict[str, str] = {}
_NAME_SCORES_OF: list[int] = [0]


def name_score(stem: str, charlm: dict[str, float]) -> str:
    if not charlm:
        return ""
    if _NAME_SCORES_OF[0] != id(charlm) or len(_NAME_SCORES) > 200_000:  # memo for one model's table
        _NAME_SCORES.clear()
        _NAME_SCORES_OF[0] = id(charlm)
    got = _NAME_SCORES.get(stem)
    if got is None:
        got = _NAME_SCORES[stem] = _name_score(stem, charlm)
    return got


def _name_score(stem: str, charlm: dict[str, float]) -> str:
    """Bucketed mean log-odds that the character trigrams of ``stem`` come from a person name rather than an
    ordinary news word (learned from Wikidata name tokens vs the word-frequency lexicon)."""
    if len(stem) < 3 or not _ARABIC.search(stem):
        return ""
    padded = f"^{stem}$"
    grams = [padded[i:i + 3] for i in range(len(padded) - 2)]
    score = sum(charlm.get(g, 0.0) for g in grams) / len(grams)
    return "n++" if score > 1.0 else "n+" if score > 0.3 else "n0" if score > -0.3 else "n-"


def sent_features(words: list[str], lex: Lexicons | None = None) -> list[dict[str, str | float]]:
    lex = lex or load_lexicons()
    folded = [_fold_word(w) for w in words]
    analysed = [_analyse(w) for w in words]
    stems = [a[0] for a in analysed]
    gflags = gazetteer_tags(stems, lex)
    feats = []
    n = len(words)
    for i, w in enumerate(words):
        f, (stem, pro) = folded[i], analysed[i]
        d: dict[str, str | float] = {
            "bias": 1.0, "w": f, "stem": stem, "pro": pro, "shape": _shape(w),
            "p2": stem[:2], "p3": stem[:3], "s2": stem[-2:], "s3": stem[-3:], "s1": f[-1:],
            "len": str(min(len(stem), 10)), "al": str(f.startswith("ال") or "article" in pro),
        }
        if stem in lex.clusters:
            c, _, namey = lex.clusters[stem].partition(":")
            d["cl"] = c
            d["clc"] = c.split("/")[0]
            d["namey"] = namey
        ns = name_score(stem, lex.charlm)
        if ns:
            d["namechars"] = ns
        pt = lex.person_tokens.get(stem) or lex.person_tokens.get(_strip_al(stem))
        if pt:
            d["person_tok"] = "hi" if pt >= 5 else "lo"
        for g in gflags[i]:
            d["gaz_" + g] = 1.0
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                d[f"w{off}"] = folded[j]
                d[f"stem{off}"] = stems[j]
                if stems[j] in lex.clusters:
                    c, _, namey = lex.clusters[stems[j]].partition(":")
                    d[f"clc{off}"] = c.split("/")[0]
                    if abs(off) == 1:
                        d[f"cl{off}"] = c
                        d[f"namey{off}"] = namey
                if abs(off) == 1:
                    d[f"shape{off}"] = _shape(words[j])
                    for g in gflags[j]:
                        d[f"gaz{off}_{g}"] = 1.0
                    if lex.person_tokens.get(stems[j]):
                        d[f"person_tok{off}"] = 1.0
            else:
                d[f"w{off}"] = "<s>" if off < 0 else "</s>"
        if i > 0:
            d["bi-1"] = stems[i - 1] + "|" + stem
        if i + 1 < n:
            d["bi+1"] = stem + "|" + stems[i + 1]
        for off in (-3, 3):
            if 0 <= i + off < n:
                d[f"stem{off}"] = stems[i + off]
        for typ in ("PERS", "LOC", "ORG", "MISC"):
            trig = lex.triggers.get(f"{typ}_before", frozenset())
            if stem in trig or f in trig:
                d[f"self_trig_{typ}"] = 1.0
            for back in (1, 2, 3):
                j = i - back
                if j >= 0 and (folded[j] in trig or stems[j] in trig):
                    d[f"trig_{typ}_{back}"] = 1.0
        feats.append(d)
    return feats
