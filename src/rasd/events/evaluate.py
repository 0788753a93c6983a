"""Score the event layer on sentences with expected event types (``tests/fixtures/events_fresh.tsv``).

Each sentence becomes a one-sentence article published on a fixed day and runs through the whole pipeline
(language, entities, time, events, cross-document resolution); the *exported* events are compared with the
expected type. Per type: a hit when the expected type is exported, a miss when not, a false alarm for every
other exported type (and for any event from a NONE sentence).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document, Published, RawRecord

ANCHOR = "2024-03-13"


@dataclass
class Result:
    rows: list[tuple[str, str, list[str]]] = field(default_factory=list)  # expected, sentence, exported types

    def counts(self) -> tuple[Counter, Counter, Counter]:
        tp, fn, fp = Counter(), Counter(), Counter()
        for want, _s, got in self.rows:
            wanted = set(want.split(",")) - {"NONE"}
            for w in wanted:
                (tp if w in got else fn)[w] += 1
            for g in set(got) - wanted:
                fp[g] += 1
        return tp, fn, fp

    def micro(self) -> tuple[float, float, float]:
        tp, fn, fp = (sum(c.values()) for c in self.counts())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def none_accuracy(self) -> float:
        nones = [got for want, _s, got in self.rows if want == "NONE"]
        return sum(not g for g in nones) / len(nones) if nones else 1.0


def read(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            typ, sentence = line.split("\t", 1)
            out.append((typ, sentence))
    return out


def evaluate(path: Path) -> Result:
    from ..registry import build_pipeline
    from ..resolve.analyze import analyze

    clean = build_pipeline(["clean/1"])
    res = Result()
    for n, (want, sentence) in enumerate(read(path)):
        rec = RawRecord(source=f"{path.name}#{n}", source_key=f"{path.name}#{n}", text=sentence,
                        published=Published(ANCHOR, "metadata"))
        doc = clean(Document.from_record(rec))
        a = analyze([doc])
        res.rows.append((want, sentence, [e.type for e in a.events]))
    return res


def report(res: Result) -> str:
    tp, fn, fp = res.counts()
    lines = [f"{'type':20} {'P':>6} {'R':>6} {'F1':>6}  hits/expected  false alarms"]
    for t in sorted(set(tp) | set(fn) | set(fp)):
        p = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        r = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"{t:20} {p:6.3f} {r:6.3f} {f:6.3f}  {tp[t]:>4}/{tp[t] + fn[t]:<4}     {fp[t]}")
    p, r, f = res.micro()
    lines.append(f"EVENTS sentences={len(res.rows)} micro_precision={p:.3f} micro_recall={r:.3f} micro_f1={f:.3f} "
                 f"none_accuracy={res.none_accuracy():.3f}")
    return "\n".join(lines)
