"""Who took part in a conference, in what role, holding which posts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .conferences import Conference, Session
from .directory import Person, Position
from .fields import choices_constraint


class ParticipationRole(models.TextChoices):
    HOST = "host", _("Host")
    KEYNOTE = "keynote", _("Keynote speaker")
    SPEAKER = "speaker", _("Speaker")
    SIGNATORY = "signatory", _("Signatory")
    GUEST = "guest", _("Guest")
    MODERATOR = "moderator", _("Moderator")
    DELEGATE = "delegate", _("Delegate")
    OTHER = "other", _("Other")


class Participation(models.Model):
    """A person's part in a conference: their role, the posts they held, what they said."""

    Role = ParticipationRole

    conference = models.ForeignKey(
        Conference,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("conference"),
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    positions = models.ManyToManyField(
        Position,
        through="ParticipationPost",
        blank=True,
        related_name="participations",
        verbose_name=_("posts held"),
        help_text=_(
            "The post or posts the person held at the time; several when they held more than one."
        ),
    )
    remote = models.BooleanField(
        _("took part remotely"), default=False, help_text=_("For example by a video address.")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=pgettext_lazy("agenda item", "session"),
    )
    remarks = models.TextField(
        _("remarks"), blank=True, help_text=_("A summary of what they said.")
    )
    quote = models.TextField(_("quote"), blank=True, help_text=_("Their own words, as quoted."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["order", "id"]
        # Search reaches conferences through persons: covering, the index alone answers.
        indexes = [models.Index(fields=["person", "conference"], name="events_part_person_idx")]
        constraints = [
            choices_constraint("role", ParticipationRole, "events_participation_role_valid"),
            models.UniqueConstraint(
                fields=["conference", "person", "role"],
                name="events_participation_once_per_role",
                violation_error_message=_("This person already has this role at the conference."),
            ),
        ]

    def __str__(self):
        return gettext("%(person)s (%(role)s) at “%(conference)s”") % {
            "person": self.person,
            "role": self.get_role_display().lower(),
            "conference": self.conference,
        }

    def clean(self):
        super().clean()
        # A new conference has no id yet, so none of its sessions can be chosen.
        if self.session_id and self.session.conference_id != self.conference_id:
            raise ValidationError({"session": gettext_lazy("Choose a session of this conference.")})


class ParticipationPost(models.Model):
    """A post a participant held at the conference; the post cannot be deleted while used."""

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="post_links",
        verbose_name=_("participation"),
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        related_name="participation_links",
        verbose_name=_("position"),
    )

    class Meta:
        verbose_name_plural = _("posts held at conferences")
        verbose_name = _("post held at a conference")
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "position"], name="events_participation_post_once"
            ),
        ]

    def __str__(self):
        return gettext("%(post)s (held at “%(conference)s”)") % {
            "post": self.position,
            "conference": self.participation.conference,
        }
