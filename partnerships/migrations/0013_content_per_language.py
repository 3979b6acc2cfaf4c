"""Content per language: a column per language beside each translated field
(django-modeltranslation, partnerships/translation.py), and the text written so far copied
into the English column (it was all written in English). Frozen: the copy names the
fields here, it reads no live code."""

from django.db import migrations, models
from django.db.models import F

# model → its translated fields, as they were registered when this was written.
TRANSLATED = {"Agreement": ("title", "summary", "place"), "AgreementDocument": ("title",)}


def copy_into_english(apps, schema_editor):
    for model_name, names in TRANSLATED.items():
        model = apps.get_model("partnerships", model_name)
        model._base_manager.update(**{f"{name}_en": F(name) for name in names})


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0018_content_per_language"),
        ("partnerships", "0012_agreement_search_holds_parties"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="place_en",
            field=models.CharField(
                blank=True, help_text="Where it was signed.", max_length=200, null=True
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="place_zh_hans",
            field=models.CharField(
                blank=True, help_text="Where it was signed.", max_length=200, null=True
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="place_zh_hant",
            field=models.CharField(
                blank=True, help_text="Where it was signed.", max_length=200, null=True
            ),
        ),
        migrations.AddField(
            model_name="agreement",
            name="summary_en",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="agreement",
            name="summary_zh_hans",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="agreement",
            name="summary_zh_hant",
            field=models.TextField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="agreement",
            name="title_en",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="agreement",
            name="title_zh_hans",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="agreement",
            name="title_zh_hant",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="agreementdocument",
            name="title_en",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="agreementdocument",
            name="title_zh_hans",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddField(
            model_name="agreementdocument",
            name="title_zh_hant",
            field=models.CharField(max_length=300, null=True),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(fields=["title_en", "id"], name="partnerships_title_idx-en"),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                fields=["title_zh_hans", "id"], name="partnerships_title_idx-zh-hans"
            ),
        ),
        migrations.AddIndex(
            model_name="agreement",
            index=models.Index(
                fields=["title_zh_hant", "id"], name="partnerships_title_idx-zh-hant"
            ),
        ),
        migrations.RunPython(copy_into_english, migrations.RunPython.noop),
    ]
