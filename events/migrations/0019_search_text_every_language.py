"""Search text again for every person, organization and conference: it now holds each
translated field's text in every language (a person's posts and a conference's topics
too), so that a search in any language finds the record. Data only.

Right after 0018 only the English columns hold text, so this changes nothing on a
database that had one language; it makes the text again from the language columns, as
every later save does."""

import re
import unicodedata
from collections import defaultdict

from django.db import migrations

# Frozen copies of what this migration computes, as the live code (events/search/text.py,
# events/search/__init__.py's make_search_text, events/languages.py's texts_of,
# events/models/conference_search.py) computed it when the migration was written.
PAIR_MARK = "\ue000"
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")
LANGUAGES = ("en", "zh_hans", "zh_hant")
BATCH = 2000


def normalize(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def searchable(text):
    text = normalize(text)
    pairs = {
        run[i : i + 2] + PAIR_MARK for run in CJK_RUN.findall(text) for i in range(len(run) - 1)
    }
    return " ".join([text, *sorted(pairs)]) if pairs else text


def texts(row, field):
    """The field's text in each language that has one (each once), or its one text."""
    found = []
    for code in LANGUAGES:
        value = getattr(row, f"{field}_{code}", None)
        if value and value not in found:
            found.append(value)
    if not found and not hasattr(row, f"{field}_en"):
        value = getattr(row, field, None)
        if value:
            found.append(value)
    return found


def distinct(values):
    return list(dict.fromkeys(value for value in values if value))


def join(own, held):
    return " ".join(part for part in (own, *held) if part)


def save_changed(model, rows, alias):
    model._default_manager.using(alias).bulk_update(rows, ["search_text"], batch_size=500)


def backfill(model_name, fields=(), words=None):
    """People and organizations: their fields, then their related words (``words(rows)``
    → key → words, in the order the live code reads them); conferences, see below."""

    def forwards(apps, schema_editor):
        if model_name == "Conference":
            return conferences(apps, schema_editor)
        alias = schema_editor.connection.alias
        model = apps.get_model("events", model_name)
        pks = list(model._default_manager.using(alias).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            rows = list(model._default_manager.using(alias).filter(pk__in=pks[start : start + BATCH]))
            related = words(apps, alias, [row.pk for row in rows])
            changed = []
            for row in rows:
                parts = [text for field in fields for text in texts(row, field)]
                text = searchable(" ".join([*parts, *related[row.pk]]))
                if text != row.search_text:
                    row.search_text = text
                    changed.append(row)
            save_changed(model, changed, alias)

    return forwards


def posts_held(apps, alias, pks):
    found = defaultdict(list)
    position = apps.get_model("events", "Position")
    rows = position._default_manager.using(alias).filter(person_id__in=pks).order_by("order", "id")
    columns = [f"title_{code}" for code in LANGUAGES]
    for person_id, *titles in rows.values_list("person_id", *columns):
        found[person_id].extend(distinct(titles))
    return found


def other_names(apps, alias, pks):
    found = defaultdict(list)
    alias_model = apps.get_model("events", "OrganizationAlias")
    rows = alias_model._default_manager.using(alias).filter(organization_id__in=pks)
    for organization_id, name in rows.order_by("name", "id").values_list("organization_id", "name"):
        found[organization_id].append(name)
    return found


CONFERENCE_FIELDS = ("title", "theme", "summary", "body", "venue", "city", "country")


def conferences(apps, schema_editor):
    alias = schema_editor.connection.alias
    conference = apps.get_model("events", "Conference")
    organizer = apps.get_model("events", "Organizer")
    participation = apps.get_model("events", "Participation")
    topics = conference.topics.through
    pks = list(conference._default_manager.using(alias).order_by("pk").values_list("pk", flat=True))
    names = [f"topic__name_{code}" for code in LANGUAGES]
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        words, held = defaultdict(set), defaultdict(set)
        rows = topics._default_manager.using(alias).filter(conference_id__in=batch)
        for pk, *topic_names in rows.values_list("conference_id", *names):
            words[pk].update(distinct(topic_names))
        for model, field in ((organizer, "organization"), (participation, "person")):
            rows = model._default_manager.using(alias).filter(conference_id__in=batch)
            for pk, text in rows.values_list("conference_id", f"{field}__search_text"):
                held[pk].add(text)
        changed = []
        for row in conference._default_manager.using(alias).filter(pk__in=batch):
            parts = [text for field in CONFERENCE_FIELDS for text in texts(row, field)]
            own = searchable(" ".join([*parts, *sorted(words[row.pk])]))
            text = join(own, sorted(held[row.pk]))
            if text != row.search_text:
                row.search_text = text
                changed.append(row)
        save_changed(conference, changed, alias)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0018_content_per_language"),
    ]

    operations = [
        migrations.RunPython(
            backfill("Person", ("name", "name_alt"), posts_held), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill("Organization", ("name", "short_name", "city"), other_names),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(backfill("Conference"), migrations.RunPython.noop),
    ]
