from django.conf import settings


class SecurityHeadersMiddleware:
    """Headers Django has no setting for: Permissions-Policy, CORP, and no indexing of the
    admin (whose address robots.txt does not give away)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith("/" + settings.ADMIN_PATH):
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
