"""Time layer beyond the expression table: anchoring on an inferred publication date, the seeds, the CLI,
the pipeline component and offsets into bodies with diacritics."""
from __future__ import annotations

from datetime import date

from conftest import SEEDS, rasd

from rasd.model import Document, Published
from rasd.time.component import analyze_time
from rasd.time.component import time as time_component
from rasd.time.interval import Interval
from rasd.time.timex import find


def _lines(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.splitlines() if line and not line.startswith("#")]


def test_seed_001_caption_date_and_weekday_agree():
    out = rasd("dates", next(SEEDS.glob("001_*"))).stdout
    rows = _lines(out)
    caption = [r for r in rows if r[3] == "24 نوفمبر 2021"]
    assert caption and caption[0][:3] == ["2021-11-24", "2021-11-24", "day"] and caption[0][4].startswith("caption")
    wed = [r for r in rows if r[3] == "الأربعاء"]
    assert wed and wed[0][:3] == ["2021-11-24", "2021-11-24", "day"], wed
    assert "agrees with '24 نوفمبر 2021'" in wed[0][4]


def test_seed_004_absolute_date_and_monday_before_an_unknown_publication():
    rows = _lines(rasd("dates", next(SEEDS.glob("004_*"))).stdout)
    assert ["2020-12-10", "2020-12-10", "day", "10 دجنبر 2020"] == next(r for r in rows if "دجنبر" in r[3])[:4]
    monday = next(r for r in rows if r[3] == "أمس الاثنين")
    assert monday[2] != "day"  # publication is not stated, so neither is the day
    assert "Monday, the day before publication" in monday[4] and "publication unknown" in monday[4]


def test_cli_text_stdin_and_anchor():
    rows = _lines(rasd("dates", "وقع الاتفاق أمس الاثنين", "--anchor", "2026-01-06").stdout)
    assert rows[0][:4] == ["2026-01-05", "2026-01-05", "day", "أمس الاثنين"]
    rows = _lines(rasd("dates", "وقع الاتفاق أمس الاثنين").stdout)
    assert rows[0][:3] == ["?", "?", "unknown"]
    assert rasd("dates", "x", "--anchor", "2026-13-01", check=False).returncode != 0


def test_weekday_that_contradicts_the_anchor_widens_instead_of_guessing():
    (t,) = find("أعلن الجيش أمس الاثنين", Interval.day(date(2024, 3, 13)))  # yesterday was a Tuesday
    assert (t.value.start, t.value.end) == (date(2024, 3, 11), date(2024, 3, 12))
    assert "weekday disagrees" in t.basis


def test_written_weekday_is_checked_against_the_date():
    (t,) = find("التقى الوزيران الخميس 24 نوفمبر 2021")  # a Wednesday
    assert t.precision == "day" and "weekday disagrees" in t.basis


def _doc(body: str, page_date: str | None = None, captions: list[str] | None = None, published: str | None = None):
    d = Document(id="d", source="t", source_key="k", content_hash="h", raw=body, body=body, page_date=page_date,
                 captions=captions or [], published=Published(published, "metadata" if published else "unknown"))
    return d


def test_publication_bounds_from_page_date_and_reported_past():
    d = _doc("انعقد الاجتماع في مارس 2023 بالرباط. وتعقد الدورة المقبلة مؤخرا.", page_date="2023-06-30")
    _, pub = analyze_time(d)
    assert pub.interval == Interval(date(2023, 3, 1), date(2023, 6, 30))


def test_today_or_yesterday_with_a_weekday_that_agrees_pins_publication_to_the_page_date():
    # 17 July 2023 was a Monday
    for said in ("أعلن الديوان الملكي مساء اليوم الإثنين عن زيارة الوفد.", "أعلن الديوان الملكي أمس الأحد عن زيارة الوفد."):
        _, pub = analyze_time(_doc(said, page_date="2023-07-17"))
        assert pub.interval == Interval.day(date(2023, 7, 17)), said
    # a weekday that does not agree leaves the page date an upper bound
    _, pub = analyze_time(_doc("أعلن الديوان الملكي مساء اليوم الثلاثاء عن زيارة الوفد.", page_date="2023-07-17"))
    assert pub.interval == Interval(None, date(2023, 7, 17))


def test_dates_said_of_the_future_do_not_bound_publication():
    d = _doc("سيعقد المؤتمر في 10 ديسمبر 2030 في الرباط.")
    _, pub = analyze_time(d)
    assert not pub.known


def test_anniversary_puts_publication_in_that_year():
    d = _doc("تأتي الخطوة في الذكرى العاشرة لتوقيع الاتفاق بتاريخ 3 مارس 2012.")
    _, pub = analyze_time(d)
    assert pub.interval == Interval(date(2022, 3, 3), date(2023, 3, 2))


def test_a_month_named_as_current_puts_publication_in_it_once_a_bound_gives_the_year():
    d = _doc("انطلق التمرين يوم الأربعاء 16 نوفمبر 2022، ويستمر إلى غاية 28 نوفمبر الجاري.")
    _, pub = analyze_time(d)
    assert pub.interval == Interval(date(2022, 11, 16), date(2022, 11, 30))
    # under a page date, the latest such month on or before it
    _, pub = analyze_time(_doc("وتستمر المناورات إلى غاية 28 نوفمبر الجاري.", page_date="2023-02-10"))
    assert pub.interval == Interval(date(2022, 11, 1), date(2022, 11, 30))
    # with no bound the year is unknown: nothing is guessed
    assert not analyze_time(_doc("وتستمر المناورات إلى غاية 28 نوفمبر الجاري."))[1].known


def test_metadata_publication_wins_and_anchors_relative_expressions():
    d = _doc("التقى الرئيسان أمس في جنيف.", published="2024-03-13")
    timexes, pub = analyze_time(d)
    assert pub.interval == Interval.day(date(2024, 3, 13))
    assert timexes[0].value == Interval.day(date(2024, 3, 12))


def test_component_spans_are_offsets_into_a_body_with_diacritics():
    body = "وَقَّعَ البلدانِ الاتفاقَ يومَ الأربعاءِ 24 نُوفَمْبَر 2021 فِي الرِّباطِ."
    d = _doc(body)
    time_component(d)
    (span,) = d.spans["time"]
    assert body[span.start:span.end] == span.text and "الأربعاءِ 24" in span.text and span.label == "day"
    assert d.published.basis == "inferred" and d.published.start == "2021-11-24"


def test_interval_precision_is_read_off_the_interval():
    assert Interval.month(2024, 2).precision == "month"
    assert Interval.year(2024).precision == "year"
    assert Interval.week_of(date(2024, 3, 13)).precision == "week"
    assert Interval(date(2024, 3, 1), None).precision == "unknown"
    assert Interval(date(2024, 3, 1), date(2024, 3, 5)).precision == "range"
    assert Interval.year(2020).part("late") == Interval(date(2020, 9, 1), date(2020, 12, 31))
