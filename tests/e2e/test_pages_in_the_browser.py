"""Every kind of page, as visitors get it: accessible, valid HTML, usable on a phone."""

import re

import pytest

pytestmark = pytest.mark.e2e

PAGES = {
    "home": "/",
    "conferences-filtered": "/events/?year=2023&city=hong-kong",
    "conference": "/events/nanjing-promotion-conference-hong-kong-2023/",
    "agreements-filtered": "/partnerships/?kind=strategic_cooperation",
    "agreement": "/partnerships/nanjing-china-merchants-group-strategic-cooperation-2023/",
    "people-filtered": "/people/?organization=hktdc",
    "person": "/people/han-liming/",
    "organizations-filtered": "/organizations/?kind=government",
    "organization": "/organizations/nanjing-government/",
    "not-found": "/events/no-such-conference/",
    "conference-two-days": "/events/two-day-forum-e2e/",
}

# A conference over two days, its agenda under a heading per day and a source with only a
# dateline and date (the demo is one day long); removed again after this module.
TWO_DAY_FORUM = """
import datetime as dt
from events.models import Conference, Session
conference = Conference.objects.create(
    title="Two-day forum", slug="two-day-forum-e2e", city="Hong Kong",
    start_date=dt.date(2024, 3, 3), end_date=dt.date(2024, 3, 4),
    start_time=dt.time(9, 0), end_time=dt.time(18, 0), time_zone="Asia/Hong_Kong",
    source_dateline="HONG KONG", source_date=dt.date(2024, 3, 5), publication_status="published",
)
Session.objects.create(conference=conference, title="Opening", start_time=dt.time(9, 0))
Session.objects.create(conference=conference, title="Site visit", date=dt.date(2024, 3, 4))
"""
REMOVE_TWO_DAY_FORUM = (
    "from events.models import Conference; "
    "Conference.objects.filter(slug='two-day-forum-e2e').delete()"
)

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module", autouse=True)
def two_day_forum(server):
    server.manage("shell", "-c", TWO_DAY_FORUM)
    yield
    server.manage("shell", "-c", REMOVE_TWO_DAY_FORUM)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_wcag_22_aa_violations(page, server, axe, name):
    page.goto(server.url + PAGES[name])

    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG}})

    violations = [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}× e.g. "
        f"{violation['nodes'][0]['target']})"
        for violation in results.response["violations"]
    ]
    assert violations == []


def test_html_is_valid(server, vnu, tmp_path):
    files = []
    for name, path in PAGES.items():
        _, body = server.get(path)
        file = tmp_path / f"{name}.html"
        file.write_text(body)
        files.append(file)

    assert vnu(files) == []


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_sideways_scrolling_and_a_screenshot(browser, server, screenshots, name, width):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, ignore_https_errors=True
    )
    tab = context.new_page()
    tab.goto(server.url + PAGES[name])

    overflow = tab.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    tab.screenshot(path=str(screenshots / f"{name}-{width}.png"), full_page=True)
    context.close()

    assert overflow <= 0


def test_filter_form_works_on_a_phone(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, is_mobile=True, ignore_https_errors=True
    )
    tab = context.new_page()
    tab.goto(f"{server.url}/events/")

    # Chinese works as well as English: the organizer is also known as 南京市人民政府.
    tab.fill("#id_q", "南京市")
    tab.get_by_role("button", name="Apply").click()
    tab.wait_for_url(re.compile(r"q=%E5%8D%97%E4%BA%AC%E5%B8%82"))
    assert "found" in tab.locator(".result-count").inner_text()
    tab.get_by_role("link", name="Nanjing Promotion Conference on High Quality").wait_for()

    tab.fill("#id_q", "Nanjing")
    tab.select_option("#id_when", "past")
    apply = tab.get_by_role("button", name="Apply")
    box = apply.bounding_box()
    apply.click()
    tab.wait_for_url(re.compile(r"when=past"))

    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.2 target size
    assert tab.locator(".card").count() >= 1
    context.close()


def test_gallery_fits_a_phone_and_its_photo_loads(browser, server):
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, is_mobile=True, ignore_https_errors=True
    )
    tab = context.new_page()
    tab.goto(server.url + PAGES["conference"])
    image = tab.locator(".gallery img").first
    image.scroll_into_view_if_needed()

    box = image.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0
    # A phone is given a rendition fit for its width, not the original.
    assert "-480." in image.evaluate("img => img.currentSrc") or "-960." in image.evaluate(
        "img => img.currentSrc"
    )
    context.close()


ADMIN_PAGES = [
    "/admin/",
    "/admin/events/conference/",
    "/admin/events/conference/add/",
    "/admin/partnerships/agreement/add/",
    "/admin/events/person/add/",
    "/admin/events/participation/add/",
    "/admin/partnerships/signatory/add/",
    "/admin/events/mediaitem/",
]


def test_nothing_breaks_the_content_security_policy(staff, server):
    """The admin and the public pages run under a policy with nothing inline allowed."""
    complaints = []
    staff.on("console", lambda message: complaints.append(f"{staff.url}: {message.text}"))

    for path in [*ADMIN_PAGES, *PAGES.values()]:
        staff.goto(server.url + path)
        staff.wait_for_load_state("networkidle")

    assert [c for c in complaints if "Content Security Policy" in c] == []
    assert [c for c in complaints if "404" in c and "no-such-conference" not in c] == []
