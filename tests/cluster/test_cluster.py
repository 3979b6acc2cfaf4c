"""Two application servers on one PostgreSQL, one Redis and one object store, behind nginx:
what one server does, the other sees at once; a part going down costs no error page.

The tests run in order, on one cluster: the last ones stop Redis and the object store."""

import threading
import time

import pytest

from .conftest import ADMIN_PASSWORD, ADMIN_USER, Visitor, form_fields, photo_bytes, run_in_django

pytestmark = pytest.mark.cluster

LIST = "/en/events/"


def new_conference(cluster, title, status="draft", published_in_seconds=None):
    """A conference written straight to the shared database; its id and address."""
    return run_in_django(
        cluster,
        f"""
        import datetime as dt, json
        from django.utils import timezone, translation
        from events.models import Conference
        published_at = None
        if {published_in_seconds!r} is not None:
            published_at = timezone.now() + dt.timedelta(seconds={published_in_seconds!r})
        conference = Conference.objects.create(
            title={title!r}, start_date=dt.date(2023, 2, 8), city="Hong Kong",
            time_zone="Asia/Hong_Kong", publication_status={status!r},
            published_at=published_at,
        )
        translation.activate("en")
        print(json.dumps({{"id": conference.pk, "url": conference.get_absolute_url(),
                          "at": published_at.timestamp() if published_at else None}}))
        """,
    )


def test_the_proxy_serves_the_site_over_https_from_both_servers(cluster, visitor):
    response = visitor.get("/en/")
    assert response.status_code == 200
    assert "Nanjing" in response.text
    assert response.headers["Strict-Transport-Security"]
    for server in (0, 1):
        assert visitor.get("/en/", server=server).status_code == 200
    # Plain HTTP to the proxy is refused; the servers themselves redirect to HTTPS.
    assert visitor.get("/en/", server=0, headers={"X-Forwarded-Proto": "http"}).status_code == 301


def test_signed_in_through_one_server_and_working_through_the_other(cluster):
    staff = Visitor(cluster, address="203.0.113.21")
    assert staff.sign_in(server=0).status_code == 302
    response = staff.get("/admin/", server=1)
    assert response.status_code == 200
    assert ADMIN_USER in response.text
    assert staff.get("/admin/events/conference/add/", server=1).status_code == 200
    # The CSRF token the first server gave at sign-in is accepted by the second; signed
    # out there, signed out on the first.
    signed_out = staff.post("/admin/logout/", {}, server=1)
    assert signed_out.status_code == 200
    assert "Log in again" in signed_out.text
    assert staff.get("/admin/", server=0).status_code == 302  # to the login page


def test_published_through_one_server_the_other_never_serves_the_old_page(cluster, editor):
    conference = new_conference(cluster, "Cluster Harbour Forum")
    anyone = Visitor(cluster)
    for server in (0, 1):
        anyone.get(LIST, server=server)
        cached = anyone.get(LIST, server=server)
        assert cached.headers["X-Page-Cache"] == "hit"  # shared in Redis
        assert "Cluster Harbour Forum" not in cached.text
        assert anyone.get(conference["url"], server=server).status_code == 404

    changelist = editor.get("/admin/events/conference/", server=0)
    assert changelist.status_code == 200
    done = editor.post(
        "/admin/events/conference/",
        {"action": "publish", "_selected_action": str(conference["id"]), "index": "0"},
        server=0,
    )
    assert done.status_code == 302

    for server in (1, 0):
        page = anyone.get(conference["url"], server=server)
        assert page.status_code == 200
        assert "Cluster Harbour Forum" in page.text
        assert "Cluster Harbour Forum" in anyone.get(LIST, server=server).text


def bucket_keys(cluster) -> set[str]:
    return {item.key for item in cluster.bucket().objects.all()}


def upload_photo(editor, conference_id, server, caption):
    page = editor.get("/admin/events/mediaitem/add/", server=server)
    assert page.status_code == 200
    fields = form_fields(page.text, "mediaitem_form")
    fields.update(
        {
            "caption_en": caption,
            "alt_text_en": "Delegates at a signing table",
            "conference": str(conference_id),
            "order": "0",
            "_save": "Save",
        }
    )
    fields.pop("csrfmiddlewaretoken", None)
    return editor.post(
        "/admin/events/mediaitem/add/",
        fields,
        server=server,
        files={"image": ("photo.jpg", photo_bytes(), "image/jpeg")},
    )


def test_a_photo_uploaded_on_one_server_is_served_from_the_bucket_by_the_other(cluster, editor):
    conference = new_conference(cluster, "Cluster Photo Forum", status="published")
    before = bucket_keys(cluster)
    response = upload_photo(editor, conference["id"], server=0, caption="Cluster signing")
    assert response.status_code == 302, response.text[:2000]
    added = bucket_keys(cluster) - before
    assert len(added) == 5  # the original, and 480 and 960 px wide in WebP and JPEG

    bucket = cluster.bucket()
    page = Visitor(cluster).get(conference["url"], server=1)
    assert page.status_code == 200
    for key in added:
        stored = bucket.Object(key)
        assert stored.content_type in {"image/jpeg", "image/webp"}
        assert stored.cache_control == "max-age=31536000, immutable"
        grants = stored.Acl().grants
        assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)
        if "/renditions/" in key:  # the page shows the renditions (srcset)
            assert f"/media/{key}" in page.text
        served = Visitor(cluster).get(f"/media/{key}", server=1)
        assert served.status_code == 200
        assert served.content == stored.get()["Body"].read()
        assert served.headers["Content-Type"] == stored.content_type
        assert "public" in served.headers["Cache-Control"]


def test_a_drafts_photo_is_served_to_staff_only(cluster, editor):
    conference = new_conference(cluster, "Cluster Draft Forum")
    before = bucket_keys(cluster)
    assert upload_photo(editor, conference["id"], server=1, caption="Not yet").status_code == 302
    added = bucket_keys(cluster) - before
    assert len(added) == 5
    for key in added:
        for server in (0, 1):
            assert Visitor(cluster).get(f"/media/{key}", server=server).status_code == 404
            served = editor.get(f"/media/{key}", server=server)
            assert served.status_code == 200
            assert "private" in served.headers["Cache-Control"]


def test_failed_sign_ins_are_counted_across_both_servers(cluster):
    intruder = Visitor(cluster, address="198.51.100.7")
    # AXES_FAILURE_LIMIT is 5: the fifth failure locks out, though it is only the third
    # on this server; each server alone would have let it through.
    for attempt in range(4):
        response = intruder.sign_in(server=attempt % 2, password="wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text
    assert intruder.sign_in(server=0, password="wrong").status_code == 429
    for server in (0, 1):
        locked = intruder.sign_in(server=server, password=ADMIN_PASSWORD)
        assert locked.status_code == 429
    # Someone else, from another address, is not locked out.
    assert Visitor(cluster, address="198.51.100.8").sign_in(server=1).status_code == 302


def test_a_scheduled_publish_time_passes_with_both_servers_serving(cluster):
    conference = new_conference(
        cluster, "Cluster Scheduled Forum", status="published", published_in_seconds=20
    )
    anyone = Visitor(cluster)
    for server in (0, 1):
        assert anyone.get(conference["url"], server=server).status_code == 404
        assert "Cluster Scheduled Forum" not in anyone.get(LIST, server=server).text
    # (20 s leaves a loaded machine time to look before the publish time passes.)
    assert time.time() < conference["at"], "the publish time passed before it was checked"
    while time.time() < conference["at"] + 0.5:
        for server in (0, 1):
            anyone.get(LIST, server=server)  # both keep serving (and caching) meanwhile
        time.sleep(0.5)
    for server in (0, 1):
        assert anyone.get(conference["url"], server=server).status_code == 200
        assert "Cluster Scheduled Forum" in anyone.get(LIST, server=server).text


def test_one_server_killed_mid_request_the_other_carries_on(cluster):
    """Requests are held mid-way on both servers (the table of the content version, which
    every anonymous page reads first, is locked), the first server is killed whole, the
    lock let go: every request is answered, the first server's by the second."""
    import psycopg

    answers, errors = [], []

    def browse():
        try:
            answers.append(Visitor(cluster).get(LIST))
        except Exception as error:  # noqa: BLE001 - any failure is what we look for
            errors.append(error)

    log = cluster.folder / "proxy.log"
    log_before = log.stat().st_size
    with psycopg.connect(cluster.env["DATABASE_URL"], autocommit=False) as lock:
        lock.execute("LOCK TABLE config_contentversion IN ACCESS EXCLUSIVE MODE")
        threads = [threading.Thread(target=browse) for _ in range(6)]
        for thread in threads:
            thread.start()
        waiting = 0
        deadline = time.monotonic() + 30
        workers = cluster.workers * len(cluster.server_ports)
        while waiting < workers and time.monotonic() < deadline:
            time.sleep(0.2)
            with psycopg.connect(cluster.env["DATABASE_URL"], autocommit=True) as watch:
                waiting = watch.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                ).fetchone()[0]
        # Every worker of both servers holds a request (the other two wait their turn).
        assert waiting == workers
        cluster.kill_server(0)
        lock.rollback()
    for thread in threads:
        thread.join(timeout=90)
    assert not errors
    assert [response.status_code for response in answers] == [200] * 6
    # The proxy saw the first server drop the requests it held, and passed them on.
    with open(log, errors="replace") as proxy_log:
        proxy_log.seek(log_before)
        dropped = [
            line
            for line in proxy_log.read().splitlines()
            if "upstream prematurely closed connection while reading response header" in line
        ]
    assert dropped
    assert all(f"127.0.0.1:{cluster.server_ports[0]}" in line for line in dropped)
    assert all(Visitor(cluster).get(LIST).status_code == 200 for _ in range(4))
    cluster.start_server(0)
    assert Visitor(cluster).get("/en/", server=0).status_code == 200


def test_with_redis_down_pages_are_served_from_the_database(cluster, editor):
    conference = new_conference(cluster, "Cluster Redis Forum", status="published")
    cluster.stop("redis")
    try:
        anyone = Visitor(cluster)
        for path in ("/en/", LIST, LIST + "?q=Cluster", conference["url"]):
            for _ in range(2):
                response = anyone.get(path)
                assert response.status_code == 200, path
                assert response.headers.get("X-Page-Cache") in {None, "miss"}
        assert "Cluster Redis Forum" in anyone.get(LIST).text
        assert editor.get("/admin/", server=1).status_code == 200
    finally:
        cluster.start_redis()
    # Once Redis is back (and the few seconds a server leaves it alone have passed),
    # pages are cached again.
    deadline = time.monotonic() + 20
    anyone = Visitor(cluster)
    while anyone.get("/en/", server=1).headers.get("X-Page-Cache") != "hit":
        assert time.monotonic() < deadline
        time.sleep(0.5)


def test_backup_and_restore_of_the_database_and_the_bucket(cluster, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    cluster.manage("backup", str(archive))
    keys = bucket_keys(cluster)
    assert keys
    lost = new_conference(cluster, "Cluster Forum Written After The Backup", status="published")
    bucket = cluster.bucket()
    for key in keys:
        bucket.Object(key).delete()
    assert bucket_keys(cluster) == set()

    cluster.manage("restore", "--replace", str(archive))

    assert bucket_keys(cluster) == keys
    anyone = Visitor(cluster)
    for server in (0, 1):
        assert anyone.get(lost["url"], server=server).status_code == 404
        assert "Cluster Photo Forum" in anyone.get(LIST, server=server).text
    # Every file is back and served (a draft's to staff): sign in again, as the rows of
    # the users were replaced too.
    staff = Visitor(cluster, address="203.0.113.40")
    assert staff.sign_in(server=1).status_code == 302
    for key in keys:
        assert staff.get(f"/media/{key}", server=0).status_code == 200


def test_with_the_object_store_down_pages_render_and_uploads_are_refused(cluster, editor):
    conference = new_conference(cluster, "Cluster Store Forum", status="published")
    keys = bucket_keys(cluster)
    cluster.stop("store")
    anyone = Visitor(cluster)
    for server in (0, 1):
        for path in ("/en/", LIST, conference["url"]):
            assert anyone.get(path, server=server).status_code == 200, path
    photo = next(key for key in keys if key.endswith(".jpg"))
    assert editor.get(f"/media/{photo}").status_code == 503
    response = upload_photo(editor, conference["id"], server=1, caption="While the store is down")
    assert response.status_code == 200
    assert "The file store did not answer; nothing was saved." in response.text
