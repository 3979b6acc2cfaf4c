"""Search text again for every conference: it now holds its topics' names and the search
text of its organizers and participants (events/models/conference_search.py), so that
the conference list finds them from its own index. Data only."""

import re
import unicodedata
from collections import defaultdict

from django.db import migrations

# Frozen copies of what this migration computes, as the live search code
# (events/search/text.py, events/models/conference_search.py) computed it when the
# migration was written: later changes to the live code must not change what it does.
PAIR_MARK = "\ue000"
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")
FIELDS = ("title", "theme", "summary", "body", "venue", "city", "country")
BATCH = 2000


def normalize(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def searchable(text):
    text = normalize(text)
    pairs = {
        run[i : i + 2] + PAIR_MARK for run in CJK_RUN.findall(text) for i in range(len(run) - 1)
    }
    return " ".join([text, *sorted(pairs)]) if pairs else text


def backfill():
    """Fill every conference's ``search_text`` from its fields, topics, organizers' and
    participants' search text."""

    def forwards(apps, schema_editor):
        alias = schema_editor.connection.alias
        conference = apps.get_model("events", "Conference")
        organizer = apps.get_model("events", "Organizer")
        participation = apps.get_model("events", "Participation")
        topics = conference.topics.through
        pks = list(conference._default_manager.using(alias).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            batch = pks[start : start + BATCH]
            words, held = defaultdict(set), defaultdict(set)
            rows = topics._default_manager.using(alias).filter(conference_id__in=batch)
            for pk, name in rows.values_list("conference_id", "topic__name"):
                words[pk].add(name)
            for model, field in ((organizer, "organization"), (participation, "person")):
                rows = model._default_manager.using(alias).filter(conference_id__in=batch)
                for pk, text in rows.values_list("conference_id", f"{field}__search_text"):
                    held[pk].add(text)
            changed = []
            for row in conference._default_manager.using(alias).filter(pk__in=batch):
                parts = [str(getattr(row, field) or "") for field in FIELDS]
                own = searchable(" ".join([*parts, *sorted(words[row.pk])]))
                text = " ".join(part for part in (own, *sorted(held[row.pk])) if part)
                if text != row.search_text:
                    row.search_text = text
                    changed.append(row)
            conference._default_manager.using(alias).bulk_update(changed, ["search_text"], batch_size=500)

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0014_session_date_and_person_honorific"),
    ]

    operations = [migrations.RunPython(backfill(), migrations.RunPython.noop)]
