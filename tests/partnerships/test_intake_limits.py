"""The press release intake's limits: what a long release, or a hostile post, gets (a
clear message on the page, never a bare error page, and nothing lost silently)."""

import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from events.models import Conference, Organization, Person
from partnerships.intake.matching import matches
from partnerships.intake.read import read_release
from partnerships.intake.review import MAX_FACTS, Review, review_facts, save_draft
from tests.factories import OrganizationFactory, ParticipationFactory, PersonFactory
from tests.pages import page_text as text_of
from tests.partnerships.intake_forms import SEED_TEXT, form_of, posted, seed_reading

pytestmark = pytest.mark.django_db
URL = "admin:partnerships_press_release"
CORPUS = Path(__file__).parents[1] / "intake_corpus"


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor-limits", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    client.force_login(user)
    return client


def release_of(paragraphs: int) -> str:
    return "\n\n".join(
        [SEED_TEXT]
        + [
            f"Person{i} Surname{i}, Mayor of City{i}, delivered a speech. "
            f"Org{i} Group signed a strategic cooperation agreement with Firm{i} Holdings."
            for i in range(paragraphs)
        ]
    )


def test_a_long_release_can_be_saved(editor):
    texts = sorted(CORPUS.glob("*.txt"))
    bodies = [p.read_text().split("\n", 1)[1] for p in texts[1:16] if "html" not in p.name]
    release = SEED_TEXT + "\n\n" + "\n\n".join(bodies[:10])
    reading = read_release(release)
    data = posted(Review.of(reading), release=release)
    assert len(data) > 1000  # what a browser sends for this review

    response = editor.post(reverse(URL), data)

    assert response.status_code == 302
    assert Conference.objects.count() == 1


def test_a_release_with_more_facts_than_a_review_holds_is_refused_at_the_paste(editor):
    release = release_of(120)
    assert len(review_facts(read_release(release))) > MAX_FACTS

    response = editor.post(reverse(URL), {"release": release, "step": "read"})

    assert response.status_code == 200
    assert f"more than {MAX_FACTS} facts" in text_of(response)
    assert "paste it in parts" in text_of(response)
    assert not Conference.objects.exists()


def test_a_post_of_more_fields_than_the_site_reads_is_the_paste_page_with_a_message(editor):
    data = {f"field-{i}": "x" for i in range(5_001)}

    response = editor.post(reverse(URL), {"release": SEED_TEXT, "step": "save", **data})

    assert response.status_code == 400
    assert "more than the 5000 fields the site reads in one form" in text_of(response)
    assert "nothing was saved" in text_of(response)
    assert not Conference.objects.exists()


# Pastes well inside the reader's limit (MAX_TEXT, 100,000 characters) that took
# minutes: every letter of a long run tried as the start of a name, every sentence
# scanned for each paragraph.


def test_a_long_run_without_spaces_is_read_quickly():
    started = time.monotonic()
    read_release("A" * 30_000)

    assert time.monotonic() - started < 2


def test_many_one_line_paragraphs_are_read_quickly():
    started = time.monotonic()
    read_release("x\n" * 12_000)

    assert time.monotonic() - started < 2


def test_a_short_name_is_still_read_after_the_name_it_stands_for():
    reading = read_release(
        SEED_TEXT + "\n\nThe Hong Kong Trade Development Council (HKTDC) hosted a dinner. "
        "HKTDC signed a strategic cooperation agreement with Nanjing Municipal Government."
    )

    names = [fact.value for fact in reading.facts if fact.kind == "organization"]
    assert {"name": "Hong Kong Trade Development Council", "short_name": "HKTDC"} in names


def test_at_most_ten_photos_are_offered_and_the_other_captions_are_said_to_be_left_out(editor):
    captions = [f"Caption: Guests at table {number} of the forum" for number in range(1, 14)]
    release = SEED_TEXT + "\n\n" + "\n\n".join(captions)

    page = editor.post(reverse(URL), {"release": release, "step": "read"})

    html = page.content.decode()
    assert html.count('type="file"') == 10
    assert "At most 10 photos can be added here" in text_of(page)
    assert "Guests at table 13 of the forum" in text_of(page)
    saved = editor.post(reverse(URL), posted(page.context["review"], release=release), follow=True)
    assert Conference.objects.count() == 1
    assert "the caption “Guests at table 13 of the forum” (more photos than one review takes)" in (
        text_of(saved)
    )


def test_namesakes_in_the_directory_are_not_joined_by_a_third_by_default(editor):
    PersonFactory(name="Patrick Lau")
    PersonFactory(name="Patrick Lau")
    page = editor.post(reverse(URL), {"release": SEED_TEXT, "step": "read"})

    response = editor.post(reverse(URL), posted(page.context["review"], release=SEED_TEXT))

    assert response.status_code == 200
    assert "Choose which record this is, or create a new one" in text_of(response)
    assert Person.objects.filter(name="Patrick Lau").count() == 2
    assert not Conference.objects.exists()


def test_a_namesake_chosen_by_the_reviewer_is_used():
    PersonFactory(name="Patrick Lau")
    chosen = PersonFactory(name="Patrick Lau")
    reading = seed_reading()
    lau = form_of(Review.of(reading), "person", name="Patrick Lau")
    data = posted(Review.of(reading), **{lau["match"].html_name: str(chosen.pk)})

    review = Review.of(reading, data)

    assert review.is_valid()
    save_draft(review, user=User.objects.create_user("editor-namesakes", is_staff=True))
    assert Person.objects.filter(name="Patrick Lau").count() == 2
    assert chosen.positions.exists()


def test_an_exact_name_is_matched_however_many_records_share_a_word_with_it():
    for number in range(201):
        OrganizationFactory(name=f"District Government Office {number}")
    government = OrganizationFactory(name="Nanjing Municipal People's Government")

    found = matches(Organization, "Nanjing Municipal People's Government")

    assert [match.record for match in found if match.exact] == [government]


def test_an_exact_short_name_is_matched_however_many_records_hold_it():
    for number in range(201):
        OrganizationFactory(name=f"HKTDC Partner Office {number}")
    council = OrganizationFactory(name="Hong Kong Trade Development Council", short_name="HKTDC")

    found = matches(Organization, "hktdc")

    assert [(match.record, match.how) for match in found if match.exact] == [
        (council, "short_name")
    ]


def test_a_post_read_into_a_draft_is_not_shown_on_a_public_persons_page(client):
    chen = PersonFactory(name="Chen Zhichang")
    ParticipationFactory(person=chen)  # a published conference: chen's page is public
    before = client.get(chen.get_absolute_url())
    assert before.status_code == 200 and "Mayor" not in before.content.decode()
    reading = seed_reading()
    review = Review.of(reading, posted(Review.of(reading)))
    assert review.is_valid()

    outcome = save_draft(review, user=User.objects.create_user("editor-posts", is_staff=True))

    after = client.get(chen.get_absolute_url(), HTTP_CACHE_CONTROL="no-cache")
    assert "Mayor" not in after.content.decode()
    assert not chen.positions.exists()
    assert any(
        "“Mayor” at Nanjing" in note and "add it by hand once the draft is published" in note
        for note in outcome.left_out
    ), outcome.left_out
    assert outcome.conference.participations.filter(person=chen).exists()


def test_a_release_of_many_signings_reads_in_linear_time():
    """Each signing looks its people and organizations up by word, and each name is
    compared only with names that begin alike: comparing every pair took 25 s here."""
    syllables = "Li Wang Zhang Chen Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo".split()
    blocks = []
    for number in range(250):
        a = syllables[number % 16] + syllables[number // 16 % 16].lower() + "x" * (number // 256)
        b = syllables[(number + 5) % 16] + syllables[number // 16 % 16].lower()
        blocks.append(
            f"{a} Ping, Chairman of {a} Group, and Dr. {a} signed a memorandum of "
            f"understanding between {a} Group and {b} Holdings Co., Ltd. on trade. The first "
            f"was signed by {b} Anxin and {a} Boming. Under a purchase contract, {b} Trading "
            f"Ltd. will buy US$5 million of tea from {a} Farms S.A. {b} Lan and {a} Yun "
            f"signed it on behalf of {a} Farms and {b} Trading respectively."
        )
    text = "HONG KONG, Feb. 9, 2023 /PRNewswire/ -- The Forum was held in Hong Kong on Feb. 8."
    text = "\n\n".join([text, *blocks])[:100_000]

    started = time.monotonic()
    reading = read_release(text)

    assert time.monotonic() - started < 5
    assert len(reading.of("agreement")) > 200


def test_a_run_of_hyphenated_titles_reads_at_once():
    """Each hyphenated title could be read two ways ("Vice-Chairman" whole, or "Vice",
    "-", "Chairman"): a run of twenty-two of them did not finish in a minute."""
    text = (
        "HONG KONG, Feb. 9, 2023 /PRNewswire/ -- The Forum was held in Hong Kong. "
        "Mr John Smith, "
        + "Vice-Chairman " * 50
        + "x, said that trade grew. Acme's "
        + "Director-General " * 50
        + "said so.\n"
    )
    started = time.monotonic()
    read_release(text)

    assert time.monotonic() - started < 5
