import io
import os

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def plain_static_files(settings, tmp_path_factory):
    """Unit tests run without collectstatic; the end-to-end tests use the real storage."""
    settings.STATIC_ROOT = tmp_path_factory.getbasetemp() / "static"
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Sign-ins in tests need not be slow to be real; production keeps PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def plain_http(settings):
    """The test client speaks plain HTTP; production redirects that to HTTPS (tested in
    tests/test_security.py and end to end)."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Tests change content inside a transaction that never commits, so the page cache
    (which is retired on commit) is off; tests/test_page_cache.py turns it on."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.QUERY_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def checked_compiled_sql(settings):
    """Every SQL kept and handed out again (events/compiled.py) is checked against the
    query's own compilation: the whole suite checks that a kept shape is the same SQL.
    So is every API answer against its schema (events/api/answers.py)."""
    settings.COMPILED_SQL_CHECK = True
    settings.API_ANSWER_CHECK = True


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Tests make many requests from one address; tests/test_cheap_requests.py and
    tests/api/test_api_http.py turn the limits on."""
    settings.RATE_LIMIT_SEARCHES = "0"
    settings.RATE_LIMIT_API = "0"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of each test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo(db):
    """The seed press release, loaded as the site ships it."""
    call_command("load_demo", stdout=io.StringIO())


def pytest_collection_modifyitems(config, items):
    """Tests for one database run in that database's pass only. They are deselected in
    the other pass, not skipped: in CI a skipped test counts as a failed one."""
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    unwanted = "sqlite_only" if on_postgres else "postgres_only"
    kept, dropped = [], []
    for item in items:
        (dropped if item.get_closest_marker(unwanted) else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
