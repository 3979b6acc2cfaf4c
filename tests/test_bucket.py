"""Uploads in a private S3-compatible bucket (events/bucket.py): stored with their content
type and long-lived cache headers, never public, served by the application to whoever may
have them; the bucket down is a form error for the editor and a 503 for a file, never a 500.

The bucket is moto's S3, in process; "down" is an endpoint where nothing listens."""

import os
import socket
import time

import boto3
import botocore.exceptions
import pytest
from django.test import Client
from django.urls import reverse

from config import views
from events.models import MediaItem
from tests.admin_forms import rendered_form_data
from tests.factories import ConferenceFactory
from tests.images import noisy_jpeg, upload
from tests.pages import page_text

if os.environ.get("CI") == "true":
    import moto  # a dev dependency: in CI its absence is a failure, not a skip
else:
    moto = pytest.importorskip("moto")

# Nothing here depends on the database engine (the cluster tests run it all on PostgreSQL).
pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_only]

BUCKET = "media-test"
STORE_DOWN = "The file store did not answer; nothing was saved."


@pytest.fixture
def bucket(settings, monkeypatch):
    # A store found down by an earlier test is not down for this one.
    monkeypatch.setattr(views.STORE_OUTAGE, "until", 0.0)
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with moto.mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.AWS_STORAGE_BUCKET_NAME = BUCKET
        settings.AWS_S3_REGION_NAME = "us-east-1"
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "events.bucket.PrivateBucketStorage"},
        }
        yield client


def add_photo(admin_client, conference, caption="Signing ceremony"):
    url = reverse("admin:events_conference_change", args=[conference.pk])
    data = rendered_form_data(admin_client.get(url))
    data["media-TOTAL_FORMS"] = "1"
    data.update(
        {
            "media-0-image": upload("photo.jpg", noisy_jpeg((1200, 900))),
            "media-0-caption_en": caption,
            "media-0-alt_text_en": "Delegates at a signing table",
            "media-0-order": "0",
        }
    )
    return admin_client.post(url, data)


def test_the_photo_and_its_renditions_are_private_objects_with_type_and_cache_headers(
    admin_client, bucket
):
    conference = ConferenceFactory(publication_status="published")
    assert add_photo(admin_client, conference).status_code == 302
    photo = MediaItem.objects.get()
    names = photo.stored_files()
    assert len(names) == 5  # the original; 480 and 960 px, each WebP and JPEG
    for name in names:
        head = bucket.head_object(Bucket=BUCKET, Key=name)
        assert head["ContentType"] == ("image/webp" if name.endswith(".webp") else "image/jpeg")
        assert head["CacheControl"] == "max-age=31536000, immutable"
        grants = bucket.get_object_acl(Bucket=BUCKET, Key=name)["Grants"]
        assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)
        # Linked on the site, not in the bucket.
    assert photo.image.url == "/media/" + photo.image.name


def test_the_application_serves_a_live_photo_to_all_and_a_drafts_to_staff_only(
    admin_client, bucket
):
    live = ConferenceFactory(publication_status="published")
    draft = ConferenceFactory(publication_status="draft")
    add_photo(admin_client, live)
    add_photo(admin_client, draft, caption="Not yet")
    live_photo = MediaItem.objects.get(conference=live)
    draft_photo = MediaItem.objects.get(conference=draft)
    visitor = Client()
    for name in live_photo.stored_files():
        response = visitor.get("/media/" + name)
        assert response.status_code == 200
        body = b"".join(response.streaming_content)
        stored = bucket.get_object(Bucket=BUCKET, Key=name)["Body"].read()
        assert body == stored
        assert response["Content-Type"] in {"image/jpeg", "image/webp"}
        assert "public" in response["Cache-Control"]
    for name in draft_photo.stored_files():
        assert visitor.get("/media/" + name).status_code == 404
        response = admin_client.get("/media/" + name)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]
    assert visitor.get("/media/media/no-such-file.jpg").status_code == 404


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def bucket_down(settings, bucket):
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{closed_port()}"
    # A new storage object, reading the settings afresh.
    settings.STORAGES = {**settings.STORAGES}


def test_an_upload_while_the_bucket_is_down_is_a_form_error(admin_client, bucket_down):
    conference = ConferenceFactory(title="Harbour Forum", publication_status="published")
    response = add_photo(admin_client, conference)
    assert response.status_code == 200
    assert STORE_DOWN in page_text(response)
    assert MediaItem.objects.count() == 0


def test_pages_render_and_a_file_is_a_503_while_the_bucket_is_down(admin_client, bucket, settings):
    conference = ConferenceFactory(title="Harbour Forum", publication_status="published")
    add_photo(admin_client, conference)
    photo = MediaItem.objects.get()
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{closed_port()}"
    settings.STORAGES = {**settings.STORAGES}
    page = Client().get(conference.get_absolute_url())
    assert page.status_code == 200
    assert photo.image.name in page.content.decode()
    response = Client().get("/media/" + photo.image.name)
    assert response.status_code == 503
    # Said as text: not a broken image, nor (for a document) a download of the message.
    assert response["Content-Type"].startswith("text/plain")
    assert "Content-Disposition" not in response
    assert response["Retry-After"] == "30"


def test_the_store_errors_that_count_as_down():
    from events.uploads import is_store_unavailable

    assert is_store_unavailable(botocore.exceptions.EndpointConnectionError(endpoint_url="x"))
    server_error = {"Error": {"Code": "InternalError"}, "ResponseMetadata": {"HTTPStatusCode": 503}}
    assert is_store_unavailable(botocore.exceptions.ClientError(server_error, "PutObject"))
    denied = {"Error": {"Code": "AccessDenied"}, "ResponseMetadata": {"HTTPStatusCode": 403}}
    assert not is_store_unavailable(botocore.exceptions.ClientError(denied, "PutObject"))
    assert not is_store_unavailable(ValueError("not storage"))
    # Requests the client would not send are mistakes, not an outage.
    invalid = botocore.exceptions.ParamValidationError(report="Invalid length for Key")
    assert not is_store_unavailable(invalid)
    assert not is_store_unavailable(botocore.exceptions.NoCredentialsError())
    assert is_store_unavailable(botocore.exceptions.ConnectTimeoutError(endpoint_url="x"))
    assert is_store_unavailable(botocore.exceptions.ReadTimeoutError(endpoint_url="x"))


@pytest.mark.parametrize("path", ["/media/", "/media/media/..", "/media/./."])
def test_the_media_folder_itself_is_a_404_to_staff_not_a_503(admin_client, bucket, path):
    # Its name is empty once normalized: the bucket is up, there is simply no such file.
    assert admin_client.get(path).status_code == 404


def test_a_hanging_store_holds_a_worker_once_not_for_every_file(admin_client, bucket, settings):
    conference = ConferenceFactory(publication_status="published")
    add_photo(admin_client, conference)
    names = MediaItem.objects.get().stored_files()
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(100)
        settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.STORAGES = {**settings.STORAGES}
        started = time.monotonic()
        assert Client().get("/media/" + names[0]).status_code == 503
        # Well within the proxy's 60 s (config/cluster.py, config/serve.py).
        assert time.monotonic() - started < 30
        started = time.monotonic()
        for name in names[1:]:  # the page's other files: answered at once meanwhile
            assert Client().get("/media/" + name).status_code == 503
        assert time.monotonic() - started < 2
