"""Uploaded images: real images only, within limits, re-encoded without metadata."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from initiatives.models import Initiative
from tests.submissions.formdata import draft_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def jpeg_with_gps(size=(64, 48)):
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Appareil-Espion"  # Make
    exif[0x8825] = {1: "N", 2: (45.0, 21.0, 51.0)}  # GPS IFD
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif)
    return output.getvalue()


def png(size=(20, 10), mode="RGBA"):
    output = io.BytesIO()
    Image.new(mode, size).save(output, "PNG")
    return output.getvalue()


def png_header_only(width, height):
    """A tiny PNG file announcing an enormous image (a decompression bomb)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def upload(client, content, name="logo.jpg", content_type="image/jpeg"):
    data = {**draft_form("Cantine"), "image": SimpleUploadedFile(name, content, content_type)}
    return client.post("/proposer/", data)


def test_a_photo_is_stored_re_encoded_under_a_random_name_without_its_metadata(marie):
    response = upload(marie, jpeg_with_gps(), name="IMG_2041 maison de Marie.jpg")

    assert response.status_code == 302
    name = Initiative.objects.get().image.name
    assert re.fullmatch(r"initiatives/[0-9a-f]{32}\.jpg", name)
    with default_storage.open(name) as stored:
        content = stored.read()
    image = Image.open(io.BytesIO(content))
    assert image.size == (64, 48)
    assert not image.getexif(), "no EXIF, hence no GPS position"
    assert b"Appareil-Espion" not in content


def test_a_transparent_logo_stays_a_png(marie):
    upload(marie, png(), name="logo.png", content_type="image/png")

    assert Initiative.objects.get().image.name.endswith(".png")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "a.svg"),
        (b"<html><script>alert(1)</script></html>", "photo.jpg"),
        (b"MZ\x90\x00" + b"\x00" * 200, "photo.png"),
        (jpeg_with_gps()[:200], "tronquee.jpg"),
    ],
    ids=["svg", "html-named-jpg", "executable-named-png", "truncated-jpeg"],
)
def test_files_that_are_not_real_images_are_refused(marie, content, name):
    response = upload(marie, content, name=name)

    assert response.status_code == 200
    assert "Ce fichier n’est pas une image JPEG, PNG ou WebP lisible." in response.content.decode()
    assert not Initiative.objects.exists()


def test_a_gif_is_refused_even_if_it_decodes(marie):
    output = io.BytesIO()
    Image.new("RGB", (10, 10)).save(output, "GIF")

    response = upload(marie, output.getvalue(), name="anim.gif", content_type="image/gif")

    assert "n’est pas une image JPEG, PNG ou WebP" in response.content.decode()


def test_a_decompression_bomb_is_refused_before_decoding(marie):
    response = upload(marie, png_header_only(30000, 30000), name="bombe.png")

    assert "Image trop grande : 25 millions de pixels au plus." in response.content.decode()


def test_a_file_over_five_megabytes_is_refused(marie, settings):
    settings.IMAGE_MAX_BYTES = 1000

    response = upload(marie, jpeg_with_gps((400, 400)))

    html = response.content.decode().replace("\xa0", " ")
    assert "Image trop lourde : 1000 octets au plus." in html


def test_an_image_is_kept_when_another_field_has_an_error(marie):
    data = {**draft_form(""), "image": SimpleUploadedFile("a.jpg", jpeg_with_gps(), "image/jpeg")}
    first = marie.post("/proposer/", data)
    token = re.search(r'name="kept_image" value="([^"]+)"', first.content.decode())[1]

    marie.post("/proposer/", {**draft_form("Cantine"), "kept_image": token})

    assert re.fullmatch(r"initiatives/[0-9a-f]{32}\.jpg", Initiative.objects.get().image.name)


def test_a_forged_kept_image_is_ignored(marie):
    marie.post("/proposer/", {**draft_form("Cantine"), "kept_image": "initiatives/../../secret"})

    assert Initiative.objects.get().image.name == ""
