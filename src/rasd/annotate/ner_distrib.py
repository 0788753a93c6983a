"""Distributional knowledge for NER, learned from unlabeled SaudiNewsNet (10M words) — training time only.

Two tables, written together to ``rasd/data/ner_clusters.tsv.gz`` (stem<TAB>cluster id), derived statistics only:

* word clusters: each frequent stem's left/right neighbour counts → PPMI → truncated SVD (100 d) → k-means at
  two granularities (100 and 800 clusters); the id is "coarse/fine";
* name-likeness: how often the stem directly follows a person title (السيد، الرئيس، الدكتور …: the PERS
  trigger list) relative to its frequency, bucketed, appended to the id as ":n0".."n3".

Needs scikit-learn and scipy (the ``train`` extra); running rasd only reads the table.
"""
from __future__ import annotations

import gzip
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np

from ..text.fold import fold
from .ner_features import _analyse, load_lexicons

_TOK = re.compile(r"[\u0621-\u064A]+|\d+|[A-Za-z]+|[^\s\w]")
VOCAB = 60000
CONTEXT = 8000
SEED = 13


def corpus_sentences(data: Path):
    for z in sorted(data.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for art in json.loads(zf.read(name)):
                    for para in ((art.get("title") or "") + "\n" + (art.get("content") or "")).split("\n"):
                        toks = _TOK.findall(para)
                        if toks:
                            yield toks


def build(data: Path, out: Path, log=print) -> int:
    from scipy import sparse
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    titles = load_lexicons().triggers["PERS_before"]
    stems_of: dict[str, str] = {}
    freq: Counter = Counter()
    after_title: Counter = Counter()
    seqs = []
    for toks in corpus_sentences(data):
        seq = []
        prev = ""
        for t in toks:
            s = stems_of.get(t)
            if s is None:
                s = stems_of[t] = _analyse(t)[0]
            seq.append(s)
            freq[s] += 1
            if prev in titles:
                after_title[s] += 1
            prev = fold(t)
        seqs.append(seq)
    vocab = [w for w, _ in freq.most_common(VOCAB)]
    vid = {w: i for i, w in enumerate(vocab)}
    cid = {w: i for i, w in enumerate(vocab[:CONTEXT])}
    rows, cols = [], []
    for seq in seqs:
        ids = [vid.get(s, -1) for s in seq]
        ctx = [cid.get(s, -1) for s in seq]
        for i, w in enumerate(ids):
            if w < 0:
                continue
            if i > 0 and ctx[i - 1] >= 0:
                rows.append(w)
                cols.append(ctx[i - 1])
            if i + 1 < len(ids) and ctx[i + 1] >= 0:
                rows.append(w)
                cols.append(CONTEXT + ctx[i + 1])
    log(f"{sum(freq.values())} tokens, {len(vocab)} words, {len(rows)} context pairs")
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(vocab), 2 * CONTEXT)).tocsr()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col = col / col.sum()
    m = m.tocoo()
    pmi = np.log(m.data * 1.0 / (row[m.row] / total) / col[m.col] / total)
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    vecs = normalize(TruncatedSVD(100, random_state=SEED).fit_transform(ppmi))
    coarse = MiniBatchKMeans(100, random_state=SEED, n_init=3, batch_size=4096).fit_predict(vecs)
    fine = MiniBatchKMeans(800, random_state=SEED, n_init=1, batch_size=4096).fit_predict(vecs)
    lines = []
    for i, w in enumerate(vocab):
        ratio = after_title[w] / freq[w]
        bucket = 0 if ratio < 0.01 else 1 if ratio < 0.05 else 2 if ratio < 0.2 else 3
        lines.append(f"{w}\t{coarse[i]}/{fine[i]}:n{bucket}\n")
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write("".join(lines).encode("utf-8"))
    return len(lines)
