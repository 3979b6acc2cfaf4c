"""Which uploaded files a visitor may have: those that a live record shows.

A file is found from its name through the indexed file column of the model that stored
it (the folder tells which); a rendition through its original's name, which follows from
its own (``events.uploads.originals_of_rendition``). One query decides, whatever the
size of the archive. Lives in ``config`` as it needs both content apps.

- a photo: its conference is live, or it has no conference and a live agreement shows it
  (``MediaItem.objects.public()``); the same for each of its renditions;
- an organization's logo, a person's portrait: the organization or person is public
  (a live record mentions them), as their page is. Someone named only in drafts has no
  public page, and their portrait is theirs to keep private until then;
- an agreement document: its agreement is live;
- anything else (a file no row names: a leftover, a restore's extra): nobody but staff.
"""

from pathlib import PurePosixPath

from events.models import MediaItem, Organization, Person
from events.uploads import originals_of_rendition
from partnerships.models import AgreementDocument

# (model, file field, the model's public rows).
OWNERS = [
    (MediaItem, "image", lambda: MediaItem.objects.public()),
    (Organization, "logo", lambda: Organization.objects.public()),
    (Person, "photo", lambda: Person.objects.public()),
    (AgreementDocument, "file", lambda: AgreementDocument.objects.public()),
]


def folder_of(model, field: str) -> str:
    return model._meta.get_field(field).upload_to.folder


def is_public(name: str) -> bool:
    """Whether the stored file ``name`` (relative to the media root) is shown by a live
    record, so that anyone may have it."""
    path = PurePosixPath(name)
    if len(path.parts) < 2:
        return False
    for model, field, public in OWNERS:
        folder = folder_of(model, field)
        if path.parts[0] != folder:
            continue
        if len(path.parts) == 2:
            names = [name]
        elif model is MediaItem:
            names = originals_of_rendition(name)
        else:
            names = []
        return bool(names) and public().filter(**{f"{field}__in": names}).exists()
    return False
