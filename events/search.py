"""Search that stays fast on a large archive.

Each searchable record keeps ``search_text``: its own words, case-folded and joined in
one column. A search term is then one ``LIKE '%term%'`` on that column, which PostgreSQL
answers from a trigram index (``pg_trgm``, made by migration) and SQLite by scanning one
narrow column instead of joining several tables. Substring matching needs no word
splitting, so Chinese (which has no spaces between words) is found like English.

Words that live on related rows (a person's posts, an organization's other names) are
copied in when those rows change: see the signal handlers at the end of ``models.py``.
"""

import unicodedata

from django.db import models


def normalize(text: str) -> str:
    """Full-width forms folded (``ＡＢＣ`` → ``abc``), case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def words(value: str) -> list[str]:
    """At most ten search words, each at most 100 characters, normalized as stored."""
    return [word[:100] for word in normalize(value).split()[:10]]


class Searchable(models.Model):
    """A record with a ``search_text`` column kept up to date on every save."""

    # The record's own fields whose words are searched.
    search_fields: tuple[str, ...] = ()

    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.make_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def related_search_words(self) -> list[str]:
        """Words from related rows; models override this (it may query the database)."""
        return []

    def make_search_text(self) -> str:
        parts = [str(getattr(self, field) or "") for field in self.search_fields]
        if self.pk:
            parts.extend(self.related_search_words())
        return normalize(" ".join(parts))

    @classmethod
    def refresh_search_text(cls, pks) -> None:
        """Recompute the column for these rows (after a related row changed)."""
        for record in cls._default_manager.filter(pk__in=list(pks)):
            text = record.make_search_text()
            if text != record.search_text:
                cls._default_manager.filter(pk=record.pk).update(search_text=text)


# Migration helpers (they work on the historical models a migration is given).


def backfill(app_label: str, model_name: str, fields, related: tuple[str, str] | None = None):
    """A migration operation that fills ``search_text`` for rows saved before it existed."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model._default_manager.using(schema_editor.connection.alias).order_by("pk")
        batch = []
        for row in rows.iterator(chunk_size=2000):
            parts = [str(getattr(row, field) or "") for field in fields]
            if related:
                accessor, field = related
                parts.extend(getattr(row, accessor).values_list(field, flat=True))
            row.search_text = normalize(" ".join(parts))
            batch.append(row)
            if len(batch) == 2000:
                model._default_manager.bulk_update(batch, ["search_text"])
                batch = []
        model._default_manager.bulk_update(batch, ["search_text"])

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def trigram_index(table: str, name: str):
    """On PostgreSQL, a GIN trigram index on ``search_text`` so that ``LIKE '%term%'``
    reads the index instead of every row. Other databases scan the one column."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)"
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(forwards, backwards)
