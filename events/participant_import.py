"""The participants of one conference, from a spreadsheet (and back).

The conference is the one whose page the import was opened from, never a column. A row
is one person's part in it: found by ``id`` (a participation of this conference), else
by the person and the role. The person is found by ``person_id``, else by any of their
names (``person``, then ``other_name``; any language, either Chinese script), else
created with the names given. Posts held are pairs of ``post`` and ``organization``
(several separated by ";"; one organization for several posts holds them all): the
organization must exist, found by any of its names; the post is found among the
person's by its title in any language, or created. A row is written as the conference
form writes a participant: the record through ``services.save``, then its posts.
"""

import reversion
from django.db.models import Prefetch
from django.utils.translation import gettext
from import_export.fields import Field

from . import services
from .admin.directory_sheets import one_of, organization_index
from .admin.spreadsheets import ContentResource, NameIndex, RowError, join_list, split_list
from .import_people import created, in_columns, marked_new, new_person, people_index
from .import_widgets import BoolWidget, Column, TextWidget, forget, read_choice, warm
from .languages import DEFAULT, column, columns
from .models import Participation, Person, Position, Session

TEXTS = [
    column(field, code) for field in ("remarks", "quote") for code in ("en", "zh-hans", "zh-hant")
]


def english(record, field) -> str:
    return getattr(record, column(field, DEFAULT)) or str(getattr(record, field))


def posts_of(participation) -> list:
    return list(participation.positions.all()) if participation.pk else []


def text_field(name):
    """A translated text's column in one language, declared in the class body with
    ``locals().update``: the declarative resource reads its fields from the namespace."""
    return Field(attribute=name, column_name=name, widget=TextWidget())


class ParticipantResource(ContentResource):
    id = Column("id", lambda p: p.pk)
    person_id = Column("person_id", lambda p: p.person_id)
    person = Column(
        "person",
        lambda p: (
            marked_new(english(p.person, "name"), ("person", p.person_id) in created(p))
            if p.person_id
            else ""
        ),
    )
    other_name = Column("other_name", lambda p: p.person.name_alt if p.person_id else "")
    role = Column("role")
    remote = Column("remote", lambda p: BoolWidget().render(p.remote))
    session = Column("session", lambda p: english(p.session, "title") if p.session_id else "")
    post = Column(
        "post",
        lambda p: join_list(
            marked_new(english(post, "title"), ("post", post.pk) in created(p))
            for post in posts_of(p)
        ),
        related=True,
    )
    organization = Column(
        "organization",
        lambda p: join_list(english(post.organization, "name") for post in posts_of(p)),
        related=True,
    )
    order = Column("order")
    locals().update({name: text_field(name) for name in TEXTS})

    class Meta(ContentResource.Meta):
        model = Participation
        fields = [
            "id",
            "person_id",
            "person",
            "other_name",
            "role",
            "remote",
            "session",
            "post",
            "organization",
            "order",
            *TEXTS,
        ]
        import_order = export_order = fields

    export_select_related = ["person", "session"]
    export_prefetch_related = [
        Prefetch("positions", queryset=Position.objects.select_related("organization"))
    ]

    def __init__(self, conference=None, **kwargs):
        super().__init__(**kwargs)
        self.conference = conference

    def get_queryset(self):
        return Participation.objects.filter(conference=self.conference)

    def before_import(self, dataset, **kwargs):
        self.people = people_index()
        self.organizations, self.organization_labels = organization_index()
        self.existing = {
            row.pk: row for row in self.filter_export(self.get_queryset()).select_related("person")
        }
        warm(self, self.existing.values())
        self.sessions = NameIndex()
        self.session_rows = {}
        for session in Session.objects.filter(conference=self.conference):
            self.sessions.add(session.pk, *(getattr(session, name) for name in columns("title")))
            self.session_rows[session.pk] = session

    # Finding the row's participation: its id in this conference, else person and role.

    def find_instance(self, row):
        given = row.get("id", "")
        if given:
            found = self.existing.get(int(given)) if given.isdigit() else None
            if found is None:
                raise RowError(
                    "id", gettext("no participant of this conference has the id %s") % given
                )
            return found
        return self.find_existing(row)

    def find_existing(self, row):
        """Raises ``RowError``, which ``ContentResource.get_instance`` files under its column."""
        person = self.find_person(row)
        try:
            role = read_choice(Participation.Role, row.get("role", ""), Participation.Role.SPEAKER)
        except ValueError as error:
            raise RowError("role", str(error)) from error
        if person is None:
            return None
        for participation in self.existing.values():
            if participation.person_id == person and participation.role == role:
                return participation
        return None

    def find_person(self, row):
        """The id of the person the row names, or None when they are new."""
        given = row.get("person_id", "")
        if given:
            if not given.isdigit() or not Person.objects.filter(pk=given).exists():
                raise RowError("person_id", gettext("no person has the id %s") % given)
            return int(given)
        name, other = row.get("person", ""), row.get("other_name", "")
        if not name:
            raise RowError("person", gettext("give the person's name"))
        for text in (name, other):
            found = self.people.find(text) if text else set()
            if len(found) > 1:
                raise RowError(
                    "person",
                    gettext("'%(name)s' names several people (ids %(ids)s): give person_id")
                    % {"name": text, "ids": ", ".join(str(pk) for pk in sorted(found))},
                )
            if found:
                return found.pop()
        return None

    def init_instance(self, row=None):
        return Participation(conference=self.conference)

    # Reading the row.

    def check_rows(self, instance, row, new):
        self.plan = {}
        if new:
            person = self.find_person(row)
            if person is None:
                # Created now, so that the row is checked whole (a participation needs its
                # person); an error anywhere in the file rolls it back with the rest, and
                # so does the preview. Its own revision names the importer, as the
                # participation's does: the person's history starts with this import.
                name, other = row.get("person", ""), row.get("other_name", "")
                with services.history(self.user, str(self.comment)):
                    person = new_person(name, other).pk
                self.people.add(person, name, other)
                created(instance).add(("person", person))
            instance.person_id = person
        readers = {
            "role": lambda text: read_choice(
                Participation.Role, text, instance.role or Participation.Role.SPEAKER
            ),
            "remote": BoolWidget().clean,
            "order": self.read_order,
            "session": self.read_session,
        }
        for name, reader in readers.items():
            if name in row:
                try:
                    value = reader(row[name])
                except ValueError as error:
                    raise RowError(name, str(error)) from error
                setattr(instance, name, value)
        if "post" in row or "organization" in row:
            self.plan["posts"] = self.read_posts(instance, row)

    def read_order(self, text):
        if not text:
            return 0
        if not text.isdigit():
            raise RowError("order", gettext("'%s' is not a whole number") % text)
        return int(text)

    def read_session(self, text):
        if not text:
            return None
        found = self.sessions.find(text)
        if not found:
            raise RowError("session", gettext("this conference has no agenda item '%s'") % text)
        return self.session_rows[min(found)]

    def read_posts(self, instance, row):
        """(title, organization id) pairs; a post the person holds is given by its id."""
        titles, names = split_list(row.get("post", "")), split_list(row.get("organization", ""))
        if len(names) == 1 and len(titles) > 1:
            names = names * len(titles)
        if len(titles) != len(names):
            raise RowError(
                "organization",
                gettext(
                    "give one organization for each post (%(posts)d posts, %(orgs)d organizations)"
                )
                % {"posts": len(titles), "orgs": len(names)},
            )
        held = (
            list(Position.objects.filter(person=instance.person_id)) if instance.person_id else []
        )
        wanted = []
        for title, name in zip(titles, names, strict=True):
            found = self.organizations.find(name)
            organization = one_of(
                found, self.organization_labels, "organization", name, gettext("organization")
            )
            key = NameIndex()
            key.add(0, title)
            post = next(
                (
                    post.pk
                    for post in held
                    if post.organization_id == organization
                    and key.find(*(getattr(post, name) for name in columns("title")))
                ),
                None,
            )
            wanted.append(post or (title, organization))
        return wanted

    def rows_unchanged(self, instance) -> bool:
        if "posts" not in self.plan:
            return True
        return self.plan["posts"] == [post.pk for post in instance.positions.all()]

    # Writing.

    def save_instance(self, instance, is_create, row, **kwargs):
        super().save_instance(instance, is_create, row, **kwargs)
        self.existing[instance.pk] = instance

    def save_rows(self, instance, row, new):
        if "posts" in self.plan:
            posts = []
            for post in self.plan["posts"]:
                if isinstance(post, tuple):
                    title, organization = post
                    post = services.save(
                        Position(
                            person=instance.person,
                            organization_id=organization,
                            **in_columns("title", title),
                        )
                    ).pk
                    created(instance).add(("post", post))
                posts.append(post)
            # The participation was saved just before (``save_instance``): only its posts
            # are written here (an empty ``update_fields`` saves no column).
            services.save(instance, update_fields=(), m2m={"positions": posts})
            forget(instance)  # the preview's "after" reads them as saved
        if reversion.is_active() and reversion.is_registered(Participation):
            reversion.add_to_revision(instance)  # again, now with its posts
