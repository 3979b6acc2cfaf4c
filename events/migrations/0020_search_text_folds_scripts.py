"""Search text folded for every row: traditional (and Hong Kong and Taiwan variant)
Chinese characters stored as simplified ones (events/search/text.py, ``fold_scripts``),
so that 韓立明 finds 韩立明 and back. Data only.

The stored text itself is folded, not made again from the records' fields: each run of
words is folded a character at a time and its CJK pair tokens made again from the
folded words. Whatever the text holds (a conference's holds its participants' texts;
another migration may have rebuilt it from new columns), the result is that text
folded, and running this again changes nothing: it may run before or after any
migration that rebuilds the text the old way, as long as it runs after it."""

import re

import opencc
from django.db import migrations

# Frozen copies of what this migration computes, as the live search code
# (events/search/text.py) computed it when the migration was written: later changes to
# the live code must not change what it does.
PAIR_MARK = "\ue000"
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")
COMMON_CJK = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))
RARE_CJK = ((0x20000, 0x2EBEF), (0x2F800, 0x2FA1F), (0x30000, 0x3134F))
FOLDS = (("t2s", COMMON_CJK + RARE_CJK), ("hk2s", COMMON_CJK), ("tw2s", COMMON_CJK))
MODELS = ("conference", "organization", "person")
BATCH = 2000


def script_table():
    """A character → its simplified form (OpenCC, a character at a time)."""
    found = {}
    for config, blocks in FOLDS:
        characters = [chr(point) for start, end in blocks for point in range(start, end + 1)]
        converted = opencc.OpenCC(config).convert("\n".join(characters)).split("\n")
        simplified = set(found.values())
        for character, simple in zip(characters, converted, strict=True):
            if len(simple) == 1 and simple != character and character not in simplified:
                found.setdefault(character, simple)
    table = {}
    for character, simple in found.items():
        while simple in found and simple != character:
            simple = found[simple]
        table[ord(character)] = simple
    return table


def cjk_pairs(text):
    return sorted(
        {run[i : i + 2] + PAIR_MARK for run in CJK_RUN.findall(text) for i in range(len(run) - 1)}
    )


def folded(text, table):
    """The stored text with its words folded and each run's pair tokens made again: a
    stored text is runs of words, each followed by the pair tokens of its words."""
    if text.isascii():
        return text
    parts, run, after_pairs = [], [], False

    def close():
        words = " ".join(run).translate(table)
        parts.extend([words, *cjk_pairs(words)] if words else [])

    for word in text.split():
        if word.endswith(PAIR_MARK):
            after_pairs = True
            continue
        if after_pairs:
            close()
            run, after_pairs = [], False
        run.append(word)
    close()
    return " ".join(parts)


def backfill(app_label, models):
    """Fold the stored ``search_text`` of every row of these models."""

    def forwards(apps, schema_editor):
        alias = schema_editor.connection.alias
        table = script_table()
        for name in models:
            model = apps.get_model(app_label, name)
            manager = model._default_manager.using(alias)
            rows, last = manager.order_by("pk").values_list("pk", "search_text"), None
            while batch := list((rows if last is None else rows.filter(pk__gt=last))[:BATCH]):
                last = batch[-1][0]
                changed = [
                    model(pk=pk, search_text=new)
                    for pk, text in batch
                    if (new := folded(text, table)) != text
                ]
                manager.bulk_update(changed, ["search_text"], batch_size=500)

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0019_search_text_every_language"),
    ]

    operations = [migrations.RunPython(backfill("events", MODELS), migrations.RunPython.noop)]
