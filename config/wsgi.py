import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# As django.core.wsgi.get_wsgi_application(), with Django's handler finding each view
# once (config/queryparams.py).
django.setup(set_prefix=False)

from config.queryparams import ResolveOnceWSGIHandler  # noqa: E402

application = ResolveOnceWSGIHandler()
