"""The seed press release entered through "New from a press release", and what it costs.

Beside tests/e2e/test_press_release_entry.py (a release of the same shape entered by
hand, through the forms and popups): here the editor pastes the release, reviews what the
site read (accepting every fact as read, adding the photo and its description), and
saves once. Each step goes through ``counted_admin.Editor``; the counts and the wall time
are printed, written to test-results/press_release_intake_counts.json (README quotes
them) and held to the figures measured when the test was written. The review page is
checked with axe (WCAG 2.2 AA), at desktop and phone width.
"""

import json
import re
import time

import pytest

from tests.e2e.conftest import ADMIN_PASSWORD, ROOT, keep_evidence
from tests.e2e.counted_admin import Counts, Editor
from tests.e2e.test_press_release_entry import axe_violations
from tests.images import image_bytes

pytestmark = pytest.mark.e2e

SEED = (ROOT / "tests/intake_corpus/00-nanjing-promotion-hong-kong.txt").read_text(encoding="utf-8")
TITLE = (
    "Nanjing Promotion Conference on High Quality Development & Wider Opening up of "
    "Service Sector (Hong Kong & Macao)"
)
# What it took when this test was written: sign-in (2 fields), the paste, the photo's
# file and its description; one save.
MOST = Counts(main_saves=1, popup_saves=0, page_loads=5, text_fields=4, picks=0, ticks=0,
              files=1, add_another=0)  # fmt: skip


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def editor(browser, server, request):
    context = browser.new_context(
        viewport={"width": 1280, "height": 1000}, ignore_https_errors=True
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield Editor(tab, Counts(), server.url)
    keep_evidence(request, tab, "intake")
    context.close()


def test_an_editor_turns_the_seed_release_into_a_draft(
    editor, server, axe, tmp_path, capsys, screenshots
):
    photo = tmp_path / "signing.jpg"
    photo.write_bytes(image_bytes((1200, 800), color=(160, 120, 40)))
    violations = []
    checking = []  # seconds spent in axe and screenshots, left out of the wall time

    def scan(shot=""):
        began_check = time.monotonic()
        violations.extend(axe_violations(axe, ed.page))
        if shot:
            ed.page.screenshot(path=str(screenshots / shot), full_page=True)
        checking.append(time.monotonic() - began_check)

    ed = editor
    began = time.monotonic()

    ed.goto("/admin/login/")
    ed.fill("#id_username", "editor")
    ed.fill("#id_password", ADMIN_PASSWORD)
    ed.page.click("input[type=submit]")
    ed.page.wait_for_url(f"{server.url}/admin/")
    ed.counts.page_loads += 1

    ed.page.get_by_role("link", name="New from a press release").first.click()
    ed.page.wait_for_url(re.compile(r"/from-press-release/$"))
    ed.counts.page_loads += 1
    scan()

    ed.fill("#id_release", SEED)
    ed.page.click("input[type=submit][value='Read it']")
    ed.page.wait_for_selector("#photos-heading")
    ed.counts.page_loads += 1
    assert ed.page.locator(".intake-source mark").count() > 10
    scan("intake-review-1280.png")

    ed.attach("#id_photo-0-image", photo)
    ed.fill("#id_photo-0-alt_text", "Two officials sign folders at a long table")
    ed.page.click("input[type=submit][value='Save as a draft']")
    ed.page.wait_for_url(re.compile(r"/admin/events/conference/\d+/change/$"))
    ed.counts.main_saves += 1
    ed.counts.page_loads += 1
    seconds = round(time.monotonic() - began - sum(checking), 1)

    assert (
        "is a new draft made from the press release" in ed.page.locator(".messagelist").inner_text()
    )
    assert ed.page.locator("#id_title_en").input_value() == TITLE

    counts = {**ed.counts.as_dict(), "seconds": seconds}
    with capsys.disabled():
        print("\npress release through intake:", json.dumps(counts))
    folder = ROOT / "test-results"
    folder.mkdir(exist_ok=True)
    (folder / "press_release_intake_counts.json").write_text(json.dumps(counts, indent=2) + "\n")

    assert violations == []
    over = {
        name: (value, getattr(MOST, name))
        for name, value in ed.counts.as_dict().items()
        if name in MOST.as_dict() and value > MOST.as_dict()[name]
    }
    assert over == {}, "intake now takes more (count, most): " + str(over)


def test_the_review_fits_a_phone(browser, server, axe, request, screenshots):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, ignore_https_errors=True, is_mobile=True
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        tab.goto(f"{server.url}/admin/login/")
        tab.fill("#id_username", "editor")
        tab.fill("#id_password", ADMIN_PASSWORD)
        tab.click("input[type=submit]")
        tab.wait_for_url(f"{server.url}/admin/")
        tab.goto(f"{server.url}/admin/partnerships/agreement/from-press-release/")
        tab.fill("#id_release", SEED)
        tab.click("input[type=submit][value='Read it']")
        tab.wait_for_selector("#photos-heading")
        tab.screenshot(path=str(screenshots / "intake-review-375.png"), full_page=True)

        # Every fact's box fits the screen: nothing to scroll sideways to.
        widest = tab.evaluate(
            "Math.max(...Array.from(document.querySelectorAll('.intake-fact'))"
            ".map(box => box.getBoundingClientRect().right))"
        )
        assert widest <= 375
        assert axe_violations(axe, tab) == []
    finally:
        keep_evidence(request, tab, "intake-phone")
        context.close()
