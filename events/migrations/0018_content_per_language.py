"""Content per language: a column per language beside each translated field
(django-modeltranslation, events/translation.py), and the text written so far copied
into the English column (it was all written in English). Frozen: the copy names the
fields here, it reads no live code."""

from django.db import migrations, models
from django.db.models import F

# model → its translated fields, as they were registered when this was written.
TRANSLATED = {
    "Conference": ("title", "theme", "summary", "body", "venue", "city", "country"),
    "Session": ("title", "description"),
    "Organization": ("name", "short_name", "description", "city", "region", "country"),
    "Person": ("name", "bio"),
    "Position": ("title",),
    "Topic": ("name",),
    "MediaItem": ("caption", "alt_text", "credit"),
    "KeyFigure": ("label",),
    "Participation": ("remarks", "quote"),
}


def copy_into_english(apps, schema_editor):
    for model_name, names in TRANSLATED.items():
        model = apps.get_model("events", model_name)
        model._base_manager.update(**{f"{name}_en": F(name) for name in names})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0017_conference_end_index_covers_start"),
    ]

    operations = [
        migrations.AddField(
            model_name="conference",
            name="body_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="body_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="body_zh_hant",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="city_en",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="city_zh_hans",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="city_zh_hant",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="country_en",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="country_zh_hans",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="country_zh_hant",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="summary_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="summary_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="summary_zh_hant",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="theme_en",
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="theme_zh_hans",
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="theme_zh_hant",
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="title_en",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="title_zh_hans",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="title_zh_hant",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="venue_en",
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="venue_zh_hans",
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="conference",
            name="venue_zh_hant",
            field=models.CharField(blank=True, max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="label_en",
            field=models.CharField(
                help_text="What is counted, e.g. “Hong Kong-funded projects”.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="label_zh_hans",
            field=models.CharField(
                help_text="What is counted, e.g. “Hong Kong-funded projects”.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="label_zh_hant",
            field=models.CharField(
                help_text="What is counted, e.g. “Hong Kong-funded projects”.",
                max_length=200,
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="alt_text_en",
            field=models.CharField(
                blank=True,
                help_text="What the image shows, for people who cannot see it.",
                max_length=300,
                null=True,
                verbose_name="alt text",
            ),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="alt_text_zh_hans",
            field=models.CharField(
                blank=True,
                help_text="What the image shows, for people who cannot see it.",
                max_length=300,
                null=True,
                verbose_name="alt text",
            ),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="alt_text_zh_hant",
            field=models.CharField(
                blank=True,
                help_text="What the image shows, for people who cannot see it.",
                max_length=300,
                null=True,
                verbose_name="alt text",
            ),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="caption_en",
            field=models.CharField(max_length=500, null=True),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="caption_zh_hans",
            field=models.CharField(max_length=500, null=True),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="caption_zh_hant",
            field=models.CharField(max_length=500, null=True),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="credit_en",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="credit_zh_hans",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="mediaitem",
            name="credit_zh_hant",
            field=models.CharField(blank=True, max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="city_en",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="city_zh_hans",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="city_zh_hant",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="country_en",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="country_zh_hans",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="country_zh_hant",
            field=models.CharField(blank=True, max_length=120, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="description_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="description_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="description_zh_hant",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="name_en",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="name_zh_hans",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="name_zh_hant",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="region_en",
            field=models.CharField(
                blank=True, help_text="Province, state or SAR.", max_length=120, null=True
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="region_zh_hans",
            field=models.CharField(
                blank=True, help_text="Province, state or SAR.", max_length=120, null=True
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="region_zh_hant",
            field=models.CharField(
                blank=True, help_text="Province, state or SAR.", max_length=120, null=True
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="short_name_en",
            field=models.CharField(
                blank=True, help_text="Acronym or short form, e.g. HKTDC.", max_length=60, null=True
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="short_name_zh_hans",
            field=models.CharField(
                blank=True, help_text="Acronym or short form, e.g. HKTDC.", max_length=60, null=True
            ),
        ),
        migrations.AddField(
            model_name="organization",
            name="short_name_zh_hant",
            field=models.CharField(
                blank=True, help_text="Acronym or short form, e.g. HKTDC.", max_length=60, null=True
            ),
        ),
        migrations.AddField(
            model_name="participation",
            name="quote_en",
            field=models.TextField(blank=True, help_text="Their own words, as quoted.", null=True),
        ),
        migrations.AddField(
            model_name="participation",
            name="quote_zh_hans",
            field=models.TextField(blank=True, help_text="Their own words, as quoted.", null=True),
        ),
        migrations.AddField(
            model_name="participation",
            name="quote_zh_hant",
            field=models.TextField(blank=True, help_text="Their own words, as quoted.", null=True),
        ),
        migrations.AddField(
            model_name="participation",
            name="remarks_en",
            field=models.TextField(blank=True, help_text="A summary of what they said.", null=True),
        ),
        migrations.AddField(
            model_name="participation",
            name="remarks_zh_hans",
            field=models.TextField(blank=True, help_text="A summary of what they said.", null=True),
        ),
        migrations.AddField(
            model_name="participation",
            name="remarks_zh_hant",
            field=models.TextField(blank=True, help_text="A summary of what they said.", null=True),
        ),
        migrations.AddField(
            model_name="person",
            name="bio_en",
            field=models.TextField(blank=True, null=True, verbose_name="short biography"),
        ),
        migrations.AddField(
            model_name="person",
            name="bio_zh_hans",
            field=models.TextField(blank=True, null=True, verbose_name="short biography"),
        ),
        migrations.AddField(
            model_name="person",
            name="bio_zh_hant",
            field=models.TextField(blank=True, null=True, verbose_name="short biography"),
        ),
        migrations.AddField(
            model_name="person",
            name="name_en",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="person",
            name="name_zh_hans",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="person",
            name="name_zh_hant",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.AddField(
            model_name="position",
            name="title_en",
            field=models.CharField(
                help_text="For example “Mayor of Nanjing”.", max_length=200, null=True
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="title_zh_hans",
            field=models.CharField(
                help_text="For example “Mayor of Nanjing”.", max_length=200, null=True
            ),
        ),
        migrations.AddField(
            model_name="position",
            name="title_zh_hant",
            field=models.CharField(
                help_text="For example “Mayor of Nanjing”.", max_length=200, null=True
            ),
        ),
        migrations.AddField(
            model_name="session",
            name="description_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="description_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="description_zh_hant",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="title_en",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="title_zh_hans",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="session",
            name="title_zh_hant",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_en",
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_zh_hans",
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_zh_hant",
            field=models.CharField(max_length=100, null=True),
        ),
        migrations.AddIndex(
            model_name="conference",
            index=models.Index(fields=["city_en"], name="events_conf_city_idx-en"),
        ),
        migrations.AddIndex(
            model_name="conference",
            index=models.Index(fields=["city_zh_hans"], name="events_conf_city_idx-zh-hans"),
        ),
        migrations.AddIndex(
            model_name="conference",
            index=models.Index(fields=["city_zh_hant"], name="events_conf_city_idx-zh-hant"),
        ),
        migrations.AddIndex(
            model_name="conference",
            index=models.Index(fields=["title_en", "id"], name="events_conf_title_idx-en"),
        ),
        migrations.AddIndex(
            model_name="conference",
            index=models.Index(
                fields=["title_zh_hans", "id"], name="events_conf_title_idx-zh-hans"
            ),
        ),
        migrations.AddIndex(
            model_name="conference",
            index=models.Index(
                fields=["title_zh_hant", "id"], name="events_conf_title_idx-zh-hant"
            ),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["name_en"], name="events_org_name_idx-en"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["name_zh_hans"], name="events_org_name_idx-zh-hans"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["name_zh_hant"], name="events_org_name_idx-zh-hant"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["kind", "name_en"], name="events_org_kind_name_idx-en"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["kind", "name_zh_hans"], name="events_orga_kind_e48f65_idx"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["kind", "name_zh_hant"], name="events_orga_kind_9a2c4b_idx"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["city_en"], name="events_org_city_idx-en"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["city_zh_hans"], name="events_org_city_idx-zh-hans"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["city_zh_hant"], name="events_org_city_idx-zh-hant"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["name_en"], name="events_person_name_idx-en"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["name_zh_hans"], name="events_person_name_idx-zh-hans"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["name_zh_hant"], name="events_person_name_idx-zh-hant"),
        ),
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
