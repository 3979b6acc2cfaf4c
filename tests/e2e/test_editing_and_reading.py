"""An editor builds a conference and an agreement in the admin; a visitor finds them.

The tests run in order and share what they made (``made``), as the people do.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.admin_ui import add_inline_row, choose
from tests.images import image_bytes

pytestmark = pytest.mark.e2e

TITLE = "E2E Green Finance Forum 2026"
SLUG = "e2e-green-finance-forum-2026"
CAPTION = "Delegates sign the green finance memorandum"
ALT = "Two delegates shaking hands across a table with flags"
AGREEMENT = "E2E green finance cooperation agreement"


@pytest.fixture(scope="module")
def made():
    return {}


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("uploads") / "ceremony.jpg"
    path.write_bytes(image_bytes((1200, 800), color=(30, 120, 60)))
    return path


def test_staff_create_a_draft_conference_with_everything(staff, server, photo, page, made):
    staff.goto(f"{server.url}/admin/events/conference/add/")
    staff.fill("#id_title_en", TITLE)
    staff.fill("#id_theme_en", "Green finance between Nanjing and Hong Kong")
    staff.fill("#id_start_date", "2026-12-10")
    staff.fill("#id_city_en", "Hong Kong")

    row = add_inline_row(staff, "organizers")
    choose(staff, f"id_organizers-{row}-organization", "Nanjing", "Nanjing Municipal People")

    row = add_inline_row(staff, "sessions")
    staff.fill(f"#id_sessions-{row}-title_en", "Opening remarks")

    for search in ("Chen", "Patrick"):
        row = add_inline_row(staff, "participations")
        choose(staff, f"id_participations-{row}-person", search)
        staff.fill(f"#id_participations-{row}-remarks_en", f"Remarks by {search}.")

    row = add_inline_row(staff, "key_figures")
    staff.fill(f"#id_key_figures-{row}-value", "5720")
    staff.select_option(f"#id_key_figures-{row}-qualifier", "more_than")
    staff.fill(f"#id_key_figures-{row}-label_en", "Hong Kong-funded projects")

    row = add_inline_row(staff, "media")
    staff.set_input_files(f"#id_media-{row}-image", str(photo))
    staff.fill(f"#id_media-{row}-caption_en", CAPTION)
    staff.fill(f"#id_media-{row}-alt_text_en", ALT)

    staff.click("input[name=_save]")

    staff.wait_for_url(re.compile(r"/admin/events/conference/(\?.*)?$"))
    assert "was added successfully" in staff.locator(".messagelist").inner_text()

    # Still a draft: a visitor gets the site's 404 page.
    response = page.goto(f"{server.url}/en/events/{SLUG}/")
    assert response.status == 404
    assert "Page not found" in page.locator("h1").inner_text()

    # Publish it.
    staff.goto(f"{server.url}/admin/events/conference/?q=E2E+Green")
    staff.get_by_role("link", name=TITLE).click()
    staff.select_option("#id_publication_status", "published")
    staff.click("input[name=_save]")
    staff.wait_for_url(re.compile(r"/admin/events/conference/(\?.*)?$"))
    made["conference"] = True


def test_the_posts_chooser_offers_the_chosen_persons_posts_first(staff, server, made):
    assert made.get("conference"), "the editor's conference was not made"
    staff.goto(f"{server.url}/admin/events/conference/?q=E2E+Green")
    staff.get_by_role("link", name=TITLE).click()
    rows = [0, 1]
    row = next(
        index
        for index in rows
        if "Patrick"
        in staff.locator(f"#id_participations-{index}-person option:checked").inner_text()
    )

    # Without the person, posts come by holder's name: Chen Zhichang's before Patrick Lau's.
    staff.locator(f"#id_participations-{row}-posts_held + .select2 .select2-selection").click()
    options = staff.locator(
        "body > .select2-container--open .select2-results__option[role=option]"
        ":not(.loading-results)"
    )
    options.first.wait_for()
    assert options.first.inner_text().endswith("— Patrick Lau")
    staff.keyboard.press("Escape")


def test_visitor_finds_the_conference_by_filter_and_by_search(page, server, made):
    assert made.get("conference"), "the editor's conference was not made"
    page.goto(f"{server.url}/en/events/")
    page.select_option("#id_organization", "nanjing-government")
    page.fill("#id_year", "2026")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(lambda url: "organization=nanjing-government" in url and "year=2026" in url)
    page.get_by_role("link", name=TITLE).wait_for()

    page.fill("#id_q", "green finance forum")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"q=green\+finance\+forum"))
    assert "1 conference found" in page.locator(".result-count").inner_text()
    page.get_by_role("link", name=TITLE).click()

    page.wait_for_url(f"{server.url}/en/events/{SLUG}/")
    assert page.locator("h1").inner_text() == TITLE
    figure = page.locator(".gallery figure").first
    assert figure.locator("img").get_attribute("alt") == ALT
    assert CAPTION in figure.locator("figcaption").inner_text()
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth") > 0
    people = page.locator(".person-card__name").all_inner_texts()
    assert any("Chen Zhichang" in name for name in people)
    assert any("Patrick Lau" in name for name in people)
    assert "more than 5,720" in page.locator(".figures").inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar (.ics)").click()
    calendar = Path(download.value.path()).read_text()
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert f"SUMMARY;LANGUAGE=en:{TITLE}" in calendar
    assert "DTSTART;VALUE=DATE:20261210" in calendar


def test_staff_record_an_agreement_signed_there(staff, page, server, made):
    assert made.get("conference"), "the editor's conference was not made"
    staff.goto(f"{server.url}/admin/partnerships/agreement/add/")
    staff.fill("#id_title_en", AGREEMENT)
    staff.select_option("#id_kind", "memorandum")
    staff.fill("#id_signed_on", "2026-12-10")
    choose(staff, "id_conference", "E2E Green", TITLE)
    staff.select_option("#id_publication_status", "published")
    for search, name in (("Nanjing", "Nanjing Municipal People"), ("HKTDC", "Hong Kong Trade")):
        row = add_inline_row(staff, "parties")
        choose(staff, f"id_parties-{row}-organization", search, name)
    staff.click("input[name=_continue]")
    staff.wait_for_url(re.compile(r"/admin/partnerships/agreement/\d+/change/"))

    for search, party in (("Chen", "Nanjing Municipal"), ("Patrick", "Hong Kong Trade")):
        row = add_inline_row(staff, "signatories")
        choose(staff, f"id_signatories-{row}-person", search)
        party_select = staff.locator(f"#id_signatories-{row}-party")
        value = party_select.locator("option", has_text=party).get_attribute("value")
        party_select.select_option(value)
    staff.click("input[name=_save]")
    staff.wait_for_url(re.compile(r"/admin/partnerships/agreement/(\?.*)?$"))
    assert "was changed successfully" in staff.locator(".messagelist").inner_text()

    page.goto(f"{server.url}/en/events/{SLUG}/")
    assert AGREEMENT in page.locator("#agreements-heading + .cards").inner_text()
    for organization in ("nanjing-government", "hktdc"):
        page.goto(f"{server.url}/en/organizations/{organization}/")
        assert AGREEMENT in page.locator("main").inner_text()
    page.goto(f"{server.url}/en/partnerships/")
    page.get_by_role("link", name=AGREEMENT).click()
    signatories = page.locator("#signatories-heading + .rows").inner_text()
    assert "Chen Zhichang" in signatories and "Patrick Lau" in signatories


def test_a_non_image_upload_shows_the_error_and_keeps_what_was_typed(staff, server, tmp_path):
    fake = tmp_path / "minutes.jpg"
    fake.write_text("Minutes of the meeting, not a photo.")

    staff.goto(f"{server.url}/admin/events/mediaitem/add/")
    staff.set_input_files("#id_image", str(fake))
    staff.fill("#id_caption_en", "A caption the editor typed")
    staff.fill("#id_alt_text_en", "An alt text the editor typed")
    staff.fill("#id_credit_en", "Press office")
    staff.click("input[name=_save]")

    staff.locator(".errorlist").first.wait_for()  # the form comes back with its errors
    errors = staff.locator(".errorlist").all_inner_texts()
    assert any("This file is not a JPEG, PNG or WebP image" in error for error in errors)
    assert staff.input_value("#id_caption_en") == "A caption the editor typed"
    assert staff.input_value("#id_alt_text_en") == "An alt text the editor typed"
    assert staff.input_value("#id_credit_en") == "Press office"


def test_a_participant_chooses_an_agenda_item_typed_in_the_same_form(staff, server):
    staff.goto(f"{server.url}/admin/events/conference/add/")
    staff.fill("#id_title_en", "E2E one-save forum")
    staff.fill("#id_start_date", "2026-12-11")
    staff.fill("#id_city_en", "Hong Kong")
    opening = add_inline_row(staff, "sessions")
    staff.fill(f"#id_sessions-{opening}-title_en", "Opening")
    session = add_inline_row(staff, "sessions")
    staff.fill(f"#id_sessions-{session}-title_en", "Welcome")
    row = add_inline_row(staff, "participations")
    menu = staff.locator(f"#id_participations-{row}-session")
    assert menu.locator("option").all_inner_texts()[-2:] == ["Opening (new)", "Welcome (new)"]

    # The menu follows the typing, and the choice follows its row when another goes.
    menu.select_option(label="Welcome (new)")
    staff.fill(f"#id_sessions-{session}-title_en", "Welcome address")
    assert menu.locator("option:checked").inner_text() == "Welcome address (new)"
    staff.locator(f"#sessions-{opening} a.inline-deletelink").click()
    expect(menu).to_have_value(f"new:sessions-{opening}")
    assert menu.locator("option:checked").inner_text() == "Welcome address (new)"
    choose(staff, f"id_participations-{row}-person", "Chen")

    staff.click("input[name=_save]")  # one save: the agenda item, then the participant on it

    staff.wait_for_url(re.compile(r"/admin/events/conference/(\?.*)?$"))
    staff.locator("#result_list").get_by_role("link", name="E2E one-save forum").click()
    chosen = staff.locator("#id_participations-0-session option:checked")
    assert chosen.inner_text() == "Welcome address"
