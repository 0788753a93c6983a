"""Language-layer pipeline components: sentences, tokens (with clitic segments) and named entities.

Each writes spans into ``doc.spans[layer]`` (offsets into ``doc.body``). Entity spans leave out attached
proclitics (لإسرائيل → إسرائيل, والمغرب → المغرب) so that ``body[start:end]`` is the name itself.
"""
from __future__ import annotations

from ..model import Document, Span
from ..pipeline import Component
from ..text.fold import fold
from ..text.sentences import split_sentences
from ..text.tokens import tokenize

PROCLITICS = ("conj", "prep", "fut")


def sentences(doc: Document) -> None:
    doc.spans["sentences"] = [doc.span(s, e, "sentence") for s, e in split_sentences(doc.body)]


def tokens(doc: Document) -> None:
    toks = [t for s in doc.spans["sentences"] for t in tokenize(doc.body[s.start:s.end], base=s.start)]
    doc.spans["tokens"] = [doc.span(t.start, t.end, t.kind) for t in toks]
    doc.annotations["tokens"] = toks  # with their clitic segments, so later layers do not segment again


def tokens_by_sentence(doc: Document) -> list[list[Span]]:
    groups: list[list[Span]] = [[] for _ in doc.spans["sentences"]]
    k = 0
    for tok in doc.spans["tokens"]:
        while doc.spans["sentences"][k].end < tok.end:
            k += 1
        groups[k].append(tok)
    return groups


def entities(doc: Document) -> None:
    from .ner import spans as bio_spans, tag_document

    sents = tokens_by_sentence(doc)
    tags = tag_document([[t.text for t in toks] for toks in sents])
    out: list[Span] = []
    segments = {t.start: t.segments for t in doc.annotations["tokens"]}
    for toks, tg in zip(sents, tags):
        for a, b, typ in sorted(bio_spans(tg)):
            first = toks[a]
            segs = segments[first.start] if first.label == "word" else []
            core = next((seg for seg in segs if seg.kind not in PROCLITICS), None)
            # للمغرب: the article's alef is elided into the preposition, so the name is only whole with it
            start = core.start if core and not core.form else first.start
            if typ == "PERS" and start == first.start and _conjoined_name(first.text):
                start += 1
            out.append(doc.span(start, toks[b - 1].end, typ))
    doc.spans["entities"] = out


def _conjoined_name(word: str) -> bool:
    """و/ف glued to a person's first name the segmenter kept whole because the name is rare in news (ومئير، وبيني):
    the whole is no known name and never seen, the rest is a known given name or a word of the corpus. وسام،
    فريد، وليد stay whole: they are names themselves."""
    from ..text.tokens import word_frequency
    from .ner_features import load_lexicons

    f = fold(word)
    if f[:1] not in "وف" or len(f) < 4:
        return False
    names = load_lexicons().person_tokens
    return f not in names and word_frequency(f) == 0 and (f[1:] in names or word_frequency(f[1:]) >= 3)


SENTENCES = Component("sentences/1", frozenset({"body"}), frozenset({"sentences"}), sentences)
TOKENS = Component("tokens/1", frozenset({"body", "sentences"}), frozenset({"tokens"}), tokens)
ENTITIES = Component("ner/1", frozenset({"body", "sentences", "tokens"}), frozenset({"entities"}), entities)
