"""Search text again for every row: it now lists pairs of neighbouring CJK characters,
so that two-character Chinese words are found from the trigram index."""

import re
import unicodedata

from django.db import migrations

# Frozen copies of what this migration computes, as the live search code
# (events/search.py) computed it when the migration was written: later changes to the
# live code must not change what an old migration does.
PAIR_MARK = "\ue000"  # a private-use character: never in real text
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")


def normalize(text):
    """Full-width forms folded, case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def searchable(text):
    """The text normalized, then each pair of neighbouring CJK characters + PAIR_MARK."""
    text = normalize(text)
    pairs = {
        run[i : i + 2] + PAIR_MARK for run in CJK_RUN.findall(text) for i in range(len(run) - 1)
    }
    return " ".join([text, *sorted(pairs)]) if pairs else text


def backfill(app_label, model_name, fields, related=None):
    """Fill ``search_text`` of every row from its fields (and one related field)."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model._default_manager.using(schema_editor.connection.alias).order_by("pk")
        if related:
            rows = rows.prefetch_related(related[0])
        batch = []
        for row in rows.iterator(chunk_size=2000):
            parts = [str(getattr(row, field) or "") for field in fields]
            if related:
                accessor, field = related
                parts.extend(
                    getattr(related_row, field) for related_row in getattr(row, accessor).all()
                )
            row.search_text = searchable(" ".join(parts))
            batch.append(row)
            if len(batch) == 2000:
                model._default_manager.bulk_update(batch, ["search_text"])
                batch = []
        model._default_manager.bulk_update(batch, ["search_text"])

    return migrations.RunPython(forwards, migrations.RunPython.noop)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_conference_date_indexes"),
    ]

    operations = [
        backfill(
            "events",
            "conference",
            ["title", "theme", "summary", "body", "venue", "city", "country"],
        ),
        backfill("events", "organization", ["name", "short_name", "city"], ("aliases", "name")),
        backfill("events", "person", ["name", "name_alt"], ("positions", "title")),
    ]
