"""Event layer: the fresh sentence set (never seen while writing the lexicon's seed cases), stories, stored
analyses, contradictions and the CLI."""
from __future__ import annotations

import json

from conftest import HERE, SEEDS, rasd

from rasd.events.evaluate import evaluate, report
from rasd.events.stories import NearDuplicates, shingles


def test_fresh_sentences_across_all_types():
    res = evaluate(HERE / "fixtures" / "events_fresh.tsv")
    assert len(res.rows) >= 100
    types = {t for want, _s, _g in res.rows for t in want.split(",")}
    assert {"MEET", "VISIT", "SIGN_AGREEMENT", "EXERCISE", "PROCUREMENT", "ESTABLISH_RELATIONS", "SEVER_RELATIONS",
            "STATEMENT", "PROTEST", "NONE"} <= types
    p, _r, f = res.micro()
    assert f >= 0.85 and p >= 0.9, report(res)
    assert res.none_accuracy() >= 0.9, report(res)  # opinion, speculation, negation and topics stay out


def test_near_duplicates_are_found_incrementally():
    body = " ".join(f"كلمة{i} في الخبر رقم {i % 7}" for i in range(120))
    edited = body.replace("كلمة5 ", "عبارة5 ").replace("كلمة50 ", "عبارة50 ")
    other = " ".join(f"نص{i} مختلف تماما {i % 5}" for i in range(120))
    idx = NearDuplicates()
    assert idx.add("a", body) == []
    assert idx.add("b", other) == []
    assert idx.add("c", edited) == ["a"]
    assert idx.add("a", body) == []  # the same document again changes nothing
    assert len(shingles("واحد اثنان")) == 1


def test_stored_analysis_roundtrip_gives_the_same_events(tmp_path):
    from rasd.resolve.analyze import analyze
    from rasd.store import Store

    db = tmp_path / "s.db"
    rasd("ingest", SEEDS, "--db", db)
    with Store(db) as store:
        assert store.stats()["analysed"] == 5
        stored = analyze(store.documents(), store)
        fresh = analyze(store.documents())
    summary = lambda a: sorted((e.type, str(e.date), len(e.mentions)) for e in a.events)
    assert summary(stored) == summary(fresh) and stored.events
    assert stored.contradictions == fresh.contradictions


def test_no_nlp_ingest_then_export_analyses_later(tmp_path):
    db, out = tmp_path / "s.db", tmp_path / "d.json"
    rasd("ingest", SEEDS, "--db", db, "--no-nlp")
    assert '"analysed": 0' in rasd("stats", "--db", db, "--json").stdout.replace(": ", ": ").replace("\n", "")
    rasd("export", "--db", db, "-o", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["events"] and data["contradictions"]
    assert '"analysed": 5' in rasd("stats", "--db", db, "--json").stdout


def test_timeline_and_contradictions_commands(tmp_path):
    db = tmp_path / "s.db"
    rasd("ingest", SEEDS, "--db", db)
    lines = rasd("timeline", "--db", db).stdout.splitlines()
    assert any("SIGN_AGREEMENT" in line and "2021-11-24" in line and "day" in line for line in lines)
    starts = [line.split()[0].split("..")[0] for line in lines]
    assert starts == sorted(starts)  # date order
    assert all("(recalled)" not in line for line in lines)
    full = rasd("timeline", "--db", db, "--all").stdout
    assert "(recalled)" in full and "1993" in full
    out = rasd("contradictions", "--db", db).stdout
    assert "Monday" in out and "Friday" in out and "«أمس الاثنين»" in out
    assert "«رابع بلد عربي»" in out and "«الدولة العربية السادسة»" in out
    rows = [json.loads(x) for x in rasd("contradictions", "--db", db, "--json").stdout.splitlines()]
    assert {r["property"] for r in rows} >= {"weekday", "rank_among_arab_states"}


def _docs(*texts: str, published: str = "2024-03-13"):
    from rasd.model import Document, Published, RawRecord
    from rasd.registry import build_pipeline

    clean = build_pipeline(["clean/1"])
    return [clean(Document.from_record(RawRecord(source=f"s{i}", source_key=f"s{i}", text=t,
                                                 published=Published(published, "metadata"))))
            for i, t in enumerate(texts)]


def _roles(a, typ: str) -> dict[str, str]:
    """Participant key → role of the first event of ``typ`` in an analysis."""
    return {p.key: p.role for p in next(e for e in a.events if e.type == typ).participants}


def _one(text: str):
    from rasd.resolve.analyze import analyze

    return analyze(_docs(text))


def test_announcement_dated_apart_from_what_it_announces():
    a = _one("أعلن الجيش الإسرائيلي أمس الاثنين عن توقيع خطة عمل مع الجيش المغربي يوم الجمعة الماضي.")
    sign = next(e for e in a.events if e.type == "SIGN_AGREEMENT")
    assert (sign.date.start.isoformat(), sign.date.precision) == ("2024-03-08", "day")  # the Friday before
    assert sign.announced is not None and sign.announced.end.isoformat() == "2024-03-12"


def test_speculation_and_negation_stay_out_of_the_record():
    assert not _one("من المتوقع أن يوقع المغرب وفرنسا اتفاقية دفاع مشترك في وقت لاحق.").events
    assert not _one("لم يوقع المغرب وفرنسا أي اتفاقية دفاع خلال الزيارة.").events


def test_two_reports_of_one_signing_become_one_event_with_both_sources():
    from rasd.resolve.analyze import analyze

    docs = _docs("وقع المغرب وفرنسا اتفاقية للتعاون العسكري لسنة 2025 يوم الثلاثاء في الرباط.",
                 "وقّعت فرنسا والمغرب أمس الثلاثاء بالرباط اتفاقية تعاون عسكري لسنة 2025 بحضور وزيري الدفاع.")
    a = analyze(docs)
    signs = [e for e in a.events if e.type == "SIGN_AGREEMENT"]
    assert len(signs) == 1 and len({m.doc for m in signs[0].mentions}) == 2
    assert signs[0].date.start.isoformat() == "2024-03-12" and signs[0].cameo == "057"
    assert len({a.story_of[d.id] for d in docs}) == 1


def test_an_event_two_articles_mention_in_passing_does_not_make_them_one_story():
    from rasd.resolve.analyze import analyze

    signing = "ووقع المغرب وفرنسا اتفاقية للتعاون العسكري لسنة 2025 يوم الثلاثاء في الرباط."
    lead_a = " ".join(["ارتفعت أسعار الحبوب في الأسواق المحلية بسبب الجفاف الذي ضرب المنطقة هذا الموسم."] * 8)
    lead_b = " ".join(["افتتح المعرض الدولي للكتاب أبوابه أمام الزوار بمشاركة مئات الناشرين من عدة دول."] * 8)
    docs = _docs(lead_a + "\n\n" + signing, lead_b + "\n\n" + signing)
    a = analyze(docs)
    signs = [e for e in a.events if e.type == "SIGN_AGREEMENT"]
    assert len(signs) == 1 and len({m.doc for m in signs[0].mentions}) == 2  # one happening, two sources …
    assert len({a.story_of[d.id] for d in docs}) == 2  # … but neither article is about it


def test_sources_disagreeing_on_session_and_place_are_contradictions():
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("انعقد الاجتماع الثالث للجنة العسكرية المشتركة بين المغرب وفرنسا في الرباط يوم الثلاثاء.",
                      "انعقد الاجتماع الرابع للجنة العسكرية المشتركة بين المغرب وفرنسا في باريس يوم الثلاثاء."))
    props = {c["property"]: c for c in a.contradictions}
    assert {"session", "place"} <= set(props), a.contradictions
    assert {v["value"] for v in props["session"]["values"]} == {"3", "4"}


def test_a_date_beside_a_reporting_verb_dates_the_report_not_the_deal():
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("كشفت تقارير إعلامية، أمس الثلاثاء، أن المغرب وقع صفقة مع شركة الصناعات الجوية الإسرائيلية "
                      "لاقتناء منظومة الدفاع الجوي \"باراك إم إكس\".\n\nوأفادت صحيفة \"غلوبس\" بأن الصفقة أبرمت في "
                      "فبراير 2023.", published="2023-03-15"))
    deal = next(e for e in a.events if e.type == "PROCUREMENT")
    assert (deal.date.start.isoformat(), deal.date.end.isoformat()) == ("2023-02-01", "2023-02-28")
    roles = {p.key: p.role for p in deal.participants}
    assert roles == {"country:MA": "buyer", "org:iai": "supplier"}  # the system and the newspaper are not parties


def test_an_earlier_happening_told_in_the_pluperfect_is_not_the_news():
    from rasd.events.extract import extract
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("كشفت تقارير إعلامية، أمس الثلاثاء، أن المغرب وقع صفقة مع شركة الصناعات الجوية الإسرائيلية "
                      "لاقتناء منظومة الدفاع الجوي \"باراك إم إكس\".\n\nوكان المغرب قد تسلم في وقت سابق طائرات "
                      "مسيرة من الشركة ذاتها.", published="2023-03-15"))
    deals = [e for e in a.events if e.type == "PROCUREMENT"]
    assert len(deals) == 1 and all("تسلم" not in m.sentence.text for m in deals[0].mentions)
    # the mention is there, as an earlier happening
    told = [m for m in extract(a.documents[0]) if "تسلم" in m.trigger.text]
    assert told and all(m.historical for m in told)
    # قد alone is not the pluperfect: "وقد وقع الطرفان" is news
    one = _one("وقد وقع المغرب وإسرائيل، أمس الاثنين، اتفاقية للتعاون العسكري.")
    assert any(e.type == "SIGN_AGREEMENT" and not e.historical for e in one.events)


def test_an_event_during_another_takes_its_date_and_actor():
    a = _one("زار وزير الدفاع الإسرائيلي بيني غانتس الرباط في نونبر 2021، ووقع خلالها مع الوزير المنتدب المكلف "
             "بإدارة الدفاع الوطني عبد اللطيف لوديي مذكرة تفاهم للتعاون الأمني.")
    sign = next(e for e in a.events if e.type == "SIGN_AGREEMENT")
    assert (sign.date.start.isoformat(), sign.date.end.isoformat()) == ("2021-11-01", "2021-11-30")
    assert {"person:gantz", "person:loudiyi"} <= {p.key for p in sign.participants}
    visit = next(e for e in a.events if e.type == "VISIT")  # verb, subject, then the place visited
    assert visit.location == "place:rabat" and "country:MA" in {p.key for p in visit.participants}
    # the place right after a visit's verb is where it went, and its country the host
    a = _one("وكان رئيس الكنيست الإسرائيلي أمير أوحانا قد زار الرباط في فبراير الماضي، حيث التقى رئيس الحكومة.")
    visit = next(e for e in a.events if e.type == "VISIT")
    assert visit.location == "place:rabat" and "country:MA" in {p.key for p in visit.participants}
    assert any(p.key.startswith("new:PERSON") or p.key.startswith("ent-") for p in visit.participants)  # أمير: a name


def test_a_march_to_denounce_is_a_protest_and_a_future_exercise_is_planned():
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("خرج آلاف المغاربة، أمس الأحد، في مسيرة وطنية بالعاصمة الرباط، تنديدا بالحرب ورفضا للتطبيع مع "
                      "إسرائيل.\n\nوفي سياق متصل، تنطلق في ماي المقبل مناورات الأسد الإفريقي بمشاركة القوات المسلحة "
                      "الملكية والجيش الأمريكي.\n\nوطالب المشاركون بإلغاء الاتفاقيات الموقعة مع إسرائيل.",
                      published="2024-03-11"))
    protest = next(e for e in a.events if e.type == "PROTEST")
    assert protest.date.start.isoformat() == "2024-03-10" and protest.location == "place:rabat"
    assert {p.key: p.role for p in protest.participants}["country:MA"] == "protester"  # آلاف المغاربة, two clauses back
    exercise = next(e for e in a.events if e.type == "EXERCISE")
    assert exercise.modality == "planned" and exercise.date.start.isoformat() == "2024-05-01"
    # "الاتفاقيات الموقعة": agreements signed some time before, not news of the day
    assert not any(e.type == "SIGN_AGREEMENT" and e.date.start and e.date.start.year == 2024 for e in a.events)
    # "مسيرة التعاون" is a path, not a march
    assert not any(e.type == "PROTEST" for e in _one("وتواصل مسيرة التعاون بين البلدين منذ سنوات.").events)


def test_a_reception_has_its_host_and_guest_and_the_date_after_the_verb():
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("استقبل وزير الشؤون الخارجية ناصر بوريطة، اليوم الخميس بالرباط، وزير الخارجية الإسرائيلي إيلي "
                      "كوهين، الذي يقوم بزيارة رسمية للمملكة.", published="2023-06-08"))
    meet = next(e for e in a.events if e.type == "MEET")
    roles = {p.key: p.role for p in meet.participants}
    assert roles.get("person:bourita") == "host" and roles.get("person:eli_cohen") == "guest"
    assert meet.date.start.isoformat() == meet.date.end.isoformat() == "2023-06-08"
    a = _one("استقبل الرئيس التونسي قيس سعيد وزير الخارجية الجزائري بقصر قرطاج يوم الخميس.")
    roles = {p.key: p.role for p in a.events[0].participants}
    assert roles["country:TN"] == "host" and [r for k, r in roles.items() if k not in ("country:TN", "country:DZ")
                                               and r == "host"]  # the president hosts, not only his country


def test_a_host_named_by_a_chain_of_titles_and_a_delegation_named_by_an_accusative_adjective():
    a = _one("استقبل المفتش العام للقوات المسلحة الملكية الفريق أول محمد بريظ، الأربعاء الماضي، وفدا عسكريا "
             "إسرائيليا برئاسة الجنرال يهودا فوكس.")
    meet = next(e for e in a.events if e.type == "MEET")
    roles = {p.key: p.role for p in meet.participants}
    assert roles["org:far"] == "host" and roles["org:idf"] == "guest"  # the army in his title hosts with him
    people = {p.span.text: p.role for p in meet.participants if p.span is not None and p.key.startswith(("ent-", "new:"))}
    assert people == {"محمد بريظ": "host", "يهودا فوكس": "guest"}
    linked = a.documents[0].annotations["linked"]
    assert {r.role for r in linked.roles if r.person.text == "محمد بريظ"} == {"inspector_general", "general"}


def test_the_crowd_is_who_protests_wherever_the_verb_stands():
    a = _one("تظاهر مئات الجزائريين أمس في العاصمة الجزائر احتجاجا على غلاء الأسعار.")
    protest = next(e for e in a.events if e.type == "PROTEST")
    assert {p.key: p.role for p in protest.participants}.get("country:DZ") == "protester"


def test_who_called_a_march_and_what_it_supports_are_not_its_targets():
    a = _one("خرج آلاف المغاربة، يوم الأحد، في مسيرة بشوارع العاصمة الرباط تنديدا بالتطبيع مع إسرائيل وتضامنا مع "
             "الشعب الفلسطيني، وذلك بدعوة من \"الجبهة المغربية لدعم فلسطين ومناهضة التطبيع\".")
    protest = next(e for e in a.events if e.type == "PROTEST")
    roles = {p.key: p.role for p in protest.participants}
    assert roles["country:MA"] == "protester" and roles["country:IL"] == "target"
    assert roles["country:PS"] == "supported" and "organizer" in roles.values()
    # a crowd's nationality is the word after the crowd, not any adjective near it; a country named as where
    # they marched is the place
    a = _one("تظاهر المئات أمام السفارة الأمريكية في الجزائر احتجاجا على الحرب.")
    roles = _roles(a, "PROTEST")
    assert roles.get("country:US") != "protester" and roles.get("country:DZ") == "place"


def test_a_speaker_named_with_his_country_in_his_title_is_the_speaker():
    a = _one("ورحب وزير الخارجية المغربي ناصر بوريطة بالقرار، واصفا إياه بأنه \"قرار تاريخي\".")
    roles = _roles(a, "STATEMENT")
    assert roles == {"person:bourita": "speaker", "country:MA": "speaker"}


def test_recognition_of_sovereignty_is_a_coded_statement_and_considering_is_not_doing():
    a = _one("اعترفت إسرائيل بسيادة المغرب على الصحراء الغربية، وفق ما أعلنه الديوان الملكي أمس الاثنين.")
    st = next(e for e in a.events if e.type == "STATEMENT")
    assert (st.cameo, st.plover) == ("054", "SUPPORT")
    roles = {p.key: p.role for p in st.participants}
    assert roles["country:IL"] == "speaker" and roles["country:MA"] == "target"
    a = _one("وأعلن نتنياهو قرار دولة إسرائيل الاعتراف بسيادة المغرب على الصحراء.")
    assert [e.cameo for e in a.events if e.type == "STATEMENT"] == ["054"]  # with the article on the trigger
    assert not _one("واعترف المدرب بأن الفريق لم يقدم أداء جيدا أمام المغرب.").events  # admitting is not recognizing
    # a country considering a consulate has not opened one
    assert not _one("وأكد نتنياهو أن إسرائيل تدرس فتح قنصلية لها بمدينة الداخلة في المغرب.").events


def test_a_sale_has_its_seller_before_the_verb_and_a_possible_deal_is_planned():
    a = _one("وافقت وزارة الخارجية الأمريكية، يوم الثلاثاء، على صفقة محتملة لبيع مصر 12 طائرة نقل عسكرية من طراز "
             "سي-130 جيه سوبر هيركوليز بقيمة 2.2 مليار دولار، وفق ما أعلنته وكالة التعاون الأمني الدفاعي التابعة "
             "للبنتاغون.")
    deal = next(e for e in a.events if e.type == "PROCUREMENT")
    roles = {p.key: p.role for p in deal.participants}
    # the aircraft's model name is not a party, nor who reports the deal; the time between commas hides no one
    assert roles == {"org:state_department": "supplier", "country:EG": "buyer"}
    assert deal.modality == "planned"


def test_a_time_told_with_began_dates_the_happening_named_after_the_comma():
    a = _one("انطلقت يوم الأربعاء 16 نوفمبر 2022 بالناحية العسكرية الثالثة ببشار، فعاليات التمرين التكتيكي المشترك "
             "\"درع الصحراء 2022\" بين وحدات من الجيش الوطني الشعبي والقوات المسلحة الروسية.")
    ex = next(e for e in a.events if e.type == "EXERCISE")
    assert ex.date.start.isoformat() == ex.date.end.isoformat() == "2022-11-16"
    # the quoted name after the exercise noun names it; the place inside the name is not a participant
    assert ex.attributes.get("event_name") == "new:EVENT_NAME:درع الصحراء 2022"
    assert {p.key for p in ex.participants} == {"org:anp", "country:RU"}
    # a time in an earlier clause with a verb of its own stays with that verb
    a = _one("أعلن الجيش يوم الأربعاء 16 نوفمبر 2022، أن التمرين المشترك مع روسيا سيجري في بشار.")
    assert not any(e.type == "EXERCISE" and e.date.start and e.date.start.day == 16 for e in a.events)


def test_a_visitor_received_by_pronoun_and_a_host_named_by_title_honorific_and_place():
    a = _one("وصل الرئيس الإسرائيلي إسحاق هرتسوغ، اليوم الأحد، إلى أبوظبي في أول زيارة رسمية لرئيس إسرائيلي إلى "
             "الإمارات، حيث استقبله ولي عهد أبوظبي الشيخ محمد بن زايد آل نهيان في قصر الشاطئ.")
    linked = a.documents[0].annotations["linked"]
    crown = next(r for r in linked.roles if r.role == "crown_prince")  # title, place, honorific, then the name
    assert crown.person.text == "محمد بن زايد آل نهيان" and crown.of == "AE"
    visit = next(e for e in a.events if e.type == "VISIT")
    meet = next(e for e in a.events if e.type == "MEET")  # استقبله: a reception whose guest the pronoun names
    for ev in (visit, meet):
        roles = {p.span.text if p.span is not None and p.key.startswith(("ent-", "new:")) else p.key: p.role
                 for p in ev.participants}
        assert roles["محمد بن زايد آل نهيان"] == "host" and roles["country:AE"] == "host"
        assert roles["person:herzog"] in ("visitor", "guest")


def test_signing_an_agreement_whose_content_is_relations_takes_the_time_after_both():
    a = _one("وقعت الإمارات وإسرائيل اتفاق تطبيع العلاقات في سبتمبر 2020 برعاية أمريكية.")
    sign = next(e for e in a.events if e.type == "SIGN_AGREEMENT")
    rel = next(e for e in a.events if e.type == "ESTABLISH_RELATIONS")
    assert sign.date == rel.date and (sign.date.start.isoformat(), sign.date.end.isoformat()) == ("2020-09-01",
                                                                                                   "2020-09-30")


def test_two_values_in_one_article_are_two_deals():
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("وافقت وزارة الخارجية الأمريكية، يوم الثلاثاء، على بيع مصر 12 طائرة نقل عسكرية بقيمة 2.2 مليار "
                      "دولار.\n\nكما وافقت الخارجية الأمريكية على بيع مصر أنظمة رادار للدفاع الجوي بقيمة 355 مليون "
                      "دولار.", published="2022-01-26"))
    deals = [e for e in a.events if e.type == "PROCUREMENT"]
    assert sorted(tuple(e.attributes["amounts"]) for e in deals) == [("2.2 مليار دولار",), ("355 مليون دولار",)]
    assert not a.contradictions


def test_two_reports_of_one_recognition_dated_loosely_are_one_event():
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("أعلن بلاغ للديوان الملكي، اليوم الاثنين، أن الملك تلقى رسالة يعلن فيها قرار دولة إسرائيل "
                      "الاعتراف بسيادة المغرب على الصحراء.", published="2023-07-17")
                + _docs("اعترفت إسرائيل بسيادة المغرب على الصحراء، وفق ما أعلنه الديوان الملكي أمس الاثنين.",
                        published="2023-07-18"))
    rec = [e for e in a.events if e.type == "STATEMENT" and e.cameo == "054"]
    assert len(rec) == 1 and len(rec[0].docs) == 2 and rec[0].date.start.isoformat() == "2023-07-17"
    # a month apart, two statements of the ordinary kind stay two
    a = analyze(_docs("ندد المغرب بالهجوم على السفارة.", published="2023-07-17")
                + _docs("", "ندد المغرب بشدة بالهجوم على السفارة.", published="2023-08-20")[1:])
    assert len([e for e in a.events if e.type == "STATEMENT"]) == 2


def test_denied_conditional_and_expected_happenings_stay_apart_from_what_happened():
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("وفي حال تم التوقيع على اتفاقيات جديدة، فإن ذلك سيعزز موقع المغرب في المنطقة.\n\n"
                      "غير أن مصادر مطلعة نفت أن يكون المغرب قد وقع أي اتفاق لشراء غواصات إسرائيلية.\n\n"
                      "ومن المنتظر أن يزور وزير الدفاع الإسرائيلي الرباط خلال الأشهر المقبلة.\n\n"
                      "يشار إلى أن المغرب وإسرائيل وقعا في نونبر 2021 مذكرة تفاهم خلال زيارة وزير الدفاع الإسرائيلي "
                      "بيني غانتس إلى الرباط.", published="2023-03-01"))
    sign = [e for e in a.events if e.type == "SIGN_AGREEMENT"]
    assert len(sign) == 1 and len(sign[0].mentions) == 1 and sign[0].historical  # only the one that took place
    visits = sorted((e for e in a.events if e.type == "VISIT"), key=lambda e: e.date.start)
    assert [e.modality for e in visits] == ["happened", "planned"]  # the expected visit is not the past one


def test_recalling_ones_ambassador_in_protest_is_a_downgrade_not_a_march():
    a = _one("استدعت الجزائر سفيرها لدى المغرب للتشاور، الأربعاء، احتجاجا على تصريحات مسؤول مغربي.")
    assert [e.type for e in a.events] == ["SEVER_RELATIONS"]
    assert {p.key for p in a.events[0].participants} == {"country:DZ", "country:MA"}
    # "احتجاجا" alone still tells a protest
    assert [e.type for e in _one("خرج المئات احتجاجا على غلاء الأسعار في العاصمة الجزائر.").events] == ["PROTEST"]


def test_a_guest_named_by_a_title_over_a_body_the_kb_does_not_know():
    a = _one("استقبل رئيس هيئة الأركان العامة للقوات المسلحة الإماراتية، الأسبوع الماضي، قائد القيادة المركزية "
             "الأمريكية الجنرال مايكل كوريلا.")
    roles = _roles(a, "MEET")
    assert roles["country:AE"] == "host" and roles["country:US"] == "guest"
    assert [r for k, r in roles.items() if k.startswith(("ent-", "new:PERSON"))] == ["guest"]


def test_fighters_and_submarines_are_what_a_deal_can_buy():
    a = _one("تسلمت القوات الجوية المصرية الدفعة الأولى من مقاتلات رافال الفرنسية في 2015/07/21.")
    deal = next(e for e in a.events if e.type == "PROCUREMENT")
    assert deal.date.start.isoformat() == "2015-07-21"
    assert {p.key: p.role for p in deal.participants}["country:FR"] == "supplier"
    assert any(e.type == "PROCUREMENT" for e in _one("وقع المغرب صفقة لشراء غواصات فرنسية بقيمة مليار يورو.").events)


def test_a_month_in_brackets_is_no_party_and_a_scheduled_visit_is_planned():
    from rasd.events.extract import extract
    from rasd.resolve.analyze import analyze

    a = analyze(_docs("وفي يوم الأربعاء 1 أبريل (نيسان) عقد وزير الخارجية السعودي جلسة مباحثات رسمية مع رئيس "
                      "السنغال.", published="2015-07-21"))
    meet = next(e for e in a.events if e.type == "MEET")
    assert all("نيسان" not in (p.span.text if p.span else "") for p in meet.participants)
    assert {"country:SA", "country:SN"} <= {p.key for p in meet.participants}
    a = _one("وجهت الولايات المتحدة تحذيرا إلى رعاياها بعدم السفر إلى كينيا، وذلك قبل زيارة مقررة للرئيس الأميركي.")
    assert [m.modality for m in extract(a.documents[0]) if m.type == "VISIT"] == ["planned"]


def test_talks_with_a_counterpart_across_an_apposition_and_a_name_that_looks_like_a_formula():
    a = _one("وفي سياق متصل، أجرى الجنرال دوكور دارمي محمد بريظ، المفتش العام للقوات المسلحة الملكية، مباحثات مع "
             "نظيره التركي يشار غولر بأنقرة يوم 13 مارس.")
    meet = next(e for e in a.events if e.type == "MEET")
    names = {p.span.text for p in meet.participants if p.span is not None}
    assert {"محمد بريظ", "يشار غولر"} <= names and "country:TR" in {p.key for p in meet.participants}
    assert not meet.historical  # يشار is his name here, not "يشار إلى أن"


def test_an_exercise_off_a_coast_is_located_there():
    a = _one("أجرت البحرية الإسبانية والبحرية الملكية المغربية تمرينا بحريا مشتركا قبالة سواحل طنجة.")
    assert next(e for e in a.events if e.type == "EXERCISE").location == "place:tangier"


def test_relations_cut_told_with_a_pronoun():
    a = _one("وكان المغرب وإسرائيل قد استأنفا علاقاتهما الدبلوماسية في ديسمبر 2020، بعد أن قطعتها الرباط عام 2000.")
    cut = next(e for e in a.events if e.type == "SEVER_RELATIONS")
    assert cut.date.start.year == 2000 and {"country:MA", "country:IL"} <= {p.key for p in cut.participants}


def test_the_dateline_place_is_no_party_and_a_co_signatory_after_with_is_found():
    a = _one("الرباط (رويترز) - وقع رئيس الحكومة المغربية سعد الدين العثماني، اليوم الثلاثاء، بالقصر الملكي في "
             "الرباط، إعلانا مشتركا مع جاريد كوشنر كبير مستشاري الرئيس الأمريكي ومئير بن شبات مستشار الأمن "
             "القومي الإسرائيلي.")
    sign = next(e for e in a.events if e.type == "SIGN_AGREEMENT")
    keys = {p.key for p in sign.participants}
    # the dateline's الرباط had made Morocco a second party and stopped the search before "مع"
    assert {"person:othmani", "person:kushner", "country:IL"} <= keys and sign.location == "place:rabat"
    assert not any(k.startswith("person:") and k not in ("person:othmani", "person:kushner") for k in keys)
    names = {p.span.text for p in sign.participants if p.span is not None}
    assert "مئير بن شبات" in names  # the conjunction glued to a rare first name is left out of the name


def test_a_delegation_is_not_an_army_and_liaison_offices_opened_and_contacts_resumed_are_relations():
    a = _one("ووصل الوفد الأمريكي الإسرائيلي إلى الرباط.")
    visit = next(e for e in a.events if e.type == "VISIT")
    assert {"country:US", "country:IL"} <= {p.key for p in visit.participants}
    a = _one("وكان المغرب وإسرائيل قد افتتحا مكتبي الاتصال سنة 1994.")
    rel = next(e for e in a.events if e.type == "ESTABLISH_RELATIONS")
    assert rel.historical and rel.date.start.year == 1994
    a = _one("وينص الإعلان على استئناف الاتصالات الرسمية بين المغرب وإسرائيل.")
    assert any(e.type == "ESTABLISH_RELATIONS" for e in a.events)


def test_a_visit_told_as_the_setting_of_an_act_is_the_actors_and_an_office_opened_is_relations():
    a = _one("افتتح وزير الخارجية الإسرائيلي يائير لابيد، أمس الأربعاء، مكتب الاتصال الإسرائيلي في الرباط، في أول "
             "زيارة رسمية لوزير خارجية إسرائيلي إلى المغرب منذ استئناف العلاقات بين البلدين.")
    visit = next(e for e in a.events if e.type == "VISIT")
    roles = {p.key: p.role for p in visit.participants}
    assert roles.get("person:lapid") == "visitor" and roles.get("country:MA") == "host"
    assert roles.get("country:IL") == "visitor"  # the other of "البلدين", with a host named, visits
    rel = next(e for e in a.events if e.type == "ESTABLISH_RELATIONS")
    assert {p.role for p in rel.participants} == {"party"}  # where relations are set up makes no host


def test_a_deal_is_not_joined_by_another_purchase_and_satellites_named_after_a_king_are_things():
    a = _one("وقع المغرب صفقة مع شركة الصناعات الجوية الإسرائيلية لاقتناء قمر صناعي للاستطلاع من طراز \"أفق 13\".\n\n"
             "وحسب المصدر ذاته، فإن الصفقة تم توقيعها الأسبوع الماضي، على أن يتم تسليم القمر الصناعي في غضون خمس "
             "سنوات، ليحل محل القمرين \"محمد السادس أ\" و\"محمد السادس ب\" اللذين اقتناهما المغرب من فرنسا سنتي "
             "2017 و2018.")
    keys = {p.key for e in a.events for p in e.participants}
    assert "person:mohammed_vi" not in keys  # a quoted name after a weapon noun, and the one joined to it by و
    deal = [e for e in a.events if e.type == "PROCUREMENT" and e.modality == "happened"]
    assert len(deal) == 1 and {p.key for p in deal[0].participants} == {"country:MA", "org:iai"}
    assert deal[0].date.start.isoformat() == "2024-03-04"  # "الأسبوع الماضي" before 2024-03-13
    for e in a.events:  # the delivery to come is not dated with the years the old satellites were bought
        assert not (e.modality == "planned" and e.date.end and e.date.end.year < 2024)


def test_a_protest_by_a_front_named_against_normalization_and_what_the_protesters_demand():
    a = _one("نظمت الجبهة المغربية لدعم فلسطين ومناهضة التطبيع، مساء الجمعة 8 مارس 2024، وقفات احتجاجية أمام ميناء "
             "طنجة المتوسط، رفضا لرسو سفينة تابعة للبحرية الإسرائيلية.\n\n"
             "وطالب المحتجون السلطات المغربية بمنع السفن الحاملة للأسلحة إلى إسرائيل من الرسو بالموانئ المغربية.")
    assert not any(e.type == "ESTABLISH_RELATIONS" for e in a.events)  # "التطبيع" there names the front
    protest = next(e for e in a.events if e.type == "PROTEST")
    assert protest.date.start.isoformat() == "2024-03-08" and protest.location == "place:tangier"
    roles = {p.key: p.role for p in protest.participants}
    assert roles.get("org:il_navy") == "target" and "organizer" in roles.values()
    said = next(e for e in a.events if e.type == "STATEMENT")
    assert "speaker" not in {p.role for p in said.participants}  # the protesters speak; the authorities are asked


def test_an_undated_meeting_takes_the_day_the_lead_tells_of_and_an_old_signing_stays_apart():
    a = _one("أكد وزير الخارجية المغربي ناصر بوريطة، الاثنين بالرباط، أن العلاقات مع إسرائيل تعرف دينامية إيجابية.\n\n"
             "وأوضح بوريطة، عقب مباحثاته مع وزير الخارجية الإسرائيلي إيلي كوهين، أن البلدين يعملان على تطوير "
             "شراكتهما. من جهته، أعلن كوهين أن إسرائيل ستفتح سفارة في الرباط قريبا.")
    meet = next(e for e in a.events if e.type == "MEET")
    assert meet.date.start.isoformat() == "2024-03-11"  # "الاثنين" of the lead, the Monday before 2024-03-13
    assert {"person:bourita", "person:eli_cohen"} <= {p.key for p in meet.participants}
    assert any(e.type == "ESTABLISH_RELATIONS" and e.modality == "planned" for e in a.events)
    a = _one("وأضافت المصادر أن الاتفاقية تم توقيعها الشهر الماضي بين المغرب وشركة بلوبيرد، في إطار التعاون المتزايد "
             "منذ اتفاقيات التطبيع الموقعة في ديسمبر 2020.")
    sign = [e for e in a.events if e.type == "SIGN_AGREEMENT" and not e.historical]
    assert len(sign) == 1 and sign[0].date.start.isoformat() == "2024-02-01"


def test_a_state_summoning_an_ambassador_to_protest_complains_officially():
    a = _one("استدعت وزارة الشؤون الخارجية الجزائرية، اليوم الخميس، سفير المملكة المغربية، للاحتجاج على تصريحات "
             "أدلى بها وزير الخارجية الإسرائيلي يائير لابيد من الرباط.")
    assert not any(e.type == "PROTEST" for e in a.events)  # no crowd, no march: not a demonstration
    said = next(e for e in a.events if e.type == "STATEMENT")
    assert (said.cameo, said.plover) == ("114", "ACCUSE")
    roles = {p.key: p.role for p in said.participants}
    assert roles.get("org:dz_foreign_ministry") == "speaker" and roles.get("country:MA") == "target"
    a = _one("نظم المئات وقفة أمام البرلمان للاحتجاج على زيارة الوزير الإسرائيلي.")
    assert any(e.type == "PROTEST" for e in a.events)  # with a crowd it stays a protest


def test_a_delegation_told_by_adjectives_visits_and_what_no_article_names_is_still_an_entity():
    a = _one("وصل وفد عسكري إسرائيلي إلى القاهرة أمس الاثنين في زيارة رسمية.")
    visit = next(e for e in a.events if e.type == "VISIT")
    roles = {p.key: p.role for p in visit.participants}
    assert roles == {"org:idf": "visitor", "country:EG": "host"}  # "إسرائيلي" after "وفد عسكري" is no given name
    ents = {e.id: e for e in a.entities}
    assert ents["org:idf"].mentions == [] and ents["country:EG"].name == "مصر"


def test_an_invitation_and_a_hope_are_not_happenings_and_who_speaks_of_a_visit_is_not_its_visitor():
    a = _one("وجه رئيس الوزراء الإسرائيلي بنيامين نتنياهو دعوة رسمية للعاهل المغربي الملك محمد السادس لزيارة إسرائيل، "
             "وفق ما أعلنه مكتبه أمس الاثنين، معربا عن أمله في أن تنعقد قمة النقب الثانية بالمغرب قريبا.")
    for e in a.events:
        if e.type == "VISIT":  # invited: still to come, not on the Monday the office announced it
            assert e.modality == "planned" and not (e.date.end and e.date.end.isoformat() < "2024-03-13")
            assert {p.key: p.role for p in e.participants}.get("country:IL") == "host"  # لزيارة إسرائيل
        assert not (e.type == "MEET" and e.modality == "happened")  # "أمله في أن تنعقد": hoped for
    a = _one("وأشار وزير الخارجية الجزائري رمطان لعمامرة إلى أن زيارة وزير الخارجية الإسرائيلي يائير لابيد إلى "
             "المغرب شكلت سابقة خطيرة.")
    roles = _roles(a, "VISIT")
    assert roles.get("person:lapid") == "visitor" and roles.get("country:MA") == "host"
    assert "person:lamamra" not in roles and not any(k.startswith("ent-") for k in roles)
    a = _one("وقع المغرب وإسرائيل مذكرة تفاهم خلال زيارة وزير الدفاع الإسرائيلي بيني غانتس إلى الرباط.")
    roles = _roles(a, "VISIT")
    assert roles.get("person:gantz") == "visitor" and roles.get("country:MA") == "host"  # the signatories before


def test_what_is_told_as_done_this_week_was_done_by_publication():
    a = _one("تسلم المغرب خلال الأسبوع الجاري الدفعة الأولى من الطائرات المسيرة من شركة إلبيت.")
    deal = next(e for e in a.events if e.type == "PROCUREMENT")
    assert (deal.date.start.isoformat(), deal.date.end.isoformat()) == ("2024-03-11", "2024-03-13")  # not to Sunday
    a = _one("تنطلق خلال الأسبوع الجاري مناورات مشتركة بين القوات المسلحة الملكية والجيش الأمريكي.")
    ex = next(e for e in a.events if e.type == "EXERCISE")
    assert ex.date.end.isoformat() == "2024-03-17"  # still to come: the whole week stays


def test_a_stated_duration_widens_a_visit_or_exercise_from_its_first_day():
    a = _one("حل رئيس أركان الجيش الإسرائيلي هرتسي هاليفي، أمس الثلاثاء، بالرباط في زيارة رسمية تستغرق ثلاثة أيام.")
    visit = next(e for e in a.events if e.type == "VISIT")
    assert (visit.date.start.isoformat(), visit.date.end.isoformat()) == ("2024-03-12", "2024-03-14")
    a = _one("انطلقت يوم الاثنين مناورات مشتركة بين القوات المسلحة الملكية والجيش الأمريكي لمدة أسبوعين.")
    ex = next(e for e in a.events if e.type == "EXERCISE")
    assert (ex.date.start.isoformat(), ex.date.end.isoformat()) == ("2024-03-11", "2024-03-24")
    a = _one("وقع المغرب وإسرائيل أمس اتفاقية تمتد خمس سنوات.")  # an agreement's term is not a signing's length
    sign = next(e for e in a.events if e.type == "SIGN_AGREEMENT")
    assert sign.date.start == sign.date.end


def test_who_receives_a_visitor_named_in_a_relative_clause_hosts_the_visit():
    a = _one("استقبل وزير الشؤون الخارجية ناصر بوريطة، اليوم الخميس بالرباط، وزير الخارجية الإسرائيلي إيلي كوهين، الذي "
             "يقوم بزيارة رسمية للمملكة.")
    roles = _roles(a, "VISIT")
    assert roles.get("person:bourita") == "host" and roles.get("person:eli_cohen") == "visitor"


def test_a_visitor_named_before_the_visit_and_whom_he_meets_during_it():
    a = _one("حل وزير الخارجية الإسرائيلي إيلي كوهين، اليوم الأربعاء، بالرباط في زيارة رسمية تستغرق يومين، يجري خلالها "
             "مباحثات مع نظيره المغربي ناصر بوريطة.")
    visit = next(e for e in a.events if e.type == "VISIT")
    roles = {p.key: p.role for p in visit.participants}
    assert roles.get("person:eli_cohen") == "visitor" and roles.get("person:bourita") == "host"
    assert (visit.date.start.isoformat(), visit.date.end.isoformat()) == ("2024-03-13", "2024-03-14")


def test_a_postponed_summit_did_not_happen_and_who_reports_a_deal_is_not_its_buyer():
    a = _one("أعلنت إسرائيل والمغرب، الجمعة، تأجيل قمة النقب الثانية التي كان من المقرر عقدها في الرباط.")
    assert not any(e.type == "MEET" and e.modality == "happened" for e in a.events)
    a = _one("قالت وزارة الدفاع الإسرائيلية إن المغرب سيتسلم منظومة باراك من شركة الصناعات الجوية الإسرائيلية خلال "
             "العام المقبل.")
    deal = next(e for e in a.events if e.type == "PROCUREMENT")
    assert deal.modality == "planned" and deal.date.start.isoformat() == "2025-01-01"
    assert {p.key: p.role for p in deal.participants} == {"country:MA": "buyer", "org:iai": "supplier"}
    a = _one("أعلن الجيش الإسرائيلي، الأربعاء، أن وحدة من لواء جولاني شاركت في مناورات الأسد الإفريقي بالمغرب.")
    assert "org:idf" in {p.key for p in next(e for e in a.events if e.type == "EXERCISE").participants}


def test_a_student_and_a_host_welcoming_his_guests_make_no_statement():
    assert not _one("وقال الصحافي إن طالب الصيدلة مصطفى عثمان كان أحد أعمدة التنظيم في الجامعات.").events
    assert not _one("وتحدث منظم الحفل في كلمة رحب فيها بالحضور من الإعلاميين والسفراء.").events
    said = [e for e in _one("طالب البرلمان الأوروبي المغرب بالإفراج عن الصحفيين.").events if e.type == "STATEMENT"]
    assert said  # the verb still demands


def test_a_name_a_count_and_a_party_official_are_not_visits():
    from rasd.resolve.analyze import analyze

    def mentions(text):
        return [m for d in analyze(_docs(text)).documents for m in d.annotations["events"]]

    assert not mentions("وأشاد الأمير فيصل بن سلمان بما شاهده في الحارة.")  # فيصل is no ف + يصل ("arrives")
    assert not mentions("إن عدد الموقوفين الذي يصل إلى 431 كان مفاجئا.")
    a = _one("ويرافق ساركوزي في زيارته وفد يضم الأمين العام المساعد لحزب الجمهوريين إيريك سيوتي.")
    visit = next(e for e in a.events if e.type == "VISIT")
    assert "host" not in {p.role for p in visit.participants}  # "لحزب" is whose official, not where he goes


def test_who_is_named_in_quoted_words_does_not_take_part_in_what_happens_outside_them():
    a = _one("والتقى نتنياهو، أمس، وزير الدفاع الأمريكي لويد أوستن، وقال في بداية الاجتماع: «لو اعتقد أحد أن التنازلات "
             "التي قدمت لإيران ستغير سياستها فقد جاءته إجابة حاسمة من خامنئي».")
    meet = next(e for e in a.events if e.type == "MEET")
    keys = {p.key for p in meet.participants}
    assert "person:netanyahu" in keys and "country:IR" not in keys and "person:khamenei" not in keys


def test_sources_disagreeing_on_a_deal_value_are_a_contradiction():
    from rasd.events.resolve import amount_value
    from rasd.resolve.analyze import analyze

    assert amount_value("1,5 مليار دولار") == amount_value("1500 مليون دولار") == "1500000000 دولار"
    assert amount_value("١٠٠ مليون دولار") == "100000000 دولار"
    # amounts written without digits: "مليار دولار" is one billion, the dual "بملياري دولار" two
    assert amount_value("مليار دولار") == "1000000000 دولار" and amount_value("بملياري دولار") == "2000000000 دولار"
    ev = next(e for e in _one("وقع المغرب صفقة مع شركة الصناعات الجوية الإسرائيلية لاقتناء قمر صناعي بقيمة تناهز "
                              "مليار دولار.").events
              if e.type == "PROCUREMENT")
    assert ev.attributes.get("amounts") == ["مليار دولار"]
    docs = _docs("وقع المغرب أمس الثلاثاء صفقة مع شركة الصناعات الجوية الإسرائيلية لاقتناء منظومة دفاع جوي بقيمة "
                 "500 مليون دولار.",
                 "أبرم المغرب أمس الثلاثاء صفقة مع شركة الصناعات الجوية الإسرائيلية لاقتناء منظومة دفاع جوي "
                 "بقيمة 600 مليون دولار.")
    a = analyze(docs)
    deals = [e for e in a.events if e.type == "PROCUREMENT"]
    assert len(deals) == 1 and len({m.doc for m in deals[0].mentions}) == 2
    c = next(c for c in a.contradictions if c["property"] == "amount")
    assert c["subject"] == deals[0].id and [v["value"] for v in c["values"]] == ["500000000 دولار", "600000000 دولار"]


def test_analysing_in_worker_processes_gives_what_one_process_gives(monkeypatch):
    from rasd.resolve import analyze as an

    texts = [f"استقبل وزير الدفاع المغربي أمس الثلاثاء وفدا عسكريا من {c} لبحث التعاون في مجال التدريب رقم {i}."
             for i, c in enumerate(["فرنسا", "إسبانيا", "مصر", "الأردن"] * 3)]
    monkeypatch.setattr(an, "PARALLEL_FROM", 5)
    monkeypatch.setenv("RASD_WORKERS", "2")
    two = an.analyze(_docs(*texts))
    monkeypatch.setenv("RASD_WORKERS", "1")
    one = an.analyze(_docs(*texts))
    names = {}
    assert [an.event_json(e, names) for e in two.events] == [an.event_json(e, names) for e in one.events]
    assert sum(len(e.mentions) for e in two.events) == len(texts)  # every report analysed, none lost
    # one host receiving delegations of four countries on one day: four receptions, not one
    guests = [{p.key for p in e.participants if p.role in ("guest", "visitor")} for e in two.events]
    assert len(two.events) == 4 and all(len(g & {"country:FR", "country:ES", "country:EG", "country:JO"}) == 1
                                        for g in guests)
