from rasd.text.sentences import split_sentences


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_splits_on_terminal_punctuation_and_lines_not_commas():
    text = "وصل الوزير إلى الرباط، والتقى نظيره. هل ستوقع الاتفاقية؟ نعم!\nعنوان فرعي\nفقرة أخرى"
    assert sents(text) == ["وصل الوزير إلى الرباط، والتقى نظيره.", "هل ستوقع الاتفاقية؟", "نعم!", "عنوان فرعي",
                           "فقرة أخرى"]


def test_numbers_initials_abbreviations_quotes():
    assert len(sents("ارتفعت الميزانية بنسبة 2.5 في المائة هذا العام.")) == 1
    assert len(sents("وقائد الشعبة المعروف باسم العميد ج. في الآونة الأخيرة شارك في التدريبات.")) == 1
    assert len(sents("قال د. أحمد إن الوضع مستقر.")) == 1
    assert sents('وقال: "الاتفاق تاريخي." ثم غادر.') == ['وقال: "الاتفاق تاريخي."', "ثم غادر."]
    assert sents("قال «لقد اتخذنا خطوة تاريخية اليوم». وأضاف أنه متفائل.") == [
        "قال «لقد اتخذنا خطوة تاريخية اليوم».", "وأضاف أنه متفائل."]


def test_offsets_are_exact():
    text = "  جملة أولى.   جملة ثانية؟\n\n ثالثة "
    for s, e in split_sentences(text):
        assert text[s:e] == text[s:e].strip() and text[s:e]
