"""The review of a reading: accept, edit or reject each fact, names matched to the
directory, one draft saved with its history. Readings are made by hand here
(tests/partnerships/intake_forms.py); the pages, with the reader, are in
test_intake_pages.py."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from events.models import Conference, Organization, Person, Position
from partnerships.intake.facts import Reading
from partnerships.intake.review import NEW, Refused, Review, save_draft
from partnerships.models import Agreement
from tests.factories import OrganizationAliasFactory, OrganizationFactory, PersonFactory
from tests.images import image_bytes
from tests.partnerships.intake_forms import SEED_TEXT, fact, form_of, posted, seed_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = User.objects.create_user("editor-intake", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def bound(reading, files=None, **changes):
    return Review.of(reading, posted(Review.of(reading), **changes), files)


def saved(reading, user, files=None, **changes):
    review = bound(reading, files, **changes)
    assert review.is_valid(), [form.errors for form in [*review.facts, *review.photos]]
    return save_draft(review, user=user)


def key(reading, kind, field, nth=0, **value):
    return form_of(Review.of(reading), kind, nth, **value)[field].html_name


def test_accepting_every_fact_saves_a_draft_with_all_of_them(editor):
    outcome = saved(seed_reading(), editor)

    conference = Conference.objects.get()
    assert conference == outcome.conference
    assert conference.publication_status == "draft"
    assert conference.title.startswith("Nanjing Promotion Conference on High Quality")
    assert conference.theme == "Gathering in Hong Kong for a Better Future"
    assert str(conference.start_date) == "2023-02-08"
    assert conference.city == "Hong Kong"
    assert conference.time_zone == "Asia/Hong_Kong"
    assert (conference.source_publisher, conference.source_dateline) == ("PRNewswire", "HONG KONG")
    assert str(conference.source_date) == "2023-02-09"
    assert [str(o.organization) for o in conference.organizers.all()] == [
        "Nanjing Municipal People's Government"
    ]
    assert [(s.title, s.kind) for s in conference.sessions.all()] == [
        ("Video address", "video_address")
    ]
    han = conference.participations.get(person__name="Han Liming")
    assert han.remote is True and han.session.title == "Video address"
    assert han.remarks == "Nanjing has a long and deep relationship with Hong Kong."
    assert [str(post) for post in han.positions.all()] == [
        "Secretary, Nanjing Municipal Party Committee"
    ]
    assert conference.participations.count() == 3
    figures = [(f.value, f.qualifier, f.currency, f.label) for f in conference.key_figures.all()]
    assert figures == [
        (Decimal("5720.00"), "more_than", "", "Hong Kong-funded projects"),
        (Decimal("38800000000.00"), "", "USD", "actual funds received"),
    ]
    agreement = Agreement.objects.get()
    assert agreement.publication_status == "draft"
    assert agreement.conference == conference
    assert agreement.kind == "strategic_cooperation"
    assert agreement.signed_on == conference.start_date
    # The release names the government twice, one way each: the reviewer may point the
    # party at the organizer in its menu; as read, they are two.
    assert sorted(agreement.party_names) == [
        "China Merchants Group",
        "Nanjing Municipal Government",
    ]


def test_history_names_the_user_and_says_where_the_draft_came_from(editor):
    outcome = saved(seed_reading(), editor)

    version = Version.objects.get_for_object(outcome.conference).get()
    assert version.revision.user == editor
    assert version.revision.comment == "Created from a press release."
    held = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"conference", "person", "organization", "agreement", "participation"} <= held


def test_a_rejected_fact_is_not_saved_and_an_edited_one_is_saved_as_edited(editor):
    reading = seed_reading()

    saved(
        reading,
        editor,
        **{
            key(reading, "theme", "accept"): None,
            key(reading, "title", "text"): "Nanjing Promotion Conference 2023",
            key(reading, "key_figure", "accept", 1): None,
            key(reading, "key_figure", "value"): "5800",
        },
    )

    conference = Conference.objects.get()
    assert conference.title == "Nanjing Promotion Conference 2023"
    assert conference.theme == ""
    assert [f.value for f in conference.key_figures.all()] == [Decimal("5800.00")]


def test_rejecting_a_person_leaves_out_what_they_did_and_says_so(editor):
    reading = seed_reading()

    outcome = saved(reading, editor, **{key(reading, "person", "accept", name="Patrick Lau"): None})

    assert not Person.objects.filter(name="Patrick Lau").exists()
    assert Conference.objects.get().participations.count() == 2
    assert any("its person was rejected" in note for note in outcome.left_out)


def test_an_accepted_fact_left_blank_is_an_error_on_that_fact_and_nothing_is_saved():
    reading = seed_reading()
    review = bound(reading, **{key(reading, "key_figure", "label"): ""})

    assert not review.is_valid()
    figure = form_of(review, "key_figure")
    assert figure.errors["label"] == ["Give a value, or reject this fact."]
    assert review.error_count == 1


def test_a_posted_choice_outside_the_release_is_refused():
    reading = seed_reading()
    review = bound(
        reading,
        **{
            key(reading, "participation", "person"): "Somebody Else",
            key(reading, "person", "match", name="Han Liming"): "999999",
        },
    )

    assert not review.is_valid()
    assert "Select a valid choice" in str(form_of(review, "participation").errors["person"])
    assert "match" in form_of(review, "person", name="Han Liming").errors


def test_a_record_its_model_refuses_stops_the_whole_save(editor):
    reading = seed_reading()
    # A currency and a unit both: the model's constraint (the form does not know it).
    review = bound(reading, **{key(reading, "key_figure", "unit", 1): "dollars"})
    assert review.is_valid()

    with pytest.raises(Refused, match="Give a currency or a unit, not both"):
        save_draft(review, user=editor)

    assert not Conference.objects.exists()
    assert not Person.objects.exists() and not Agreement.objects.exists()


def test_a_title_or_date_rejected_is_refused_with_a_reason(editor):
    reading = seed_reading()
    review = bound(reading, **{key(reading, "start_date", "accept"): None})
    assert review.is_valid()

    with pytest.raises(Refused, match="needs a start date"):
        save_draft(review, user=editor)
    assert not Conference.objects.exists()


# Matching names to the directory.


def match_field(review, kind, name):
    return form_of(review, kind, name=name)["match"]


def test_a_person_already_in_the_directory_is_used_not_created_again(editor):
    # Not shown on the public site yet, so the post read is added to them (a person
    # the public site shows is not given one: test_intake_limits.py).
    chen = PersonFactory(name="Chen Zhichang", name_alt="陈之常")
    reading = seed_reading()
    review = Review.of(reading)

    assert match_field(review, "person", "Chen Zhichang").value() == str(chen.pk)
    outcome = saved(reading, editor)

    assert Person.objects.filter(name="Chen Zhichang").count() == 1
    assert outcome.conference.participations.filter(person=chen).exists()
    assert Position.objects.get(person=chen).title == "Mayor"
    assert "Chen Zhichang" in outcome.matched


def test_an_organization_is_matched_by_an_other_name_and_by_its_short_name(editor):
    government = OrganizationFactory(name="Nanjing Municipal People's Government")
    OrganizationAliasFactory(organization=government, name="Nanjing Municipal Government")
    hktdc = OrganizationFactory(name="Hong Kong Trade Development Council", short_name="HKTDC")
    reading = seed_reading()
    review = Review.of(reading)

    assert match_field(review, "organization", "Nanjing Municipal Government").value() == str(
        government.pk
    )
    assert "one of its other names" in str(
        match_field(review, "organization", "Nanjing Municipal Government")
    )
    assert match_field(review, "organization", "HKTDC").value() == str(hktdc.pk)
    assert "its short name" in str(match_field(review, "organization", "HKTDC"))

    outcome = saved(reading, editor)

    assert Organization.objects.count() == 4  # the two above, the party committee, CMG
    assert sorted(outcome.conference.agreements.get().party_names) == [
        "China Merchants Group",
        "Nanjing Municipal People's Government",
    ]
    assert Position.objects.get(title="Deputy Executive Director").organization == hktdc


def test_a_name_in_the_other_chinese_script_matches():
    han = PersonFactory(name="Han Liming", name_alt="韩立明")
    text = "韓立明出席並發表視頻致辭。"
    reading = Reading(text, "zh-hant", [fact(text, "person", "韓立明", 0.9, name="韓立明")])

    field = match_field(Review.of(reading), "person", "韓立明")

    assert field.value() == str(han.pk)
    assert "same name in the other script" in str(field) or "another script" in str(field)


def test_a_near_name_is_offered_but_not_chosen_for_the_reviewer(editor):
    patrick = PersonFactory(name="Patrick Lau")
    text = "Patrik Lau, Deputy Executive Director of HKTDC, said so."
    reading = Reading(
        text,
        "en",
        [
            fact(text, "title", "said so", name="", text="A forum"),
            fact(text, "start_date", "said so", date="2023-02-08"),
            fact(text, "person", "Patrik Lau", 0.9, name="Patrik Lau"),
        ],
    )
    review = Review.of(reading)

    field = match_field(review, "person", "Patrik Lau")
    assert field.value() == NEW
    assert "a similar name" in str(field)
    assert str(patrick.pk) in [str(value) for value, _ in field.field.choices]

    saved(reading, editor, **{field.html_name: str(patrick.pk)})

    assert Person.objects.count() == 1
    assert Conference.objects.get().participations.count() == 0


def test_creating_a_new_record_beside_a_namesake_is_the_reviewers_choice(editor):
    PersonFactory(name="Patrick Lau")
    reading = seed_reading()

    saved(reading, editor, **{key(reading, "person", "match", name="Patrick Lau"): NEW})

    assert Person.objects.filter(name="Patrick Lau").count() == 2


# Photos.


def test_a_photo_is_saved_with_the_caption_the_release_gives_it(editor, media_root):
    reading = seed_reading()
    photo = SimpleUploadedFile("signing.jpg", image_bytes(), content_type="image/jpeg")

    outcome = saved(
        reading,
        editor,
        files={"photo-0-image": photo},
        **{"photo-0-alt_text": "People signing at a long table"},
    )

    item = outcome.conference.media.get()
    assert item.caption == "The signing ceremony of major industrial cooperation projects"
    assert item.alt_text == "People signing at a long table"
    assert list(Agreement.objects.get().photos.all()) == [item]


def test_a_file_that_is_not_an_image_is_an_error_on_its_photo():
    reading = seed_reading()
    bad = SimpleUploadedFile("signing.jpg", b"<script>alert(1)</script>", "image/jpeg")

    review = bound(reading, files={"photo-0-image": bad}, **{"photo-0-alt_text": "x"})

    assert not review.is_valid()
    assert review.photos[0].errors["image"]


def test_a_caption_without_a_photo_is_left_out_and_said(editor):
    outcome = saved(seed_reading(), editor)

    assert not outcome.conference.media.exists()
    assert any("no photo was given" in note for note in outcome.left_out)


def test_the_sentence_of_each_fact_is_shown_with_its_phrase_marked():
    review = Review.of(seed_reading())

    form = form_of(review, "position", person="Chen Zhichang")
    assert str(form.source) == (
        "Chen Zhichang, <mark>Mayor of Nanjing</mark>, introduced Nanjing&#x27;s "
        "high-quality development investment environment."
    )
    assert form.confidence == 85
    assert SEED_TEXT  # the release the facts point into


CORPUS = sorted((Path(__file__).parents[1] / "intake_corpus").glob("*.txt"))


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_every_release_of_the_corpus_accepted_as_read_saves_a_draft(path, editor):
    """Whatever the reader proposes, accepted as it is, the models take: no release of
    the corpus (English, simplified and traditional Chinese, HTML) is refused."""
    from partnerships.intake.read import read_release

    reading = read_release(path.read_text(encoding="utf-8"))

    outcome = saved(reading, editor)

    conference = Conference.objects.get()
    assert conference == outcome.conference and conference.publication_status == "draft"
    assert conference.title
    assert Agreement.objects.filter(publication_status="draft").count() == len(
        reading.of("agreement")
    )


def test_a_release_in_chinese_finds_the_people_and_organizations_of_the_english_one(editor, demo):
    from partnerships.intake.read import read_release

    path = (
        Path(__file__).parents[1] / "intake_corpus" / "16-nanjing-promotion-hong-kong-zh-hans.txt"
    )
    reading = read_release(path.read_text(encoding="utf-8"))
    review = Review.of(reading)
    fields = {
        form.fact.value["name"]: form["match"]
        for form in review.facts
        if form.fact.kind in ("person", "organization")
    }
    unmatched = sorted(name for name, field in fields.items() if field.value() == NEW)
    # Short forms are offered, for the reviewer to choose: 江苏省委 for 中共江苏省委.
    offered = {name: fields[name].field.choices[0] for name in unmatched}
    people, organizations = Person.objects.count(), Organization.objects.count()

    outcome = saved(reading, editor, **{fields[n].html_name: offered[n][0] for n in unmatched})

    assert unmatched == ["南京市委", "江苏省委", "香港贸发局"]
    assert [offered[name][1].split(" (id")[0] for name in unmatched] == [
        "Use the existing record: Nanjing Municipal Party Committee",
        "Use the existing record: Jiangsu Provincial Party Committee",
        "Use the existing record: Hong Kong Trade Development Council (HKTDC)",
    ]
    assert (Person.objects.count(), Organization.objects.count()) == (people, organizations)
    # Written in the release's language; English is required, so it holds the same text
    # until someone translates it.
    draft = outcome.conference
    assert draft.title_zh_hans == draft.title_en != ""
    assert reading.language == "zh-hans"


def test_a_person_the_release_introduces_twice_is_one_box_and_one_record(editor):
    text = "Han Liming spoke. Later, Han Liming signed. The forum opened on 8 Feb 2023."
    han = {"name": "Han Liming"}
    reading = Reading(
        text,
        "en",
        [
            fact(text, "title", "The forum", text="The forum"),
            fact(text, "start_date", "8 Feb 2023", date="2023-02-08"),
            fact(text, "person", "Han Liming spoke", **han),
            fact(text, "person", "Han Liming signed", **han),
            fact(text, "participation", "Han Liming spoke", person="Han Liming",
                 role="speaker", remote=False, session=""),
        ],
    )  # fmt: skip

    review = Review.of(reading)
    saved(reading, editor)

    assert [form.fact.kind for form in review.facts].count("person") == 1
    assert Person.objects.filter(name="Han Liming").count() == 1
