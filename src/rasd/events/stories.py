"""Stories: articles about the same happening, however copied or reworded.

Two signals, joined with union-find:
* near duplicates — MinHash over word 5-gram shingles of the folded body, candidates from an LSH index
  (datasketch). The threshold comes from a measured curve (``scripts/bench_stories.py``), not a guess;
* shared news events — two articles whose canonical event is news in both (not a historical mention in
  either) report the same happening, however worded.
The LSH index takes articles one at a time, so adding one costs the same whatever the store holds.
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from itertools import pairwise

from datasketch import MinHash, MinHashLSH

from ..model import make_id
from ..resolve.unionfind import UnionFind
from ..text.fold import fold
from .model import Event

SHINGLE = 5
NUM_PERM = 128
LEAD_CHARS = 600  # an event reported in a sentence starting this early in the body is what the article leads with
THRESHOLD = 0.4  # Jaccard of 5-gram shingles: the knee of the curve scripts/bench_stories.py measures (README)
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(fold(text))
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


def _crc32(data: bytes) -> int:
    # deterministic and C-fast; datasketch's default (SHA-1 per shingle) was most of the story stage's time
    return zlib.crc32(data)


@cache
def _permutations(num_perm: int):
    return MinHash(num_perm=num_perm).permutations


class NearDuplicates:
    """An incremental near-duplicate index: ``add`` returns the earlier documents this one nearly copies."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.num_perm = num_perm
        self.threshold = threshold
        self.sigs: dict[str, MinHash] = {}

    def signature(self, text: str) -> MinHash:
        m = MinHash(num_perm=self.num_perm, hashfunc=_crc32, permutations=_permutations(self.num_perm),
                    scheme="affine32")
        sh = shingles(text)
        if sh:
            m.update_batch(list(sh))
        return m

    def add(self, doc_id: str, text: str) -> list[str]:
        if doc_id in self.sigs:
            return []
        sig = self.signature(text)
        hits = [d for d in self.lsh.query(sig) if self.sigs[d].jaccard(sig) >= self.threshold]
        self.lsh.insert(doc_id, sig)
        self.sigs[doc_id] = sig
        return hits


def near_duplicate_pairs(docs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs of near-duplicate documents among (id, body), each document added to the index once."""
    index = NearDuplicates()
    return [tuple(sorted((doc_id, other))) for doc_id, body in docs for other in index.add(doc_id, body)]


def stories(docs: Iterable[tuple[str, str | None]], events: list[Event], near: list[tuple[str, str]]
            ) -> tuple[dict[str, str], list[dict]]:
    """``docs`` as (id, title); ``near`` the near-duplicate pairs. Returns doc id → story id, and the stories
    (id, title, documents, events, links: what joined them)."""
    uf = UnionFind()
    titles: dict[str, str | None] = {}
    why: dict[tuple[str, str], str] = {}
    for doc_id, title in docs:
        uf.find(doc_id)
        titles[doc_id] = title
    for a, b in near:
        uf.union(a, b)
        why[(a, b)] = "near-duplicate text"
    for ev in events:
        if not ev.strong or ev.type == "STATEMENT":
            continue  # only events joined through a named identity or person tie their articles into a story
        # … and only where it is what the article leads with: an event one article reports and another mentions
        # in passing would chain a week of news about one country into one "story"
        news_docs = sorted({m.doc for m in ev.mentions if not m.historical and m.sentence.start < LEAD_CHARS}
                           - {m.doc for m in ev.mentions if m.historical})
        for a, b in pairwise(news_docs):
            uf.union(a, b)
            why.setdefault((a, b), f"same news event {ev.type} {ev.id}")
    news_of: dict[str, list[str]] = defaultdict(list)
    for e in events:
        for d in {m.doc for m in e.mentions if not m.historical}:
            news_of[d].append(e.id)
    why_of: dict[str, list[str]] = defaultdict(list)
    for (a, _b), w in why.items():
        why_of[uf.find(a)].append(w)
    members: dict[str, list[str]] = {}
    for d in titles:
        members.setdefault(uf.find(d), []).append(d)
    story_of: dict[str, str] = {}
    out = []
    for root, ds in sorted(members.items()):
        ds.sort()
        sid = make_id("story", ds[0], str(len(ds)))
        for d in ds:
            story_of[d] = sid
        evs = sorted({e for d in ds for e in news_of.get(d, ())})
        links = sorted(set(why_of.get(root, ())))
        out.append({"id": sid, "title": next((titles[d] for d in ds if titles[d]), None), "documents": ds,
                    "events": evs, "links": links})
    return story_of, out
