"""Places and their other names (events/search/places.py), with the places of this
site's conferences and their usual other names to start with; editors may change them
(the admin's Places). The editorial roles get the same rights on them as on topics."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

# The places to start with, frozen as written: (name, other names).
PLACES = [
    ("Macao", ["Macau", "澳门", "澳門", "Macao SAR", "Macau SAR"]),
    ("Hong Kong", ["HK", "HKSAR", "Hongkong", "香港", "Hong Kong SAR"]),
    ("Guangzhou", ["Canton", "Kwangchow", "广州", "廣州"]),
    ("Nanjing", ["Nanking", "南京"]),
    ("Beijing", ["Peking", "北京"]),
    ("Shanghai", ["上海"]),
    ("Shenzhen", ["深圳"]),
    ("Zhuhai", ["珠海"]),
    ("Xiamen", ["Amoy", "厦门", "廈門"]),
    ("Tianjin", ["Tientsin", "天津"]),
    ("Chongqing", ["Chungking", "重庆", "重慶"]),
    ("Suzhou", ["Soochow", "苏州", "蘇州"]),
    ("Hangzhou", ["Hangchow", "杭州"]),
    ("Fuzhou", ["Foochow", "福州"]),
    ("Qingdao", ["Tsingtao", "青岛", "青島"]),
    ("Wuhan", ["武汉", "武漢"]),
    ("Chengdu", ["Chengtu", "成都"]),
    ("Xi'an", ["Xian", "Sian", "西安"]),
    ("Taipei", ["台北", "臺北"]),
    ("Guangdong", ["Kwangtung", "广东", "廣東"]),
    ("Jiangsu", ["Kiangsu", "江苏", "江蘇"]),
    ("Fujian", ["Fukien", "福建"]),
    ("Greater Bay Area", ["GBA", "大湾区", "大灣區", "粤港澳大湾区", "粵港澳大灣區"]),
]
ROLES = ["Editor", "Publisher", "Administrator"]


def add_places(apps, schema_editor):
    place = apps.get_model("events", "Place")
    manager = place._default_manager.using(schema_editor.connection.alias)
    there = set(manager.values_list("name", flat=True))
    # (bulk_create: no signals, which would reach tables not made yet)
    manager.bulk_create(
        place(name=name, other_names="\n".join(other_names))
        for name, other_names in PLACES
        if name not in there
    )


def grant_to_roles(apps, schema_editor):
    """The roles, where they exist already, may add, change, delete and view places
    (made later, the roles get them with every other content permission)."""
    config = apps.get_app_config("events")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    rights = Permission.objects.filter(
        content_type__app_label="events", content_type__model="place"
    )
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*rights)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0021_name_pinyin_sort_key"),
    ]

    operations = [
        migrations.CreateModel(
            name="Place",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(help_text="For example “Macao”.", max_length=120, unique=True),
                ),
                (
                    "other_names",
                    models.TextField(
                        blank=True,
                        help_text="One a line: other spellings (Macau), short forms (HK), the "
                        "name in Chinese (澳门, 澳門) and older names (Canton). A search for any "
                        "of them finds records that give any other.",
                    ),
                ),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.RunPython(add_places, migrations.RunPython.noop),
        migrations.RunPython(grant_to_roles, migrations.RunPython.noop),
    ]
