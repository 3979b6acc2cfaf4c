"""Importing the participants of one conference, from its page in the admin.

The conference is the one in the address (``/admin/events/conference/<id>/participants/
import/``), never a column of the file. The import is the site's spreadsheet import
(``spreadsheets.SpreadsheetMixin``: preview, errors by row and column, all or nothing,
history) with the rules of the participants' own admin: a user who may not change the
conference (an Editor, once it is published) may not import into it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from ..models import Conference, Participation
from ..participant_import import ParticipantResource
from .rows import ParticipationAdmin
from .spreadsheets import CSV, XLSX

IMPORT_URL = "events_conference_import_participants"
PROCESS_URL = "events_conference_process_participants"
EXPORT_URL = "events_conference_export_participants"


def is_id(object_id: str) -> bool:
    """Digits only, ASCII ones: ``"²".isdigit()`` is true, and ``int("²")`` fails."""
    return object_id.isascii() and object_id.isdigit()


def conference_for(request, admin_site, object_id) -> Conference:
    """The conference in the address, if this user may change it (else 404 or 403)."""
    conference = Conference.objects.filter(pk=object_id).first() if is_id(object_id) else None
    if conference is None:
        raise Http404("No such conference.")
    if not admin_site._registry[Conference].has_change_permission(request, conference):
        raise PermissionDenied
    return conference


class ParticipantImport(ParticipationAdmin):
    """The participations admin, bound to one conference for one request (not registered)."""

    import_resources = [ParticipantResource]
    import_template_name = "admin/events/conference/import_participants.html"

    def __init__(self, admin_site, conference):
        super().__init__(Participation, admin_site)
        self.conference = conference

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {
            **super().get_resource_kwargs(request, *args, **kwargs),
            "conference": self.conference,
        }

    def get_context_data(self, **kwargs):
        return {
            "conference": self.conference,
            "conference_opts": Conference._meta,
            "process_url": self.url(PROCESS_URL),
            "conference_url": self.url("events_conference_change"),
        }

    def url(self, name):
        return reverse(f"{self.admin_site.name}:{name}", args=[self.conference.pk])

    def import_url(self):
        return self.url(IMPORT_URL)

    def process_result(self, result, request):
        response = super().process_result(result, request)
        if response.url == self.import_url():
            return response  # refused: back to the upload
        return HttpResponseRedirect(self.url("events_conference_change"))


def export_participants(request, admin_site, object_id):
    """The participants of a conference as the import reads them (``?format=xlsx`` for a
    workbook): edit the file and import it again. For users who may view the conference."""
    conference = Conference.objects.filter(pk=object_id).first() if is_id(object_id) else None
    if conference is None:
        raise Http404("No such conference.")
    if not admin_site._registry[Conference].has_view_or_change_permission(request, conference):
        raise PermissionDenied
    file_format = XLSX() if request.GET.get("format") == "xlsx" else CSV()
    resource = ParticipantResource(conference=conference)
    data = file_format.export_data(resource.export(queryset=resource.get_queryset()))
    response = HttpResponse(data, content_type=file_format.get_content_type())
    name = f"participants-{conference.slug}.{file_format.get_extension()}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
