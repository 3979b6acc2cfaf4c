"""Driving the admin as an editor does, and counting what it costs the editor.

Every action goes through an ``Editor``, which counts it in ``Counts``: saves (of the
record being entered, and of directory entries made in the admin's "+" popups), page
loads (each page the editor waits for, popups included), and form actions (text fields
filled, menu and chooser picks, boxes ticked, files chosen, "Add another" clicks).
"""

import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.admin_ui import add_inline_row, choose
from tests.e2e.conftest import ADMIN_PASSWORD, keep_evidence

OPEN_CHOOSER = "body > .select2-container--open"


@dataclass
class Counts:
    main_saves: int = 0
    popup_saves: int = 0
    page_loads: int = 0
    text_fields: int = 0
    picks: int = 0
    ticks: int = 0
    files: int = 0
    add_another: int = 0

    @property
    def saves(self) -> int:
        return self.main_saves + self.popup_saves

    @property
    def form_actions(self) -> int:
        return self.text_fields + self.picks + self.ticks + self.files + self.add_another

    def as_dict(self) -> dict:
        return {**asdict(self), "saves": self.saves, "form_actions": self.form_actions}

    def over(self, most: "Counts") -> dict:
        """The counts above ``most`` (the figures measured when a test was written):
        name → (count, most)."""
        limits = most.as_dict()
        return {
            name: (value, limits[name])
            for name, value in self.as_dict().items()
            if name in limits and value > limits[name]
        }


class Editor:
    """One browser tab (the main window or a popup) and the counts it adds to."""

    def __init__(self, page: Page, counts: Counts, base_url: str):
        self.page = page
        self.counts = counts
        self.base_url = base_url

    def sign_in(self, username: str = "editor") -> None:
        self.goto("/admin/login/")
        self.fill("#id_username", username)
        self.fill("#id_password", ADMIN_PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(f"{self.base_url}/admin/")
        self.counts.page_loads += 1

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.counts.page_loads += 1

    def fill(self, selector: str, text: str) -> None:
        self.page.fill(selector, text)
        self.counts.text_fields += 1

    def pick(self, selector: str, value: str | None = None, label: str | None = None) -> None:
        """A choice in a plain menu."""
        if label is not None:
            self.page.select_option(selector, label=label)
        else:
            self.page.select_option(selector, value)
        self.counts.picks += 1

    def pick_containing(self, selector: str, text: str) -> None:
        """The option of a plain menu whose label contains ``text`` (a chooser's label)."""
        value = self.page.locator(f"{selector} option", has_text=text).first.get_attribute("value")
        self.pick(selector, value)

    def choose(self, select_id: str, search: str, option_text: str | None = None) -> None:
        """A pick in a chooser (autocomplete): typing, then clicking what it offers."""
        choose(self.page, select_id, search, option_text)
        self.counts.picks += 1

    def choose_another(self, select_id: str, search: str, option_text: str | None = None) -> None:
        """One more pick in a multiple chooser (posts held, topics)."""
        select = self.page.locator(f"#{select_id}")
        before = select.locator("option:checked").count()
        option = self.page.locator(
            f"{OPEN_CHOOSER} .select2-results__option[role=option]", has_text=option_text or search
        ).first
        for _ in range(4):
            try:
                self.page.locator(f"#{select_id} + .select2 .select2-search__field").click()
                field = self.page.locator(f"#{select_id} + .select2 .select2-search__field")
                field.fill(search)
                option.click(timeout=10_000)
                self.page.locator(OPEN_CHOOSER).wait_for(state="detached", timeout=5_000)
            except PlaywrightTimeout:
                self.page.keyboard.press("Escape")
                continue
            if select.locator("option:checked").count() > before:
                self.counts.picks += 1
                return
        raise AssertionError(f"could not choose “{option_text or search}” in #{select_id}")

    def tick(self, selector: str) -> None:
        self.page.check(selector)
        self.counts.ticks += 1

    def attach(self, selector: str, path) -> None:
        self.page.set_input_files(selector, str(path))
        self.counts.files += 1

    def add_row(self, prefix: str) -> int:
        """“Add another …” under an inline; the new row's index."""
        row = add_inline_row(self.page, prefix)
        self.counts.add_another += 1
        return row

    def save(self, then: str | re.Pattern = re.compile(r"/admin/.+/(\?.*)?$")) -> None:
        """Save the record entered on this page; the page the admin answers with."""
        self.page.click("input[name=_save]")
        self.page.wait_for_url(then)
        self.counts.main_saves += 1
        self.counts.page_loads += 1

    @contextmanager
    def popup(self, select_id: str):
        """The admin's “+” beside a chooser: a new directory entry typed in a popup (the
        ``Editor`` yielded), saved there, and chosen in the chooser it was opened from."""
        chosen = f"Array.from(document.getElementById('{select_id}').selectedOptions)"
        chosen += ".map(option => option.value).filter(Boolean)"
        before = self.page.evaluate(chosen)
        with self.page.expect_popup() as opened:
            self.page.locator(f"#add_{select_id}").click()
        window = opened.value
        window.set_default_timeout(15_000)
        window.wait_for_load_state()
        self.counts.page_loads += 1
        yield Editor(window, self.counts, self.base_url)

        with window.expect_event("close"):
            window.click("input[name=_save]")
        self.counts.popup_saves += 1
        self.counts.page_loads += 1  # the popup's answer, which hands the entry back
        after = self.page.evaluate(chosen)
        assert set(after) - set(before), f"the new entry did not come back to #{select_id}"


@contextmanager
def counted_tab(browser, base_url: str, request, name: str, timeout: int = 15_000, **view):
    """A fresh tab, not yet signed in, whose every action is counted; a screenshot named
    ``name`` is kept when the test fails. ``view``: the browser context's (a phone's)."""
    context = browser.new_context(
        **{"viewport": {"width": 1280, "height": 1000}, **view}, ignore_https_errors=True
    )
    tab = context.new_page()
    tab.set_default_timeout(timeout)
    try:
        yield Editor(tab, Counts(), base_url)
    finally:
        keep_evidence(request, tab, name)
        context.close()
