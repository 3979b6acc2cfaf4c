from django.conf import settings
from django.utils.translation import gettext, gettext_noop

# The default SITE_NAME (config/settings.py), for the catalogs.
gettext_noop("Conferences and partnerships")


def site(request):
    return {
        # The default name is translated; a name set in the environment is kept as given.
        "site_name": gettext(settings.SITE_NAME),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
