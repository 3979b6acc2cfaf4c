"""Deleting a person, organization or topic that a published record shows takes its own
permission (events' 0013), which only the Administrator role has, like deleting a
published record. The roles are set up here (0004), so the grant is here too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["delete_published_organization", "delete_published_person", "delete_published_topic"]


def grant_to_administrators(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs them now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.filter(name="Administrator").first()
    if administrators:
        administrators.permissions.add(
            *Permission.objects.filter(content_type__app_label="events", codename__in=CODENAMES)
        )


def withdraw(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="events", codename__in=CODENAMES
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0013_delete_shown_records_permissions"),
        ("partnerships", "0010_dates_in_sane_range"),
    ]

    operations = [migrations.RunPython(grant_to_administrators, withdraw)]
