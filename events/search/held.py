"""A record whose search text holds the search text of the rows linked to it (a
conference: its organizers' and participants'; an agreement, in partnerships: its parties'
and signatories'), kept current when a linked row is added, moved to another record,
changed or removed. One mechanism for every such record: ``HeldText``."""

from django.db.models.signals import post_delete, post_save, pre_save

BATCH = 2000


class HeldText:
    """The rows that link to ``model`` by their ``link`` key make its search text.

    ``connect_rows(Row, ...)`` keeps it current on every single write of those rows
    (a row moved to another record refreshes both); ``refresh(pks)`` remakes it for
    given records, a batch at a time; ``holders_of(Row, field, pks)`` remakes it for the
    records whose rows name those keys in ``field`` (a person renamed: its conferences).
    A row deleted together with its record refreshes nothing (the record is gone)."""

    def __init__(self, model, link: str):
        self.model, self.key, self.left = model, f"{link}_id", f"_search_left_{link}"

    def refresh(self, pks) -> None:
        pks = sorted(set(pks))
        for start in range(0, len(pks), BATCH):
            self.model.refresh_search_text(pks[start : start + BATCH])

    def holders_of(self, row_model, field: str, pks) -> None:
        rows = row_model.objects.filter(**{f"{field}_id__in": list(pks)})
        self.refresh(rows.values_list(self.key, flat=True))

    def row_about_to_change(self, sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None:
            return
        old = sender.objects.filter(pk=instance.pk).values_list(self.key, flat=True).first()
        if old is not None and old != getattr(instance, self.key):
            instance.__dict__[self.left] = old

    def row_changed(self, sender, instance, raw=False, origin=None, **kwargs):
        if raw or self.deleting_records(origin):
            return  # a row deleted with its record: nothing left to refresh
        pks = [getattr(instance, self.key)]
        if left := instance.__dict__.pop(self.left, None):
            pks.append(left)
        self.refresh(pks)

    def deleting_records(self, origin) -> bool:
        """Whether a delete was of the records themselves (one, or a queryset of them)."""
        return isinstance(origin, self.model) or getattr(origin, "model", None) is self.model

    def connect_rows(self, *row_models) -> None:
        for row in row_models:
            pre_save.connect(self.row_about_to_change, sender=row, weak=False)
            post_save.connect(self.row_changed, sender=row, weak=False)
            post_delete.connect(self.row_changed, sender=row, weak=False)
