"""NER: spans are exact on the seeds; quality on ANERcorp is gated at a pinned floor when the shared data exists."""
import re
import pytest
from conftest import SEEDS, rasd

from rasd.annotate.ner import DEFAULT_DATA, spans
from rasd.ingest.readers import ReadOptions
from rasd.ingest.sources import read_path
from rasd.model import Document
from rasd.registry import LANGUAGE, build_pipeline
from rasd.text.tokens import tokenize

TEST_SPLIT = DEFAULT_DATA / "anercorp" / "camel_split_reconstructed" / "test.txt"


def annotated(name):
    (rec,) = list(read_path(next(SEEDS.glob(name + "*")), ReadOptions()))
    return build_pipeline(LANGUAGE)(Document.from_record(rec))


def test_entity_spans_are_exact_and_clitic_free():
    for f in sorted(SEEDS.iterdir()):
        doc = annotated(f.stem)
        assert doc.spans["entities"]
        for e in doc.spans["entities"]:
            assert doc.body[e.start:e.end] == e.text
            first = tokenize(e.text)[0]
            clitic = first.segments[0].kind in ("conj", "prep", "fut")
            assert not clitic or any(s.form for s in first.segments), e.text  # only للمغرب-type elision keeps it


def test_seed_people_found():
    names = {e.text for f in sorted(SEEDS.iterdir()) for e in annotated(f.stem).spans["entities"] if e.label == "PERS"}
    for person in ("بيني جانتس", "ناصر بوريطة", "محمد السادس", "أفيف كوخافي", "جو بايدن", "هشام معتضد", "أفيخاي أدرعي"):
        assert person in names, person
    assert any("لوديي" in n for n in names) and any("بلخير" in n for n in names)


def test_person_span_rules():
    from rasd.annotate.ner import _person_spans

    # two people joined by و are two spans; a name token that starts with و is not a conjunction
    words = "فاز الأميركيان أندرو فاير وكراغ ميللو بالجائزة".split()
    tags = ["O", "O", "B-PERS", "I-PERS", "I-PERS", "I-PERS", "O"]
    assert spans(_person_spans(words, tags)) == {(2, 4, "PERS"), (4, 6, "PERS")}
    words = "وقال محمد وليد الخطيب".split()
    tags = ["O", "B-PERS", "I-PERS", "I-PERS"]
    assert spans(_person_spans(words, tags)) == {(1, 4, "PERS")}
    # a nationality adjective before the name is not part of it
    words = "التقى الرئيس السريلانكي ماهيندا راجاباكسي".split()
    tags = ["O", "O", "B-PERS", "I-PERS", "I-PERS"]
    assert spans(_person_spans(words, tags)) == {(3, 5, "PERS")}


def test_bio_spans_conll_semantics():
    assert spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-LOC", "B-LOC"]) == {(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "LOC"),
                                                                          (5, 6, "LOC")}


@pytest.mark.skipif(not TEST_SPLIT.exists(), reason="ANERcorp is read from ../shared/data (not committed)")
def test_anercorp_quality_floor():
    out = rasd("eval-ner").stdout
    m = re.search(r"NER micro_f1=([\d.]+) precision=([\d.]+) recall=([\d.]+)", out)
    assert m, out
    assert float(m.group(1)) >= 0.736  # pinned floor: raise it when the model improves, never lower it silently
    pers = re.search(r"PERS\s+([\d.]+)\s+([\d.]+)", out)
    assert float(pers.group(2)) >= 0.70, out  # the person-recall bar


def test_a_conjunction_glued_to_a_rare_first_name_is_not_part_of_the_name():
    from rasd.annotate.components import _conjoined_name

    assert _conjoined_name("ومئير") and _conjoined_name("وجاريد")
    assert not any(_conjoined_name(w) for w in ("وسام", "فريد", "وليد", "وائل", "فيصل"))  # names themselves
