"""Small helpers for driving the Django admin as an editor does.

Both retry, because a busy machine can swallow a click while an autocomplete's
results are still arriving; each checks that its action really took effect.
"""

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def choose(page: Page, select_id: str, search: str, option_text: str | None = None) -> None:
    """Pick an option in an autocomplete (select2) field by typing, as an editor would."""
    select = page.locator(f"#{select_id}")
    field = page.locator("body > .select2-container--open .select2-search__field")
    option = page.locator(
        "body > .select2-container--open .select2-results__option[role=option]",
        has_text=option_text or search,
    ).first
    for _ in range(4):
        try:
            page.locator(f"#{select_id} + .select2 .select2-selection").click()
            field.wait_for(state="visible", timeout=5_000)
            field.fill(search)
            option.click(timeout=10_000)
            page.locator("body > .select2-container--open").wait_for(
                state="detached", timeout=5_000
            )
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        if select.input_value():
            return
    raise AssertionError(f"could not choose “{option_text or search}” in #{select_id}")


def add_inline_row(page: Page, prefix: str) -> int:
    """Click the inline's "Add another …" link; the new row's index."""
    total = page.locator(f"#id_{prefix}-TOTAL_FORMS")
    before = int(total.input_value())
    for _ in range(3):
        page.locator(f"#{prefix}-group .add-row a").click()
        try:
            page.locator(f"#id_{prefix}-{before}-id").wait_for(state="attached", timeout=5_000)
            return before
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"could not add a row to the {prefix} inline")
