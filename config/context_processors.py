from django.conf import settings


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
