"""Helpers that read a page as a visitor would: its text, without markup."""

import html
import re

TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")


def page_text(response) -> str:
    """The visible text of an HTML response, whitespace collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = SPACES.sub(" ", html.unescape(TAGS.sub(" ", body))).strip()
    # Inline tags leave a space before punctuation ("2023 , Hong Kong"); a reader sees none.
    return re.sub(r"\( ", "(", re.sub(r" ([,.;:)])", r"\1", text))
