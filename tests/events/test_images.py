"""Uploads: every bad file is refused with a clear message; kept photos are made safe."""

import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from events.models import MediaItem, Organization, Person
from tests.admin_forms import in_english
from tests.factories import ConferenceFactory, MediaItemFactory
from tests.images import bad_files, image_bytes, noisy_jpeg, upload

pytestmark = pytest.mark.django_db

BAD_FILES = bad_files()


def media_form(conference, image, **fields):
    return in_english(
        "events.MediaItem",
        {
            "image": image,
            "caption": "The signing ceremony of major industrial cooperation projects",
            "alt_text": "Delegates at a signing table",
            "credit": "",
            "taken_on": "",
            "conference": conference.pk,
            "order": "0",
            **fields,
        },
    )


def stored(media_root, name) -> Image.Image:
    return Image.open(media_root / name)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_admin_refuses_each_bad_file_with_a_clear_message(admin_client, media_root, case):
    file_name, content, message = BAD_FILES[case]
    conference = ConferenceFactory()

    response = admin_client.post(
        reverse("admin:events_mediaitem_add"), media_form(conference, upload(file_name, content))
    )

    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["image"][0]
    # The editor's other input is kept on the form.
    assert 'value="The signing ceremony of major industrial cooperation projects"' in (
        response.content.decode()
    )
    assert MediaItem.objects.count() == 0
    assert not any(path.is_file() for path in media_root.rglob("*"))


@pytest.mark.parametrize("case", ["JPEG with PHP appended", "HTML renamed .png"])
def test_logos_and_portraits_are_checked_too(admin_client, case):
    file_name, content, message = BAD_FILES[case]

    organization = admin_client.post(
        reverse("admin:events_organization_add"),
        {
            "name": "HKTDC",
            "slug": "",
            "kind": "trade_body",
            "logo": upload(file_name, content),
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    person = admin_client.post(
        reverse("admin:events_person_add"),
        {
            "name": "Patrick Lau",
            "slug": "",
            "photo": upload(file_name, content),
            "positions-TOTAL_FORMS": "0",
            "positions-INITIAL_FORMS": "0",
        },
    )

    assert message in organization.context["adminform"].form.errors["logo"][0]
    assert message in person.context["adminform"].form.errors["photo"][0]
    assert Organization.objects.count() == Person.objects.count() == 0


def test_too_large_a_file_is_refused(admin_client, settings):
    settings.IMAGE_MAX_BYTES = 10_000

    response = admin_client.post(
        reverse("admin:events_mediaitem_add"),
        media_form(ConferenceFactory(), upload("big.jpg", noisy_jpeg())),
    )

    assert (
        "images can be at most 9.8\xa0KB" in response.context["adminform"].form.errors["image"][0]
    )


def test_too_many_pixels_within_pillows_own_limit_is_refused_with_the_size(admin_client):
    response = admin_client.post(
        reverse("admin:events_mediaitem_add"),
        media_form(
            ConferenceFactory(), upload("wide.png", image_bytes((8000, 6000), "1", 0, "PNG"))
        ),
    )

    assert response.context["adminform"].form.errors["image"] == [
        "The image is 8000 × 6000 pixels (48.0 megapixels); the limit is 40 megapixels. Make "
        "it smaller and upload it again."
    ]


def gps_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0xA431] = "SERIAL-123456"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (22.0, 16.0, 48.0), 3: "E", 4: (114.0, 10.0, 30.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 200)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_gps_and_every_other_exif_tag_are_stripped(media_root):
    data = gps_jpeg()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the upload had a position

    item = MediaItemFactory(image=upload("phone.jpg", data))

    with stored(media_root, item.image.name) as image:
        assert image.format == "JPEG"
        assert "exif" not in image.info
        assert dict(image.getexif()) == {}
        assert "icc_profile" not in image.info
    assert b"SERIAL-123456" not in (media_root / item.image.name).read_bytes()
    assert b"PhoneMaker" not in (media_root / item.image.name).read_bytes()


def test_orientation_6_comes_out_upright(media_root):
    # A landscape sensor image, left half red, right half blue, to be turned 90° clockwise.
    source = Image.new("RGB", (400, 200), (255, 0, 0))
    source.paste((0, 0, 255), (200, 0, 400, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    source.save(buffer, "JPEG", exif=exif, quality=95)

    item = MediaItemFactory(image=upload("sideways.jpg", buffer.getvalue()))

    with stored(media_root, item.image.name) as image:
        assert image.size == (200, 400)
        assert (item.width, item.height) == (200, 400)
        top, bottom = image.getpixel((100, 20)), image.getpixel((100, 380))
        assert top[0] > 200 and top[2] < 60  # red now on top
        assert bottom[2] > 200 and bottom[0] < 60  # blue below
        assert image.getexif().get(0x0112) is None


def test_cmyk_jpeg_becomes_rgb_with_the_right_colour(media_root):
    cyan = image_bytes((300, 200), "CMYK", (255, 0, 0, 0))

    item = MediaItemFactory(image=upload("print.jpg", cyan))

    with stored(media_root, item.image.name) as image:
        assert image.mode == "RGB"
        red, green, blue = image.getpixel((150, 100))
        assert red < 40 and green > 200 and blue > 200


def test_transparent_png_keeps_its_transparency(media_root):
    source = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    source.paste((200, 30, 40, 255), (100, 50, 200, 150))
    buffer = io.BytesIO()
    source.save(buffer, "PNG")

    item = MediaItemFactory(image=upload("logo.png", buffer.getvalue()))

    with stored(media_root, item.image.name) as image:
        assert (image.format, image.mode) == ("PNG", "RGBA")
        assert image.getpixel((10, 10))[3] == 0
        assert image.getpixel((150, 100)) == (200, 30, 40, 255)
    fallback = item.renditions[0]["fallback"]
    assert fallback.endswith(".png")
    with stored(media_root, fallback) as rendition:
        assert rendition.mode == "RGBA"


def test_palette_png_with_transparency_converts_properly(media_root):
    source = Image.new("P", (100, 100), 0)
    source.putpalette([255, 255, 255, 200, 30, 40] + [0] * 762)
    source.paste(1, (25, 25, 75, 75))
    buffer = io.BytesIO()
    source.save(buffer, "PNG", transparency=0)

    item = MediaItemFactory(image=upload("palette.png", buffer.getvalue()))

    with stored(media_root, item.image.name) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((5, 5))[3] == 0
        assert image.getpixel((50, 50)) == (200, 30, 40, 255)


def test_renditions_exist_right_after_save_and_are_never_larger(media_root):
    item = MediaItemFactory(image=upload("photo.jpg", noisy_jpeg((1200, 800))))

    assert [(r["width"], r["height"]) for r in item.renditions] == [(480, 320), (960, 640)]
    for rendition in item.renditions:
        for key, fmt in (("webp", "WEBP"), ("fallback", "JPEG")):
            with stored(media_root, rendition[key]) as image:
                assert image.format == fmt
                assert image.size == (rendition["width"], rendition["height"])
                assert image.width <= item.width and image.height <= item.height
    item.refresh_from_db()
    assert len(item.renditions) == 2


def test_a_small_image_is_never_upscaled(media_root):
    item = MediaItemFactory(image=upload("small.jpg", image_bytes((300, 200))))

    assert [(r["width"], r["height"]) for r in item.renditions] == [(300, 200)]


def test_stored_names_are_random_and_not_the_uploaded_name():
    first = MediaItemFactory(image=upload("ceremony.jpg", image_bytes()))
    second = MediaItemFactory(image=upload("ceremony.jpg", image_bytes()))

    assert "ceremony" not in first.image.name
    assert first.image.name != second.image.name
    assert len(first.image.name.split("/")[-1].split(".")[0]) == 32


def test_deleting_removes_the_original_and_renditions_after_commit(
    media_root, django_capture_on_commit_callbacks
):
    item = MediaItemFactory(image=upload("photo.jpg", noisy_jpeg((1000, 600))))
    files = [media_root / name for name in item.stored_files()]
    assert len(files) == 5 and all(path.is_file() for path in files)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        item.delete()
    assert all(path.is_file() for path in files)  # nothing goes before the commit

    for callback in callbacks:
        callback()
    assert not any(path.is_file() for path in files)


def test_replacing_the_image_removes_the_old_files_after_commit(
    media_root, django_capture_on_commit_callbacks
):
    item = MediaItemFactory(image=upload("photo.jpg", noisy_jpeg((1000, 600))))
    old = [media_root / name for name in item.stored_files()]

    with django_capture_on_commit_callbacks(execute=True):
        item.image = upload("new.jpg", image_bytes((500, 400), color=(0, 90, 0)))
        item.save()

    assert not any(path.is_file() for path in old)
    assert all((media_root / name).is_file() for name in item.stored_files())
    assert (item.width, item.height) == (500, 400)


def test_a_rolled_back_delete_keeps_the_files(media_root):
    item = MediaItemFactory(image=upload("photo.jpg", image_bytes()))
    pk, files = item.pk, [media_root / name for name in item.stored_files()]

    with pytest.raises(RuntimeError), transaction.atomic():
        item.delete()
        raise RuntimeError("the request failed after the delete")

    assert MediaItem.objects.filter(pk=pk).exists()
    assert all(path.is_file() for path in files)


def test_deleting_a_conference_removes_its_photos_files(
    media_root, django_capture_on_commit_callbacks
):
    item = MediaItemFactory(image=upload("photo.jpg", image_bytes()))
    files = [media_root / name for name in item.stored_files()]

    with django_capture_on_commit_callbacks(execute=True):
        item.conference.delete()

    assert not any(path.is_file() for path in files)


def test_an_exact_duplicate_upload_is_pointed_out(admin_client):
    data = noisy_jpeg((400, 300))
    first = MediaItemFactory(image=upload("one.jpg", data), caption="Signing ceremony")

    response = admin_client.post(
        reverse("admin:events_mediaitem_add"),
        media_form(first.conference, upload("two.jpg", data), caption="Ceremony again"),
        follow=True,
    )

    messages = [str(message) for message in response.context["messages"]]
    assert any(
        "The photo “Ceremony again” is the same file as “Signing ceremony”" in message
        for message in messages
    )
    assert MediaItem.objects.count() == 2


def test_alt_text_is_required_unless_the_image_is_decorative(admin_client):
    conference = ConferenceFactory()
    url = reverse("admin:events_mediaitem_add")

    refused = admin_client.post(
        url, media_form(conference, upload("a.jpg", image_bytes()), alt_text="")
    )
    accepted = admin_client.post(
        url,
        media_form(conference, upload("a.jpg", image_bytes()), alt_text="", is_decorative="on"),
    )

    assert "Describe the image in the alt text, or mark it as decorative." in (
        refused.content.decode()
    )
    assert accepted.status_code == 302
    assert MediaItem.objects.get().alt == ""


def test_caption_is_required(admin_client):
    response = admin_client.post(
        reverse("admin:events_mediaitem_add"),
        media_form(ConferenceFactory(), upload("a.jpg", image_bytes()), caption=""),
    )

    assert response.context["adminform"].form.errors["caption_en"] == ["This field is required."]


def test_pages_show_a_picture_with_webp_sources_sizes_and_dimensions(client, media_root):
    conference = ConferenceFactory()
    first = MediaItemFactory(
        conference=conference, image=upload("a.jpg", noisy_jpeg((1200, 800))), order=1
    )
    MediaItemFactory(
        conference=conference,
        image=upload("b.jpg", image_bytes((600, 400))),
        order=2,
        credit="Nanjing Municipal People's Government",
    )

    content = client.get(conference.get_absolute_url()).content.decode()

    webp = [r["webp"] for r in first.renditions]
    assert (
        f'<source type="image/webp" srcset="/media/{webp[0]} 480w, /media/{webp[1]} 960w"'
        in content
    )
    assert 'sizes="(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, 100vw"' in content
    assert 'width="960" height="640"' in content
    assert 'width="480" height="320"' in content
    # The first image of the gallery loads at once, the rest lazily.
    gallery = content[content.index('class="gallery"') :]
    images = gallery.split("<img ")[1:]
    assert 'loading="lazy"' not in images[0]
    assert 'loading="lazy"' in images[1]
    assert "Credit: Nanjing Municipal People&#x27;s Government" in content


def test_admin_shows_thumbnails_in_the_changelist_and_the_inline(admin_client):
    item = MediaItemFactory(image=upload("a.jpg", noisy_jpeg((1200, 800))))
    thumbnail = f'<img src="/media/{item.renditions[0]["fallback"]}" alt="" width="80"'

    changelist = admin_client.get(reverse("admin:events_mediaitem_changelist"))
    inline = admin_client.get(reverse("admin:events_conference_change", args=[item.conference.pk]))

    assert thumbnail in changelist.content.decode()
    assert f'<img src="/media/{item.renditions[0]["fallback"]}" alt="" width="160"' in (
        inline.content.decode()
    )


def test_media_can_be_reordered_in_the_conference_form(admin_client):
    from tests.admin_forms import rendered_form_data

    first = MediaItemFactory(order=1)
    second = MediaItemFactory(order=2, conference=first.conference)
    url = reverse("admin:events_conference_change", args=[first.conference.pk])
    data = rendered_form_data(admin_client.get(url))
    data.update({"media-0-order": "2", "media-1-order": "1"})

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert list(first.conference.media.all()) == [second, first]


def test_real_photos_are_never_mistaken_for_hidden_code():
    from events.images import inspect_image

    for seed in range(25):
        photo = noisy_jpeg((1000 + seed, 700))
        assert inspect_image(photo, f"photo-{seed}.jpg") == "JPEG"


@pytest.mark.parametrize(
    ("name", "fmt", "tail"),
    [
        ("photo.webp", "WEBP", b"<script>alert(1)</script>"),
        ("photo.png", "PNG", b"<html><body>hello</body></html>"),
        ("photo.jpg", "JPEG", b"\xff\xd9<?php echo 1; ?>"),
    ],
)
def test_code_appended_to_any_format_is_refused(name, fmt, tail):
    from django.core.exceptions import ValidationError

    from events.images import inspect_image

    with pytest.raises(ValidationError) as error:
        inspect_image(image_bytes(fmt=fmt) + tail, name)

    assert error.value.code == "hidden_code"


def test_webp_uploads_are_accepted_and_stay_webp(media_root):
    item = MediaItemFactory(image=upload("photo.webp", image_bytes((800, 600), fmt="WEBP")))

    with stored(media_root, item.image.name) as image:
        assert image.format == "WEBP"
    assert item.image.name.endswith(".webp")


def test_a_multi_picture_phone_jpeg_is_accepted_as_a_jpeg(media_root):
    photo = Image.new("RGB", (800, 600), (20, 90, 160))
    depth_map = Image.new("RGB", (400, 300), (128, 128, 128))
    buffer = io.BytesIO()
    photo.save(buffer, "MPO", save_all=True, append_images=[depth_map])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"

    item = MediaItemFactory(image=upload("phone.jpg", buffer.getvalue()))

    with stored(media_root, item.image.name) as image:
        assert (image.format, image.size) == ("JPEG", (800, 600))


def test_a_png_whose_text_would_inflate_enormously_is_refused(admin_client):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "A" * 3_000_000, zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "PNG", pnginfo=info)

    response = admin_client.post(
        reverse("admin:events_mediaitem_add"),
        media_form(ConferenceFactory(), upload("bomb.png", buffer.getvalue())),
    )

    assert response.status_code == 200
    assert (
        "This file is not a JPEG, PNG or WebP image"
        in (response.context["adminform"].form.errors["image"][0])
    )


def test_an_image_longer_than_webp_allows_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:events_mediaitem_add"),
        media_form(
            ConferenceFactory(), upload("scroll.png", image_bytes((400, 17000), "L", 0, "PNG"))
        ),
    )

    assert response.context["adminform"].form.errors["image"] == [
        "The image is 400 × 17000 pixels; no side can be longer than 16,383 pixels. Make it "
        "smaller and upload it again."
    ]


def test_sixteen_bit_grey_keeps_its_tones(media_root):
    buffer = io.BytesIO()
    Image.new("I;16", (100, 100), 32768).save(buffer, "PNG")

    item = MediaItemFactory(image=upload("scan.png", buffer.getvalue()))

    with stored(media_root, item.image.name) as image:
        assert 120 <= image.convert("L").getpixel((50, 50)) <= 135  # mid-grey, not white


def test_a_colour_keyed_transparent_png_stays_transparent(media_root):
    source = Image.new("RGB", (100, 100), (255, 255, 255))
    source.paste((200, 30, 40), (25, 25, 75, 75))
    buffer = io.BytesIO()
    source.save(buffer, "PNG", transparency=(255, 255, 255))

    item = MediaItemFactory(image=upload("key.png", buffer.getvalue()))

    with stored(media_root, item.image.name) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((5, 5))[3] == 0
        assert image.getpixel((50, 50)) == (200, 30, 40, 255)


def test_a_save_that_fails_leaves_no_files_behind(media_root):
    item = MediaItem(
        conference=ConferenceFactory(),
        image=upload("photo.jpg", noisy_jpeg((1000, 600))),
        caption="",  # the database refuses an empty caption
        alt_text="x",
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()

    assert [path for path in media_root.rglob("*") if path.is_file()] == []


def test_editing_a_caption_in_the_conference_form_does_not_warn_of_duplicates(admin_client):
    from tests.admin_forms import CONFERENCE_INLINES, conference_form, empty_inlines, inline_rows

    data = noisy_jpeg((400, 300))
    first = MediaItemFactory(image=upload("one.jpg", data))
    MediaItemFactory(image=upload("two.jpg", data), conference=first.conference)
    conference = first.conference
    post = {
        **conference_form(title=conference.title, slug=conference.slug),
        **empty_inlines(*CONFERENCE_INLINES),
    }
    post.update(
        inline_rows(
            "media",
            [
                {
                    "id": item.pk,
                    "conference": conference.pk,
                    "caption": f"{item.caption} (edited)",
                    "alt_text": item.alt_text,
                    "order": item.order,
                }
                for item in conference.media.all()
            ],
            initial=2,
        )
    )

    response = admin_client.post(
        reverse("admin:events_conference_change", args=[conference.pk]), post, follow=True
    )

    messages = [str(message) for message in response.context["messages"]]
    assert any("was changed successfully" in message for message in messages)
    assert not any("is the same file as" in message for message in messages)
