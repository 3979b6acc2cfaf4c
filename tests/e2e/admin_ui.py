"""Small helpers for driving the Django admin as an editor does."""

from playwright.sync_api import Page


def choose(page: Page, select_id: str, search: str, option_text: str | None = None) -> None:
    """Pick an option in an autocomplete (select2) field by typing, as an editor would."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    field = page.locator(".select2-container--open .select2-search__field")
    field.fill(search)
    option = page.locator(
        ".select2-container--open .select2-results__option", has_text=option_text or search
    ).first
    option.wait_for()
    option.click()


def add_inline_row(page: Page, prefix: str) -> int:
    """Click the inline's "Add another …" link; the new row's index."""
    group = page.locator(f"#{prefix}-group")
    before = int(page.locator(f"#id_{prefix}-TOTAL_FORMS").input_value())
    group.locator(".add-row a").click()
    page.locator(f"#id_{prefix}-{before}-id").wait_for(state="attached")
    return before
