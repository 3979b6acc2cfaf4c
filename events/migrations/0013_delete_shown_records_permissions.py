"""Deleting a person, organization or topic that a published record shows takes its own
permission (granted to the Administrator role by partnerships' 0011, where the roles are
set up)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_dates_in_sane_range"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="organization",
            options={
                "ordering": ["name"],
                "permissions": [
                    (
                        "delete_published_organization",
                        "Can delete organizations shown on published records",
                    )
                ],
            },
        ),
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("delete_published_person", "Can delete people shown on published records")
                ],
                "verbose_name_plural": "people",
            },
        ),
        migrations.AlterModelOptions(
            name="topic",
            options={
                "ordering": ["name"],
                "permissions": [
                    ("delete_published_topic", "Can delete topics shown on published records")
                ],
            },
        ),
    ]
