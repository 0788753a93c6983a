"""Property tests: the offset map of the folded form is monotone and maps every span back exactly."""
from hypothesis import given, strategies as st

from rasd.text.normalize import normalize

ARABICISH = st.text(alphabet=st.sampled_from(list("أإآاىيةهؤوئءبتثجحخدذرزسشصضطظعغفقكلمن ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩۰۱ﻻﷲﺍﺑ«»“”\u200f\u200e abcXYZ.،؟!\n")),
                    max_size=80)


@given(ARABICISH)
def test_origin_is_monotone_and_in_range(text):
    n = normalize(text)
    assert len(n.origin) == len(n.text)
    assert all(0 <= o < len(text) for o in n.origin)
    assert all(a <= b for a, b in zip(n.origin, n.origin[1:]))


@given(ARABICISH, st.data())
def test_spans_round_trip(text, data):
    n = normalize(text)
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    s, e = n.to_original(a, b)
    assert 0 <= s < e <= len(text)
    back = normalize(text[s:e]).text
    assert n.text[a:b] in back  # the original span produced at least the folded span
    clean_cut = (a == 0 or n.origin[a - 1] != n.origin[a]) and (b == len(n.text) or n.origin[b] != n.origin[b - 1])
    if clean_cut:  # not splitting a ligature's expansion: exactly the folded span
        assert back == n.text[a:b]


def test_examples():
    n = normalize("وإسرائيلُ ﻻ «٢٠٢١»")
    assert n.text == 'واسراييل لا "2021"'
    s, e = n.to_original(n.text.index("اسراييل"), n.text.index("اسراييل") + 7)
    assert n.original[s:e] == "إسرائيل"
    lam_alef = n.text.index("لا")
    assert n.to_original(lam_alef, lam_alef + 1) == n.to_original(lam_alef, lam_alef + 2)  # one ligature char
    assert normalize("مـــصر\u200f").text == "مصر"


@given(st.text(alphabet=st.sampled_from(list("أإآٱىةؤئاب ١٢۳٤ـًٌَُِّْ\u200fAbZ٠۹é")) | st.characters(), max_size=60))
def test_fast_fold_equals_the_translation_table(text):
    from rasd.text.fold import _TABLE, fold

    assert fold(text) == text.translate(_TABLE).lower()
