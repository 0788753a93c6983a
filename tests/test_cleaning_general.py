"""Generalization: fresh scraped pages written for these tests (not from the seeds), from other site layouts.
Every paragraph must be kept exactly once; every piece of chrome must be gone."""
from rasd.clean.lines import clean_text

P1 = "أعلنت وزارة الدفاع الجزائرية، الخميس، عن تنظيم مناورات بحرية مشتركة مع روسيا في المياه الإقليمية قبالة سواحل وهران."
P2 = "وقال بيان للوزارة إن المناورات تهدف إلى تبادل الخبرات وتعزيز قدرات القوات البحرية في مجال مكافحة الإرهاب."
P3 = "وتأتي هذه المناورات بعد أشهر من زيارة رئيس أركان الجيش الجزائري إلى موسكو، حيث بحث مع نظيره الروسي آفاق التعاون."
H1 = "تعاون عسكري متزايد"

WORDPRESS = f"""الرئيسية » أخبار » دولية » مناورات بحرية جزائرية روسية
مناورات بحرية جزائرية روسية قبالة وهران
نشر في 14 أوت 2025 | بواسطة فريق التحرير
Share on Facebook
Share on Twitter
{P1}
{P2}
{H1}
{P3}
Like this:
Like Loading...
ذات صلة
Leave a Reply Cancel reply
Your email address will not be published.
Comment
Name
"""

NEWS_CMS = f"""القائمة
الجزائر - وكالات
الرئيسية > العالم العربي > الجزائر
مناورات بحرية جزائرية روسية قبالة وهران
الجمعة 15 أغسطس 2025 - 10:32
(صورة أرشيفية: سفينة حربية في ميناء وهران - أ ف ب)
{P1}
اقرأ أيضا: الجزائر تقتني غواصات جديدة من روسيا
{P2}
{P2}
{P3}
أخبار ذات صلة
الجزائر وموسكو توقعان اتفاقية دفاعية جديدة
روسيا تعرض منظومة صواريخ على الجزائر
وسوم: الجزائر روسيا مناورات
جميع الحقوق محفوظة © 2025
"""

FEED_ENTRY = f"""{P1}

{P2}

The post مناورات بحرية جزائرية روسية appeared first on موقع الأخبار.
"""


def test_wordpress_jetpack_page():
    c = clean_text(WORDPRESS)
    for p in (P1, P2, P3, H1):
        assert c.body.count(p) == 1, p
    for chrome in ("Share on", "Like", "Leave a Reply", "email address", "الرئيسية", "بواسطة", "Comment", "Name"):
        assert chrome not in c.body, chrome
    assert c.title == "مناورات بحرية جزائرية روسية قبالة وهران"
    assert c.body.startswith(P1) and c.body.endswith(P3)


def test_news_cms_with_breadcrumbs_and_related_links():
    c = clean_text(NEWS_CMS)
    for p in (P1, P2, P3):
        assert c.body.count(p) == 1, p
    for chrome in ("القائمة", "الرئيسية", "اقرأ أيضا", "أخبار ذات صلة", "غواصات", "منظومة صواريخ", "وسوم", "الحقوق",
                   "صورة أرشيفية", "10:32"):
        assert chrome not in c.body, chrome
    assert c.dateline == "الجزائر - وكالات"
    assert c.page_date == "2025-08-15"
    assert c.title == "مناورات بحرية جزائرية روسية قبالة وهران"
    assert any("أرشيفية" in cap for cap in c.captions)
    assert all(r.reason for r in c.removed)


def test_feed_entry():
    c = clean_text(FEED_ENTRY, known_title="مناورات بحرية جزائرية روسية")
    assert c.body == f"{P1}\n\n{P2}"
    assert any("appeared first" in r.text for r in c.removed)


def test_nothing_is_dropped_silently():
    text = WORDPRESS
    c = clean_text(text)
    kept = set(c.body.split("\n\n"))
    removed = {r.text for r in c.removed}
    for line in (x.strip() for x in text.splitlines()):
        if line:
            assert line in kept or line in removed, line


def test_short_article_without_chrome_is_kept_whole():
    c = clean_text(f"{P1}\n{P2}")
    assert c.body == f"{P1}\n\n{P2}" and not c.removed and c.title is None


def test_a_place_and_an_outlet_or_correspondent_make_a_dateline():
    c = clean_text(f"المغرب يستقبل وفدا عسكريا\n\nالرباط - هسبريس\n\n{P1}\n{P2}")
    assert (c.dateline, c.outlet) == ("الرباط - هسبريس", "هسبريس") and "هسبريس" not in c.body
    c = clean_text(f"المغرب يستقبل وفدا عسكريا\n\nالقاهرة - محمد علي\n\n{P1}\n{P2}")
    assert (c.dateline, c.byline, c.outlet) == ("القاهرة - محمد علي", "محمد علي", None)
    # a named agency or outlet after the place is the outlet; "وكالات" (agencies) names none
    c = clean_text(f"المغرب يستقبل وفدا عسكريا\n\nالرباط - الجزيرة نت\n\n{P1}\n{P2}")
    assert (c.dateline, c.outlet, c.byline) == ("الرباط - الجزيرة نت", "الجزيرة نت", None)
    c = clean_text(f"المغرب يستقبل وفدا عسكريا\n\nالرباط - وكالات\n\n{P1}\n{P2}")
    assert (c.dateline, c.outlet, c.byline) == ("الرباط - وكالات", None, None)
    # an agency in brackets at the head of the lead ("أبوظبي (أ ف ب) - …") is the outlet; "(خاص)" is not one
    c = clean_text(f"المغرب يستقبل وفدا عسكريا\nبشار (واج) - {P1}\n{P2}")
    assert c.outlet == "واج" and c.body.startswith("بشار (واج) - ")  # the text itself is kept as written
    assert clean_text(f"المغرب يستقبل وفدا عسكريا\nالقاهرة (خاص) - {P1}\n{P2}").outlet is None
    # not a place: stays out of the dateline
    c = clean_text(f"المغرب يستقبل وفدا عسكريا\n\nتحديث - 14:30\n\n{P1}\n{P2}")
    assert c.dateline is None


def test_a_line_labelled_as_the_publication_date_is_the_publication_date():
    from rasd.clean.pubdate import infer
    from rasd.model import Published

    c = clean_text(f"مناورات بحرية جزائرية روسية قبالة وهران\n{P1}\n{P2}\nنشر في: 22 أكتوبر 2023")
    assert c.published == "2023-10-22" and "2023" not in c.body and c.page_date is None
    c = clean_text(f"مناورات بحرية جزائرية روسية قبالة وهران\nتاريخ النشر: 2025/08/14 - 10:32\n{P1}\n{P2}")
    assert c.published == "2025-08-14"
    got = infer(Published(), None, None, c.body, c.published)
    assert (got.date, got.basis) == ("2025-08-14", "text")
    # a metadata date still wins over the line
    assert infer(Published("2025-08-13", "metadata"), None, None, c.body, c.published).date == "2025-08-13"
    # an unlabelled or updated date says when the page was printed or changed, not published: an upper bound
    c = clean_text(f"مناورات بحرية جزائرية روسية قبالة وهران\nالخميس 14 أوت 2025\n{P1}\n{P2}")
    assert (c.published, c.page_date) == (None, "2025-08-14")
    c = clean_text(f"مناورات بحرية جزائرية روسية قبالة وهران\nآخر تحديث: 15 أوت 2025\n{P1}\n{P2}")
    assert (c.published, c.page_date) == (None, "2025-08-15")


def test_a_headline_may_ask():
    c = clean_text(f"تحليل: إلى أين يتجه التعاون العسكري بين الرباط وتل أبيب؟\nبقلم: يوسف العلوي\n{P1}\n{P2}")
    assert c.title == "تحليل: إلى أين يتجه التعاون العسكري بين الرباط وتل أبيب؟"
    assert c.byline == "بقلم: يوسف العلوي" and c.body == f"{P1}\n\n{P2}"
    # a question inside the article stays article text
    c = clean_text(f"{P1}\nفهل تنجح هذه المناورات في تحقيق أهدافها المعلنة؟\n{P2}")
    assert "فهل تنجح" in c.body


def test_a_date_line_after_the_article_is_a_page_date_and_an_outlet_may_have_digits():
    c = clean_text(f"مناورات بحرية جزائرية روسية قبالة وهران\n{P1}\n{P2}\nالسبت 21 أكتوبر 2023")
    assert (c.page_date, c.published) == ("2023-10-21", None) and "2023" not in c.body
    c = clean_text(f"المغرب يستقبل وفدا عسكريا\n\nالرباط - le360\n\n{P1}\n{P2}")
    assert (c.dateline, c.outlet) == ("الرباط - le360", "le360")


def test_a_date_with_its_time_beside_the_headline_stamps_the_article_a_header_date_does_not():
    body = ("وقع المغرب وإسرائيل، يوم الثلاثاء بالرباط، اتفاقية لتطوير صناعة الطائرات المسيرة بالمملكة، في إطار "
            "التعاون العسكري بين البلدين.\n"
            "وحسب بلاغ لإدارة الدفاع الوطني، فإن الاتفاقية تنص على نقل التكنولوجيا وتكوين الأطر المغربية.\n")
    page = "الرئيسية | سياسة | مجتمع\n2024/03/13 - 10:45\nالمغرب وإسرائيل يوقعان اتفاقية لتطوير صناعة المسيرات\n" + body
    c = clean_text(page)
    assert (c.published, c.published_why) == ("2024-03-13", "date and time beside the headline")
    # a page header's date, at the top and without a time, is the day the page was served
    c = clean_text("الأربعاء, يناير 28, 2026\nالرئيسية | سياسة | مجتمع\nالمغرب وإسرائيل يوقعان اتفاقية لتطوير صناعة "
                   "المسيرات\n" + body)
    assert c.published is None and c.page_date == "2026-01-28"
