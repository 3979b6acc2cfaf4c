"""Conferences, the people and organizations who take part, and what was said there.

One module per concern; this package re-exports every name that code and migrations
import from ``events.models``, and importing it defines every model and connects the
signal handlers (``directory`` and ``media``).

- ``fields``: validators, defaults, upload paths, choice constraints, currencies.
- ``publishing``: drafts and publishing windows (``live()``), ``any_exists``, slugs,
  and the registries that apps above events fill in their ``AppConfig.ready()``.
- ``image_files``: uploaded images cleaned on save.
- ``directory``: organizations, people, posts held, topics.
- ``conferences``: conferences, organizers, sessions.
- ``participation``: who took part, in what role, holding which posts.
- ``key_figures``: numbers a conference reported.
- ``media``: captioned photos.
- ``places``: places and their other names (Macao: Macau, 澳门), for search.
"""

# isort: skip_file
# Order matters here. A model's fields are ordered by when each field was made, and the
# search field (``Searchable`` in events.search) was made before the publishing fields:
# importing search first keeps the column order of queries, forms and dumps. Models
# register in import order, the order of the single module they came from; that decides
# the order of cascading deletes and of dumps, so keep it too.
from .. import search  # noqa: F401
from .fields import (
    EARLIEST_DATE,
    LATEST_DATE,
    Currency,
    RandomUploadPath,
    choices_constraint,
    default_time_zone,
    validate_sane_date,
    validate_time_zone,
)
from .publishing import (
    PUBLISHED,
    Publishable,
    PublishablePublicationStatus,
    PublishableQuerySet,
    ShownOnPublishedRecordMixin,
    SluggedModel,
    any_exists,
    live,
    mentioned_elsewhere,
    register_public_mention,
    register_published_record_use,
)
from .image_files import CleanImagesMixin
from .directory import (
    SEARCH_WORDS_FROM,
    related_words_changed,
    Organization,
    OrganizationAlias,
    OrganizationKind,
    OrganizationQuerySet,
    Person,
    PersonQuerySet,
    Position,
    Topic,
    person_is_public,
)
from .conferences import (
    Conference,
    ConferenceQuerySet,
    Organizer,
    OrganizerRole,
    Session,
    SessionKind,
)
from .participation import Participation, ParticipationPost, ParticipationRole
from .places import Place
from . import conference_search  # noqa: F401  (its signal handlers)
from .key_figures import KeyFigure, KeyFigureQualifier
from .media import (
    PHOTO_SHOWINGS,
    MediaItem,
    MediaItemQuerySet,
    delete_image_files,
    photo_owner_is_live,
    register_photo_showing,
)

__all__ = [
    "SEARCH_WORDS_FROM",
    "related_words_changed",
    "EARLIEST_DATE",
    "LATEST_DATE",
    "PHOTO_SHOWINGS",
    "PUBLISHED",
    "CleanImagesMixin",
    "Conference",
    "ConferenceQuerySet",
    "Currency",
    "KeyFigure",
    "KeyFigureQualifier",
    "MediaItem",
    "MediaItemQuerySet",
    "Organization",
    "OrganizationAlias",
    "OrganizationKind",
    "OrganizationQuerySet",
    "Organizer",
    "OrganizerRole",
    "Participation",
    "ParticipationPost",
    "ParticipationRole",
    "Place",
    "Person",
    "PersonQuerySet",
    "Position",
    "Publishable",
    "PublishablePublicationStatus",
    "PublishableQuerySet",
    "RandomUploadPath",
    "Session",
    "SessionKind",
    "ShownOnPublishedRecordMixin",
    "SluggedModel",
    "Topic",
    "any_exists",
    "choices_constraint",
    "default_time_zone",
    "delete_image_files",
    "live",
    "mentioned_elsewhere",
    "person_is_public",
    "photo_owner_is_live",
    "register_photo_showing",
    "register_public_mention",
    "register_published_record_use",
    "validate_sane_date",
    "validate_time_zone",
]
