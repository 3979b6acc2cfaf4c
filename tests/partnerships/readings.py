"""What the reader makes of a text, in the shapes the intake tests compare."""

from partnerships.intake.read import read_release, read_source


def facts(kind, text):
    """The values of the facts of one kind the reader finds in ``text``."""
    return [fact.value for fact in read_release(text).of(kind)]


def source_of(text):
    """The release's dateline, publication date and publisher."""
    source = read_source(text)
    return (source.dateline, source.published_on, source.publisher)


def positions(text):
    """Each person's post the reader finds in ``text``: {person: (title, organization)}."""
    return {f["person"]: (f["title"], f["organization"]) for f in facts("position", text)}
