"""People and organizations keep a pinyin sort key (events/sorting.py), filled here for
the rows there are, so that Chinese lists are in pinyin order, not by code points."""

import functools
import re
import unicodedata

import opencc
from django.db import migrations, models

# Frozen copies of what this migration computes, as events/sorting.py computed it when
# the migration was written: later changes to the live code must not change what it does.
KEY_LENGTH = 400
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
WORD = re.compile(r"[^\W_]+")
SURNAMES = {
    "曾": "zeng1",
    "单": "shan4",
    "單": "shan4",
    "解": "xie4",
    "区": "ou1",
    "區": "ou1",
    "仇": "qiu2",
    "朴": "piao2",
    "查": "zha1",
    "盖": "ge3",
    "蓋": "ge3",
    "乐": "yue4",
    "樂": "yue4",
    "尉": "yu4",
    "缪": "miao4",
    "繆": "miao4",
    "覃": "qin2",
    "种": "chong2",
    "種": "chong2",
    "召": "shao4",
    "柏": "bai3",
    "秘": "bi4",
}
BATCH = 2000


def letters(text):
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(WORD.findall(plain))


@functools.cache
def simplified():
    return opencc.OpenCC("t2s")


def pinyin_key(text, person):
    from pypinyin import Style, lazy_pinyin

    text = simplified().convert(text.strip())
    first = []
    if person and text[:1] in SURNAMES:
        first, text = [SURNAMES[text[0]]], text[1:]
    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join([*first, *(letters(syllable) for syllable in syllables)]).strip()


def name_key(record, person):
    for field in ("name_zh_hans", "name_zh_hant", "name_alt", "name"):
        value = getattr(record, field, "") or ""
        if HAN.search(value):
            key = pinyin_key(value, person)
            break
    else:
        key = letters(getattr(record, "name_en", "") or record.name or "")
    return " ".join(key.split())[:KEY_LENGTH]


def backfill(model_names):
    """Fill ``sort_pinyin`` of every row of these models (person, organization)."""

    def forwards(apps, schema_editor):
        alias = schema_editor.connection.alias
        for name in model_names:
            model = apps.get_model("events", name)
            manager = model._default_manager.using(alias)
            rows, last = manager.order_by("pk"), None
            while batch := list((rows if last is None else rows.filter(pk__gt=last))[:BATCH]):
                last = batch[-1].pk
                changed = []
                for record in batch:
                    key = name_key(record, person=name == "person")
                    if key != record.sort_pinyin:
                        record.sort_pinyin = key
                        changed.append(record)
                manager.bulk_update(changed, ["sort_pinyin"], batch_size=500)

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0020_search_text_folds_scripts"),
    ]

    operations = [
        migrations.AddField(
            model_name="organization",
            name="sort_pinyin",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=400, verbose_name="pinyin sort key"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="sort_pinyin",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=400, verbose_name="pinyin sort key"
            ),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["sort_pinyin"], name="events_org_pinyin_idx"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["kind", "sort_pinyin"], name="events_org_kind_pinyin_idx"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["sort_pinyin"], name="events_person_pinyin_idx"),
        ),
        # Last: on PostgreSQL no table is altered after its rows were written.
        migrations.RunPython(backfill(("person", "organization")), migrations.RunPython.noop),
    ]
