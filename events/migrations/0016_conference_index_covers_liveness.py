"""The index of the public list in date order also holds whether each row is live, so
that counting what a search finds reads no row (see Conference.Meta.indexes)."""

from django.db import migrations, models


def refresh_statistics(*tables):
    """ANALYZE these tables, so that the query planner knows the index just made
    (a copy, as 0010_covering_indexes has it: old migrations import no live code)."""

    def forwards(apps, schema_editor):
        for table in tables:
            schema_editor.execute(f"ANALYZE {schema_editor.quote_name(table)}")

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0015_conference_search_holds_participants'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='conference',
            index=models.Index(fields=['publication_status', 'start_date', 'published_at', 'unpublish_at'], name='events_conf_live_start_idx'),
        ),
        migrations.RemoveIndex(
            model_name='conference',
            name='events_conf_status_start_idx',
        ),
        refresh_statistics("events_conference"),
    ]
