import io
import os
import time

import pytest
from django.core.management import CommandError, call_command

from events.models import MediaItem
from tests.factories import MediaItemFactory
from tests.images import noisy_jpeg, upload

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    output = io.StringIO()
    call_command("regenerate_renditions", *args, stdout=output, stderr=io.StringIO())
    return output.getvalue()


def test_regenerates_for_new_sizes_with_progress_and_summary(
    settings, media_root, django_capture_on_commit_callbacks
):
    items = [MediaItemFactory(image=upload("a.jpg", noisy_jpeg((1200, 800)))) for _ in range(3)]
    old_files = {name for item in items for name in item.stored_files()[1:]}
    settings.IMAGE_RENDITION_WIDTHS = [320, 640]

    with django_capture_on_commit_callbacks(execute=True):
        output = run()

    assert "Regenerating renditions of 3 photos…" in output
    assert "3/3 photos (100%)" in output and "3 photos in" in output
    assert (
        "Renditions made for 3 photos; 0 already complete; 0 with the original missing; 0 failed."
        in output
    )
    for item in MediaItem.objects.all():
        assert [r["width"] for r in item.renditions] == [320, 640]
        assert all((media_root / name).is_file() for name in item.stored_files())
    # The old sizes are gone: no orphans are left behind.
    assert not any((media_root / name).is_file() for name in old_files)


def test_running_again_after_an_interruption_completes_the_work(media_root):
    item = MediaItemFactory(image=upload("a.jpg", noisy_jpeg((1200, 800))))
    lost = media_root / item.renditions[1]["webp"]
    lost.unlink()  # as if the previous run stopped halfway through this photo

    output = run("--missing-only")

    assert "Renditions made for 1 photos; 0 already complete" in output
    assert lost.is_file()
    assert "Renditions made for 0 photos; 1 already complete" in run("--missing-only")


def test_a_missing_original_is_reported_not_fatal_to_the_rest(media_root):
    broken = MediaItemFactory()
    MediaItemFactory()
    (media_root / broken.image.name).unlink()

    with pytest.raises(CommandError, match="1 photos could not be processed"):
        run()


def test_prune_deletes_old_files_no_record_refers_to(media_root):
    item = MediaItemFactory()
    orphan = media_root / "media" / "0123456789abcdef0123456789abcdef.jpg"
    orphan.write_bytes(b"left by a rolled-back upload")
    two_hours_ago = time.time() - 7200
    os.utime(orphan, (two_hours_ago, two_hours_ago))
    in_progress = media_root / "media" / "fedcba9876543210fedcba9876543210.jpg"
    in_progress.write_bytes(b"an upload being saved right now")

    output = run("--prune-orphans")

    assert "Deleted 1 files that no record refers to." in output
    assert not orphan.exists()
    assert in_progress.exists()
    assert all((media_root / name).is_file() for name in item.stored_files())
