"""The API's OpenAPI schema and its docs page, served by the site under its CSP."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_schema_is_openapi_3_1(client):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"] == "3.1.0"
    assert "/api/v1/topics/" in schema["paths"]


def test_docs_page_loads_only_the_sites_own_scripts_and_styles(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    sources = [re.search(r'src="([^"]+)"', attrs) for attrs, _body in scripts]
    # Every executable script comes from a file; the one inline block is JSON data.
    for (attrs, _body), source in zip(scripts, sources, strict=True):
        assert source or 'type="application/json"' in attrs, attrs
    assets = [s.group(1) for s in sources if s] + re.findall(r'<link[^>]+href="([^"]+)"', html)
    assert assets, html
    for asset in assets:
        assert asset.startswith(settings.STATIC_URL), asset
        # The file is one of the site's static files (collectstatic gathers it).
        assert finders.find(asset.removeprefix(settings.STATIC_URL)), asset
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script_src.split() == ["'self'"]
    assert "unsafe-inline" not in policy


def test_docs_page_reads_the_sites_own_schema_and_calls_out_to_no_one(client):
    html = client.get("/api/v1/docs/").content.decode()
    settings_json = re.search(r'id="swagger-settings">(.*?)</script>', html, re.S).group(1)

    docs_settings = json.loads(settings_json)
    assert docs_settings["url"] == "/api/v1/schema/"
    assert docs_settings["validatorUrl"] is None
