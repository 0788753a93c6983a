from hypothesis import given, strategies as st

from conftest import SEEDS

from rasd.clean.lines import clean_text
from rasd.text.tokens import tokenize


def segs(word):
    (tok,) = tokenize(word)
    return [(s.kind, s.text, s.form or s.text) for s in tok.segments]


def test_clitics_split_where_the_rest_is_a_word():
    assert segs("والمغرب") == [("conj", "و", "و"), ("article", "ال", "ال"), ("stem", "مغرب", "مغرب")]
    assert segs("بالرباط")[0] == ("prep", "ب", "ب")
    assert segs("للجنة") == [("prep", "ل", "ل"), ("stem", "لجنة", "اللجنة")]
    assert segs("للقدس") == [("prep", "ل", "ل"), ("stem", "لقدس", "القدس")]
    assert segs("لإسرائيل") == [("prep", "ل", "ل"), ("stem", "إسرائيل", "إسرائيل")]
    assert segs("وسيوقع") == [("conj", "و", "و"), ("fut", "س", "س"), ("stem", "يوقع", "يوقع")]
    assert segs("علاقاتهما") == [("stem", "علاقات", "علاقات"), ("pron", "هما", "هما")]


def test_names_and_words_that_merely_start_with_clitic_letters_stay_whole():
    for w in ("بوريطة", "لوديي", "بلخير", "كوخافي", "وزير", "فاروق", "لبنان", "بريطانيا"):
        assert segs(w) == [("stem", w, w)], w
    (tok,) = tokenize("وبونو", names=frozenset({"وبونو"}))
    assert len(tok.segments) == 1


def test_token_kinds():
    toks = tokenize("المصدر: Twitter@marocdiplo و https://x.ma/a?b=1 بنسبة 2.5% عام ٢٠٢١")
    kinds = [(t.kind, t.text) for t in toks]
    assert ("handle", "Twitter@marocdiplo") in kinds and ("url", "https://x.ma/a?b=1") in kinds
    assert ("num", "2.5%") in kinds and ("num", "٢٠٢١") in kinds and ("punct", ":") in kinds


@given(st.text(alphabet=st.sampled_from(list("والمغربكلسفهانيةإأُِـ٢ 12.,@xyzبوريطةللجنة")), max_size=60))
def test_segments_tile_each_token_exactly(text):
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
        assert tok.segments[0].start == tok.start and tok.segments[-1].end == tok.end
        for a, b in zip(tok.segments, tok.segments[1:]):
            assert a.end == b.start
        for s in tok.segments:
            assert text[s.start:s.end] == s.text and s.text


def test_offsets_on_seed_bodies():
    for f in sorted(SEEDS.iterdir()):
        body = clean_text(f.read_text(encoding="utf-8")).body
        for tok in tokenize(body):
            for s in tok.segments:
                assert body[s.start:s.end] == s.text
