from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from events.models import Conference, KeyFigure, Organizer
from partnerships.models import Agreement, Party


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Conference.objects.published().prefetch_related(
            Prefetch("organizers", queryset=Organizer.objects.select_related("organization")),
            "media",
        )
        recent = list(published.past()[:6])
        context.update(
            upcoming=list(published.upcoming()[:4]),
            recent=recent,
            agreements=list(
                Agreement.objects.published()
                .select_related("conference")
                .prefetch_related(
                    Prefetch("parties", queryset=Party.objects.select_related("organization"))
                )
                .order_by("-signed_on", "-pk")[:5]
            ),
            key_figures=list(
                KeyFigure.objects.filter(conference__in=Conference.objects.published())
                .select_related("conference")
                .order_by("-conference__start_date", "conference_id", "order", "pk")[:6]
            ),
        )
        return context


class StaticViewSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "events:list", "partnerships:list", "people:list", "organizations:list"]

    def location(self, item):
        return reverse(item)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
