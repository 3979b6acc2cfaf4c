"""Search text again for every row: it now lists pairs of neighbouring CJK characters,
so that two-character Chinese words are found from the trigram index."""

from django.db import migrations

from events.search import backfill


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
