"""Search text again for every agreement: it now lists pairs of neighbouring CJK
characters, so that two-character Chinese words are found from the trigram index."""

from django.db import migrations

from events.search import backfill


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_search_text"),
        ("events", "0008_search_text_cjk_pairs"),
    ]

    operations = [
        backfill("partnerships", "agreement", ["title", "summary", "place"]),
    ]
