"""The three editorial roles as groups: Editor, Publisher, Administrator.

Editor: creates and edits drafts of all content, cannot publish, unpublish or delete
published records. Publisher: also publishes and unpublishes. Administrator: every
permission on the content, the users and groups, and the sign-in throttling records.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

CONTENT_APPS = ["events", "partnerships"]


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    publishing = Q(codename__startswith="publish_")
    deleting_published = Q(codename__startswith="delete_published_")

    roles = {
        "Editor": content.exclude(publishing | deleting_published),
        "Publisher": content.exclude(deleting_published),
        "Administrator": Permission.objects.filter(
            content_type__app_label__in=[*CONTENT_APPS, "auth", "axes"]
        ),
    }
    for name, permissions in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Editor", "Publisher", "Administrator"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
        ("events", "0004_publishing_permissions"),
        ("partnerships", "0003_publishing_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
