"""The admin of events' records, one module per concern.

Importing this package registers every admin (``directory``, ``conferences``, ``rows``)
and re-exports the names other apps' admins build on (partnerships' admin imports them
from ``events.admin``).

- ``guards``: what every admin shares so that no path gets round the roles (formset
  limits, history judged by each record's own admin, the bulk delete), and history
  registration for rows without an admin of their own.
- ``publishing``: the publishing fieldset, rights and actions; rows that follow their
  parent's rights.
- ``changelists``: lists that stay quick on a large archive.
- ``forms``: the edit-conflict check (``VersionedForm``) and the other forms and widgets.
- ``directory``: organizations, people, posts held, topics.
- ``conferences``: the conference admin and its inlines.
- ``media``: previews, duplicates, a conference's photos inline.
- ``references``: rows that choose among rows typed in the same form (one save).
- ``merging``: namesakes pointed out, merging two people or two organizations.
- ``rows``: a conference's rows one by one (organizers, sessions, participations, key
  figures, photos).
- ``places``: places and their other names, for search.
"""

# isort: skip_file
# Admins register in import order, the order of the single module they came from.
from .guards import (
    ContentAdmin,
    GuardedAdminMixin,
    ShownOnPublishedAdminMixin,
    VersionedAdmin,
    delete_selected,
    may_delete_published,
    may_publish,
)
from .languages import LanguagesSideBySide, every_language
from .changelists import (
    LargeTableMixin,
    LargeTableRowsMixin,
)
from .publishing import (
    PUBLISHING_FIELDSET,
    PartOfPublishedMixin,
    PublishActionsMixin,
)
from .forms import (
    URL_FIELDS_ASSUME_HTTPS,
    ConferenceForm,
    KnownAutocompleteSelect,
    KnownAutocompleteSelectMultiple,
    KnownChoicesMixin,
    MediaItemForm,
    ParticipationForm,
    PostAutocompleteSelect,
    PostsAutocompleteSelectMultiple,
    VersionedForm,
    inner_widget,
    with_add_post_link,
)
from .media import (
    MediaItemFormSet,
    MediaItemInline,
    point_out_duplicates,
    thumbnail,
)
from .references import (
    NewRowsMenuMixin,
    RowChoiceField,
    RowReferencesAdminMixin,
    RowReferencesFormSet,
)
from .directory import (
    OrganizationAdmin,
    OrganizationAliasAdmin,
    OrganizationAliasInline,
    PersonAdmin,
    PositionAdmin,
    PositionInline,
    TopicAdmin,
)
from .conferences import (
    ConferenceAdmin,
    KeyFigureInline,
    OrganizerInline,
    ParticipationInline,
    SessionInline,
)
from .rows import (
    KeyFigureAdmin,
    MediaItemAdmin,
    OrganizerAdmin,
    ParticipationAdmin,
    SessionAdmin,
)
from .places import PlaceAdmin

__all__ = [
    "PUBLISHING_FIELDSET",
    "URL_FIELDS_ASSUME_HTTPS",
    "ConferenceAdmin",
    "ConferenceForm",
    "ContentAdmin",
    "GuardedAdminMixin",
    "LanguagesSideBySide",
    "KeyFigureAdmin",
    "KeyFigureInline",
    "KnownAutocompleteSelect",
    "KnownAutocompleteSelectMultiple",
    "KnownChoicesMixin",
    "LargeTableMixin",
    "LargeTableRowsMixin",
    "MediaItemAdmin",
    "MediaItemForm",
    "MediaItemFormSet",
    "MediaItemInline",
    "NewRowsMenuMixin",
    "RowChoiceField",
    "RowReferencesAdminMixin",
    "RowReferencesFormSet",
    "OrganizationAdmin",
    "OrganizationAliasAdmin",
    "OrganizationAliasInline",
    "OrganizerAdmin",
    "OrganizerInline",
    "PartOfPublishedMixin",
    "ParticipationAdmin",
    "ParticipationForm",
    "ParticipationInline",
    "PersonAdmin",
    "PlaceAdmin",
    "PostAutocompleteSelect",
    "PostsAutocompleteSelectMultiple",
    "PositionAdmin",
    "PositionInline",
    "PublishActionsMixin",
    "SessionAdmin",
    "SessionInline",
    "ShownOnPublishedAdminMixin",
    "TopicAdmin",
    "VersionedAdmin",
    "VersionedForm",
    "every_language",
    "delete_selected",
    "inner_widget",
    "may_delete_published",
    "may_publish",
    "point_out_duplicates",
    "thumbnail",
    "with_add_post_link",
]
