from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row that every process reads: it changes whenever public content may have.

    The anonymous page cache keys its entries on ``number``, so bumping it retires every
    cached page at once, in every server process, whatever the cache backend.
    ``next_change`` is the next scheduled publish or unpublish time: when it passes, the
    content changed without anyone saving, and the first request to notice bumps the row.
    """

    number = models.BigIntegerField(_("number"), default=1)
    changed_at = models.DateTimeField(_("changed at"))
    next_change = models.DateTimeField(_("next change"), null=True, blank=True)

    class Meta:
        verbose_name_plural = _("content versions")
        verbose_name = _("content version")

    def __str__(self):
        return f"Content version {self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
