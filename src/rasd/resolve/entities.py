"""Cross-document entity resolution: mentions from every document become entities.

KB-linked mentions group by KB id. Unknown mentions group by type and transliteration skeleton; two unknown groups
of the same type merge when their names are near-identical (rapidfuzz) or one name's words contain the other's
(chunks: اللجنة العسكرية المشتركة ⊂ اللجنة العسكرية الإسرائيلية المغربية المشتركة), unless their contexts
disagree — people whose roles name different countries stay apart.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import Span, sha1
from ..text.fold import fold
from .kb import KB, load
from .link import Linked, Mention
from .unionfind import UnionFind

MERGE_RATIO = 90


@dataclass(slots=True)
class Role:
    title: str
    role: str
    organization: str | None
    sources: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    name_en: str | None
    kb: str | None
    aliases: list[str]
    mentions: list[tuple[Span, Mention]]
    roles: list[Role] = field(default_factory=list)
    usages: dict[str, str] = field(default_factory=dict)  # alias → how it is used (pejorative, political …)


def _name(key: str) -> str:
    """The name part of an unknown key "new:<TYPE>:<name>[@<country>]"."""
    return key.split(":", 2)[2].split("@")[0]


_COMMON_GRAM = 1000  # a character trigram shared by more names than this does not make them candidates


def _grams(name: str) -> set[str]:
    return {name[i:i + 3] for i in range(len(name) - 2)}


def _candidate_pairs(typ: str, keys: list[str]):
    """Pairs of unknown names worth comparing, found through a trigram index instead of comparing all pairs
    (which took minutes at 30k articles): names ≥ 90% alike share most of their character trigrams (a
    third of the shorter name's is required here, well below what a 90% match keeps); nested organization
    names share their first word and one's words are all in the other's. Yields each pair once, unordered
    (union-find gives the same clusters in any order)."""
    names = {k: _name(k) for k in keys}
    grams = {k: _grams(n) for k, n in names.items() if len(n) >= 5}
    index: dict[str, list[str]] = defaultdict(list)
    for k, gs in grams.items():
        for g in gs:
            index[g].append(k)
    for a, gs in grams.items():
        shared: Counter = Counter()
        for g in gs:
            lst = index[g]
            if len(lst) <= _COMMON_GRAM:
                shared.update(b for b in lst if b > a)
        for b, n in shared.items():
            if 3 * n >= min(len(gs), len(grams[b])):
                yield a, b
    if typ in ("ORGANIZATION", "AGREEMENT"):
        firsts: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
        for k, n in names.items():
            words = n.split()
            if len(words) >= 2:
                firsts[words[0]].append((k, frozenset(words)))
        for lst in firsts.values():
            for i, (a, wa) in enumerate(lst):
                for b, wb in lst[i + 1:]:
                    if wa <= wb or wb <= wa:
                        yield a, b


def resolve(linked: dict[str, tuple[str, Linked]], kb: KB | None = None, transliterate=None) -> list[Entity]:
    """``linked``: document id → (body, Linked). Returns entities sorted by number of mentions."""
    kb = kb or load()
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    contexts: dict[str, set[str]] = defaultdict(set)
    for doc_id, (_body, lk) in linked.items():
        # an unknown person's key carries the country their title names in this document, so that two people
        # spelled alike but serving different states stay apart
        where: dict[str, str] = {}
        for r in lk.roles:
            if r.of and r.person.kb is None:
                org = kb.entries.get(r.of)
                where[r.person.key] = (org.country if org else r.of) or r.of
        for m in lk.mentions:
            key = f"{m.key}@{where[m.key]}" if m.key in where else m.key
            groups[key].append((doc_id, m))
            if m.key in where:
                contexts[key].add(where[m.key])
    # a mention without context joins the one contexted group of its name, if there is exactly one
    placed_of: dict[str, list[str]] = defaultdict(list)
    for g in groups:
        if g.startswith("new:") and "@" in g:
            placed_of[g.rsplit("@", 1)[0]].append(g)
    for k in [k for k in groups if k.startswith("new:") and "@" not in k]:
        placed = placed_of.get(k, [])
        if len(placed) == 1:
            groups[placed[0]].extend(groups.pop(k))
    uf = UnionFind()
    unknown = sorted(k for k in groups if k.startswith("new:"))
    by_type: dict[str, list[str]] = defaultdict(list)
    for k in unknown:
        by_type[k.split(":", 2)[1]].append(k)
    for typ, keys in by_type.items():
        for a, b in _candidate_pairs(typ, keys):
            if contexts[a] and contexts[b] and not contexts[a] & contexts[b]:
                continue
            sa, sb = _name(a), _name(b)
            wa, wb = sa.split(), sb.split()
            similar = fuzz.ratio(sa, sb) >= MERGE_RATIO and min(len(sa), len(sb)) >= 5
            nested = typ in ("ORGANIZATION", "AGREEMENT") and wa[0] == wb[0] and \
                len(set(wa) & set(wb)) >= 2 and (set(wa) <= set(wb) or set(wb) <= set(wa))
            if similar or nested:
                uf.union(a, b)
    clusters: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for k, ms in groups.items():
        clusters[uf.find(k)].extend(ms)
    root_of = {(d, m.start, m.end): uf.find(k) for k, ms in groups.items() for d, m in ms}
    roles_by_key: dict[str, list] = defaultdict(list)
    for doc_id, (_body, lk) in linked.items():
        for r in lk.roles:
            root = root_of.get((doc_id, r.person.start, r.person.end))
            if root:
                roles_by_key[root].append((doc_id, r))
    out = []
    for root, ms in clusters.items():
        ms.sort(key=lambda dm: (dm[0], dm[1].start))
        e = kb.entries.get(root)
        names = Counter(m.name or m.text for _d, m in ms if m.form in ("name", "abbrev", "pejorative", "political"))
        typ = e.type if e else Counter(m.type for _d, m in ms).most_common(1)[0][0]
        if e:
            name, name_en = e.name, e.en
        else:
            # the longest of the most frequent full names reads best as a heading
            name = max(names or Counter(m.text for _d, m in ms), key=lambda n: (len(n.split()) > 1, names[n], len(n)))
            # a romanized person name helps a reader; a letter-by-letter organization name would not
            name_en = transliterate(name) if transliterate and typ == "PERSON" else None
        known = {fold(m.text) for _d, m in ms if "clitic" not in m.why} | {fold(n.text) for n in (e.names if e else ())}
        aliases = sorted({_as_written(m, known) for _d, m in ms if m.form not in ("title", "adjective", "metonym")}
                         - {name})
        usages = {m.text: m.form for _d, m in ms
                  if m.form in ("pejorative", "political", "abbrev", "adjective", "metonym", "title")}
        ent_id = root if e else "ent-" + sha1(typ + "\0" + root)[:10]
        ent = Entity(ent_id, typ, name, name_en, e.id if e else None, aliases,
                     [(Span(d, m.start, m.end, m.text), m) for d, m in ms], usages=usages)
        merged: dict[tuple[str, str | None], Role] = {}
        for doc_id, r in roles_by_key.get(root, []):
            org = r.of
            org_name = (kb.entries[org].en if org in kb.entries else
                        kb.entries[f"country:{org}"].en if f"country:{org}" in kb.entries else org) if org else None
            key = (r.title, org_name)
            role = merged.setdefault(key, Role(r.title, r.role, org_name))
            body = linked[doc_id][0]
            role.sources.append(Span(doc_id, r.start, r.end, body[r.start:r.end]))
        ent.roles = list(merged.values())
        out.append(ent)
    out.sort(key=lambda x: (-len(x.mentions), x.id))
    return out


def _as_written(m: Mention, known: set[str]) -> str:
    """A mention as a name: after the contraction لل (للمغرب = ل + المغرب) the span starts at the article's lam
    and reads "لمغرب"; the name is "المغرب" — when that is how the entity is otherwise written (للبنان is
    ل + لبنان). The span itself stays offset-true."""
    if "clitic" in m.why and m.text.startswith("ل") and fold("ا" + m.text) in known and fold(m.text) not in known:
        return "ا" + m.text
    return m.text

