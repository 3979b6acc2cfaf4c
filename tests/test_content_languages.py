"""Content per language: each page reads the reader's language, falls back in the order
of events.languages.FALLBACKS, and marks a text shown in another language than the
page's with ``lang``; the admin shows and saves the three languages side by side; search
finds a record by its text in any language; query counts do not depend on the language.

Pages are asked for inside ``translation.override`` with addresses made there too
(``reverse`` or the record's own link), so that they follow the URL prefixes per
language as well."""

import datetime as dt
import re
import weakref

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import translator

from events.languages import CODES, column
from events.models import Conference
from events.search.text import normalize
from partnerships.models import Agreement
from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines
from tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    KeyFigureFactory,
    MediaItemFactory,
    OrganizerFactory,
    ParticipationFactory,
    PartyFactory,
    PositionFactory,
    SessionFactory,
    TopicFactory,
)
from tests.pages import page_text

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "Nanjing Promotion Conference",
    "zh-hans": "南京推介会",
    "zh-hant": "南京推介會",
}


def in_three(field: str, texts: dict) -> dict:
    return {column(field, code): text for code, text in texts.items()}


def page(client, code, address):
    """The page at ``address`` (a callable making it, or a view name) in language
    ``code``."""
    with translation.override(code):
        url = address() if callable(address) else reverse(address)
        return client.get(url)


def heading(response) -> str:
    [h1] = re.findall(r"<h1[^>]*>.*?</h1>", response.content.decode(), flags=re.S)
    return h1


def test_a_conference_page_is_read_in_the_readers_language(client):
    conference = ConferenceFactory(**in_three("title", TITLES))

    for code, title in TITLES.items():
        response = page(client, code, conference.get_absolute_url)
        h1 = heading(response)
        assert title in h1, code
        assert "lang=" not in h1, code  # the page's own language needs no mark
        others = [other for other_code, other in TITLES.items() if other_code != code]
        assert not any(other in page_text(response) for other in others), code


def test_a_missing_translation_falls_back_marked_with_its_language(client):
    only_simplified = ConferenceFactory(title_en="Forum", title_zh_hans="论坛", title_zh_hant="")
    only_english = ConferenceFactory(title_en="Summit", title_zh_hans="", title_zh_hant="")

    # Traditional falls back to simplified, then to English.
    h1 = heading(page(client, "zh-hant", only_simplified.get_absolute_url))
    assert re.search(r'<h1 lang="zh-Hans">\s*论坛', h1)
    h1 = heading(page(client, "zh-hant", only_english.get_absolute_url))
    assert re.search(r'<h1 lang="en">\s*Summit', h1)
    # Simplified falls back to English when neither script has it.
    h1 = heading(page(client, "zh-hans", only_english.get_absolute_url))
    assert re.search(r'<h1 lang="en">\s*Summit', h1)
    # English readers get English, unmarked.
    assert heading(page(client, "en", only_simplified.get_absolute_url)) == "<h1>Forum</h1>"


def test_related_names_fall_back_and_are_marked_on_the_detail_page(client):
    conference = ConferenceFactory(**in_three("title", TITLES))
    OrganizerFactory(
        conference=conference,
        organization__name_en="Nanjing Municipal People's Government",
        organization__name_zh_hans="南京市人民政府",
    )
    translated = TopicFactory(name_en="Green finance", name_zh_hans="绿色金融")
    untranslated = TopicFactory(name_en="Logistics")
    conference.topics.add(translated, untranslated)
    SessionFactory(conference=conference, title_en="Signing ceremony", title_zh_hans="签约仪式")
    KeyFigureFactory(conference=conference, label_en="projects", label_zh_hant="項目")

    body = page(client, "zh-hant", conference.get_absolute_url).content.decode()

    assert '"zh-Hans">南京市人民政府</a>' in body
    assert 'lang="zh-Hans">绿色金融</a>' in body
    assert 'lang="en">Logistics</a>' in body
    assert '<span class="agenda__title" lang="zh-Hans">签约仪式</span>' in body
    assert '<span class="figure-card__label">項目</span>' in body


def test_list_cards_read_the_readers_language_in_one_query(client):
    conference = ConferenceFactory(**in_three("title", TITLES), city_en="Hong Kong")
    OrganizerFactory(
        conference=conference,
        organization__name_en="China Merchants Group",
        organization__name_zh_hant="招商局集團",
    )
    MediaItemFactory(conference=conference, caption_en="Signing", caption_zh_hans="签约")

    text = page_text(page(client, "zh-hant", "events:list"))
    body = page(client, "zh-hant", "events:list").content.decode()

    assert TITLES["zh-hant"] in text and TITLES["en"] not in text
    assert "招商局集團" in text
    assert '<span lang="en">Hong Kong</span>' in body  # no Chinese city: English, marked
    assert '<span lang="zh-Hans">签约</span>' in body
    english = page_text(page(client, "en", "events:list"))
    assert TITLES["en"] in english and "China Merchants Group" in english


def test_people_and_agreement_lists_read_the_readers_language(client):
    post = PositionFactory(
        person__name_en="Chen Zhichang",
        person__name_zh_hans="陈之常",
        title_en="Mayor of Nanjing",
        title_zh_hans="南京市市长",
        organization__name_en="Nanjing Municipal People's Government",
        organization__name_zh_hans="南京市人民政府",
    )
    ParticipationFactory(person=post.person).positions.add(post)
    agreement = AgreementFactory(
        title_en="Strategic cooperation agreement", title_zh_hant="戰略合作協議"
    )
    PartyFactory(agreement=agreement, organization=post.organization)

    people = page_text(page(client, "zh-hans", "people:list"))
    agreements = page(client, "zh-hant", "partnerships:list")

    assert "陈之常" in people and "南京市市长, 南京市人民政府" in people
    assert "戰略合作協議" in page_text(agreements)
    assert '<span lang="zh-Hans">南京市人民政府</span>' in agreements.content.decode()


def test_the_lang_filter_knows_each_texts_language():
    from events.templatetags.events import in_lang, lang_attr

    conference = Conference(title_en="Forum", title_zh_hans="论坛")
    with translation.override("zh-hant"):
        assert lang_attr(conference.title) == ' lang="zh-Hans"'
        assert in_lang(conference.title) == '<span lang="zh-Hans">论坛</span>'
    with translation.override("zh-hans"):
        assert lang_attr(conference.title) == ""
        assert in_lang(conference.title) == "论坛"
    with translation.override("en"):
        assert conference.title == "Forum" and lang_attr(conference.title) == ""


@pytest.mark.parametrize("code", CODES)
def test_the_admin_shows_the_three_languages_side_by_side_and_saves_them(admin_client, code):
    with translation.override(code):
        add = reverse("admin:events_conference_add")
        form = admin_client.get(add).content.decode()
        data = conference_form(
            title="Nanjing Promotion Conference",
            title_zh_hans="南京推介会",
            title_zh_hant="南京推介會",
            theme_zh_hant="相聚香港",
            **empty_inlines(*CONFERENCE_INLINES),
        )
        response = admin_client.post(add, data)

    # One line of the form holds the title in the three languages, each labelled.
    row = re.search(r'<div class="form-row[^"]*field-title_en[^>]*>.*?</fieldset>', form, re.S)
    assert row, "the title's languages are not on one line"
    line = row.group(0).split('<div class="form-row', 2)[1]
    for label in ("Title [English]", "Title [简体中文]", "Title [繁體中文]"):
        assert label in line
    for name in ("title_en", "title_zh_hans", "title_zh_hant"):
        assert f'name="{name}"' in line
    assert response.status_code == 302
    conference = Conference.objects.get()
    assert (conference.title_en, conference.title_zh_hans, conference.title_zh_hant) == (
        "Nanjing Promotion Conference",
        "南京推介会",
        "南京推介會",
    )
    assert conference.theme_zh_hant == "相聚香港" and not conference.theme_zh_hans
    assert conference.slug == "nanjing-promotion-conference"  # from the English, always


def test_the_admin_requires_the_english_only(admin_client):
    data = conference_form(
        title="", title_zh_hans="南京推介会", **empty_inlines(*CONFERENCE_INLINES)
    )

    response = admin_client.post(reverse("admin:events_conference_add"), data)

    assert response.status_code == 200
    assert "title_en" in response.context["adminform"].form.errors
    assert not Conference.objects.exists()


def test_the_admin_inlines_show_each_language_in_a_column(admin_client):
    conference = ConferenceFactory()
    SessionFactory(conference=conference, title_en="Signing", title_zh_hans="签约")

    body = admin_client.get(
        reverse("admin:events_conference_change", args=[conference.pk])
    ).content.decode()

    for header in ("Title [English]", "Title [简体中文]", "Title [繁體中文]"):
        assert header in body
    assert 'name="sessions-0-title_zh_hans"' in body and 'value="签约"' in body
    for name in ("media-__prefix__-caption_zh_hant", "key_figures-__prefix__-label_zh_hans"):
        assert f'name="{name}"' in body


def test_the_admin_search_looks_in_every_language(admin_client):
    ConferenceFactory(title_en="Forum", title_zh_hant="南京推介會")

    response = admin_client.get(reverse("admin:events_conference_changelist"), {"q": "推介會"})

    assert response.context["cl"].result_count == 1


def test_search_finds_a_record_by_its_text_in_any_language(client):
    conference = ConferenceFactory(**in_three("title", TITLES), publication_status="published")

    for code in CODES:
        for term in ("南京推介会", "南京推介會", "Promotion"):
            with translation.override(code):
                address = conference.get_absolute_url()
                response = client.get(reverse("events:list"), {"q": term})
            assert address in response.content.decode(), (code, term)


def test_search_text_holds_posts_and_topics_in_every_language():
    post = PositionFactory(title_en="Mayor of Nanjing", title_zh_hans="南京市市长")
    conference = ConferenceFactory()
    conference.topics.add(TopicFactory(name_en="Green finance", name_zh_hant="綠色金融"))
    ParticipationFactory(conference=conference, person=post.person)

    post.person.refresh_from_db()
    conference.refresh_from_db()
    assert "南京市市长" in post.person.search_text
    # Held folded to one script (events/search/text.py): 綠色金融 as 绿色金融.
    assert normalize("綠色金融") in conference.search_text
    assert "南京市市长" in conference.search_text


def test_a_drafts_translations_never_show(client):
    draft = ConferenceFactory(
        publication_status="draft", title_en="Secret forum", title_zh_hans="秘密论坛"
    )
    ConferenceFactory(publication_status="published")

    for code in CODES:
        listed = page(client, code, "events:list").content.decode()
        searched = page(client, code, lambda: reverse("events:list") + "?q=秘密论坛")
        detail = page(client, code, draft.get_absolute_url)
        assert "秘密论坛" not in listed and "Secret forum" not in listed, code
        assert "秘密论坛" not in searched.content.decode().split("</form>", 1)[-1], code
        assert detail.status_code == 404, code


def test_demo_content_is_in_three_languages(demo, client):
    from partnerships.management.commands import load_demo

    checked = 0
    for model in translator.get_registered_models():
        options = translator.get_options_for_model(model)
        for row in model._base_manager.all():
            for field in options.get_field_names():
                if getattr(row, column(field, "en")):
                    for code in ("zh-hans", "zh-hant"):
                        assert getattr(row, column(field, code)), (model, row.pk, field, code)
                    checked += 1
    assert checked > 50
    conference = Conference.objects.get()
    assert conference.title_en == load_demo.TITLE["en"]  # the seed's English as published
    assert conference.title_zh_hans == "南京服务业高质量发展暨扩大开放推介会（港澳）"
    assert conference.title_zh_hant == "南京服務業高質量發展暨擴大開放推介會（港澳）"
    for code, name in (("zh-hans", "韩立明"), ("zh-hant", "韓立明"), ("en", "Han Liming")):
        text = page_text(page(client, code, conference.get_absolute_url))
        assert name in text, code
    assert Agreement.objects.filter(title_zh_hant__contains="招商局集團").exists()


def test_loading_the_demo_again_fills_the_chinese_of_english_only_rows(demo):
    from django.core.management import call_command

    Conference.objects.update(theme_zh_hans=None, theme_zh_hant="Edited by staff")
    call_command("load_demo", stdout=__import__("io").StringIO())

    conference = Conference.objects.get()
    assert conference.theme_zh_hans == "相聚香港 共创未来"
    assert conference.theme_zh_hant == "Edited by staff"


def full_conference():
    conference = ConferenceFactory(**in_three("title", TITLES))
    conference.topics.add(TopicFactory(name_zh_hans="绿色金融"), TopicFactory())
    for _ in range(3):
        post = PositionFactory(title_zh_hant="市長", organization__name_zh_hans="南京")
        OrganizerFactory(conference=conference, organization=post.organization)
        ParticipationFactory(conference=conference, person=post.person).positions.add(post)
        MediaItemFactory(conference=conference, caption_zh_hans="签约")
        KeyFigureFactory(conference=conference)
        agreement = AgreementFactory(conference=conference, title_zh_hant="協議")
        PartyFactory(agreement=agreement, organization=post.organization)
    return conference, post, agreement


def test_a_language_adds_no_query(client):
    conference, post, agreement = full_conference()
    addresses = [
        "home",
        "events:list",
        "people:list",
        "organizations:list",
        "partnerships:list",
        conference.get_absolute_url,
        post.person.get_absolute_url,
        post.organization.get_absolute_url,
        agreement.get_absolute_url,
    ]

    def queries(code, address) -> int:
        page(client, code, address)  # per-process caches warmed
        with CaptureQueriesContext(connection) as captured:
            response = page(client, code, address)
        assert response.status_code == 200, address
        return len(captured)

    for address in addresses:
        counts = {code: queries(code, address) for code in CODES}
        assert len(set(counts.values())) == 1, (address, counts)


def test_the_city_filter_keeps_one_address_and_names_the_city_in_each_language(client):
    hong_kong = ConferenceFactory(city_en="Hong Kong", city_zh_hans="香港", city_zh_hant="香港")
    macao = ConferenceFactory(city_en="Macao", city_zh_hans="澳门", city_zh_hant="")

    for code, macao_name in (("en", "Macao"), ("zh-hans", "澳门"), ("zh-hant", "澳门")):
        listed = page(client, code, lambda: reverse("events:list") + "?city=hong-kong")
        body = listed.content.decode()
        with translation.override(code):
            shown, hidden = hong_kong.get_absolute_url(), macao.get_absolute_url()
        assert shown in body and hidden not in body
        assert re.search(rf'<option value="macao"[^>]*>{macao_name}</option>', body), code


def test_the_admin_still_checks_the_rules_on_translated_fields(admin_client):
    TopicFactory(name_en="Green finance")

    response = admin_client.post(
        reverse("admin:events_topic_add"), {"name_en": "GREEN FINANCE", "slug": ""}
    )

    assert response.status_code == 200  # refused by the form, not by the database
    assert "A topic with this name already exists." in response.content.decode()


def test_a_conference_started_from_another_keeps_each_languages_text():
    from events import services

    original = ConferenceFactory(**in_three("title", TITLES), city_en="Macao", city_zh_hant="澳門")
    SessionFactory(conference=original, title_en="Opening", title_zh_hans="开幕")

    with translation.override("zh-hans"):  # an editor working in simplified Chinese
        copy = services.copy_conference(original)

    assert (copy.title_en, copy.title_zh_hans, copy.title_zh_hant) == (
        "Nanjing Promotion Conference (copy)",
        "南京推介会 (copy)",
        "南京推介會 (copy)",
    )
    assert (copy.city_en, copy.city_zh_hans, copy.city_zh_hant) == ("Macao", None, "澳門")
    session = copy.sessions.get()
    assert (session.title_en, session.title_zh_hans) == ("Opening", "开幕")


def test_the_honorific_goes_with_the_english_name_only(client):
    post = PositionFactory(
        person__honorific="Dr.", person__name_en="Patrick Lau", person__name_zh_hant="劉會平"
    )
    ParticipationFactory(person=post.person)

    english = heading(page(client, "en", post.person.get_absolute_url))
    traditional = heading(page(client, "zh-hant", post.person.get_absolute_url))
    simplified = heading(page(client, "zh-hans", post.person.get_absolute_url))

    assert "Dr. Patrick Lau" in english
    assert "劉會平" in traditional and "Dr." not in traditional
    assert re.search(r'<h1 lang="zh-Hant">\s*劉會平', simplified)  # the other script


@pytest.mark.django_db
def test_records_made_or_read_keep_each_languages_text_and_take_changes_in_the_active_one():
    """Instances are made without modeltranslation's post_init receiver
    (events.translation.unmarked_when_made): what the constructor is given stays in its
    own columns, and a text set afterwards goes to the active language's column."""
    from django.db.models.signals import post_init
    from modeltranslation.translator import delete_mt_init

    made = Conference(title="Forum", title_zh_hans="论坛", start_date=dt.date(2023, 2, 8))
    assert (made.title_en, made.title_zh_hans, made.title_zh_hant) == ("Forum", "论坛", None)
    with translation.override("zh-hant"):
        made.title = "論壇"
    assert (made.title_en, made.title_zh_hans, made.title_zh_hant) == ("Forum", "论坛", "論壇")

    made.save()
    read = Conference.objects.get(pk=made.pk)
    assert (read.title_en, read.title_zh_hans, read.title_zh_hant) == ("Forum", "论坛", "論壇")
    assert "_mt_init" not in vars(read) and "_mt_init" not in vars(made)
    with translation.override("zh-hans"):
        read.title = "新论坛"
        assert read.title == "新论坛"
    assert read.title_en == "Forum"
    connected = [
        receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
        for _key, receiver, _is_async in post_init.receivers
    ]
    assert delete_mt_init not in connected
