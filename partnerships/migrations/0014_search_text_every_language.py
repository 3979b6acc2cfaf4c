"""Search text again for every agreement: it now holds its title, summary and place in
every language, and its parties' and signatories' search text as they now store it
(events' 0019), so that a search in any language finds it. Data only."""

import re
import unicodedata
from collections import defaultdict

from django.db import migrations

# Frozen copies of what this migration computes, as the live code (events/search/text.py,
# events/languages.py's texts_of, partnerships/agreement_search.py) computed it when the
# migration was written.
PAIR_MARK = "\ue000"
CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]{2,}")
FIELDS = ("title", "summary", "place")
LANGUAGES = ("en", "zh_hans", "zh_hant")
BATCH = 2000


def normalize(text):
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def searchable(text):
    text = normalize(text)
    pairs = {
        run[i : i + 2] + PAIR_MARK for run in CJK_RUN.findall(text) for i in range(len(run) - 1)
    }
    return " ".join([text, *sorted(pairs)]) if pairs else text


def texts(row, field):
    found = []
    for code in LANGUAGES:
        value = getattr(row, f"{field}_{code}", None)
        if value and value not in found:
            found.append(value)
    return found


def backfill():
    """Fill every agreement's ``search_text`` from its fields in every language and its
    parties' and signatories' search text."""

    def forwards(apps, schema_editor):
        alias = schema_editor.connection.alias
        agreement = apps.get_model("partnerships", "Agreement")
        party = apps.get_model("partnerships", "Party")
        signatory = apps.get_model("partnerships", "Signatory")
        pks = list(agreement._default_manager.using(alias).order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), BATCH):
            batch = pks[start : start + BATCH]
            held = defaultdict(set)
            for model, field in ((party, "organization"), (signatory, "person")):
                rows = model._default_manager.using(alias).filter(agreement_id__in=batch)
                for pk, text in rows.values_list("agreement_id", f"{field}__search_text"):
                    held[pk].add(text)
            changed = []
            for row in agreement._default_manager.using(alias).filter(pk__in=batch):
                own = searchable(" ".join(text for field in FIELDS for text in texts(row, field)))
                text = " ".join(part for part in (own, *sorted(held[row.pk])) if part)
                if text != row.search_text:
                    row.search_text = text
                    changed.append(row)
            agreement._default_manager.using(alias).bulk_update(changed, ["search_text"], batch_size=500)

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0013_content_per_language"),
        ("events", "0019_search_text_every_language"),
    ]

    operations = [migrations.RunPython(backfill(), migrations.RunPython.noop)]
