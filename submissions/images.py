"""Uploaded images: decoded, checked, re-encoded without metadata, renamed.

Only the content counts, never the file name or the declared type: a file is
an image if Pillow decodes it as JPEG, PNG or WebP. What is stored is a new
file written from the decoded pixels, so no EXIF (GPS position, camera) and no
trailing data survive, under a random name.
"""

import io
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

FORMATS = ["JPEG", "PNG", "WEBP"]
# Stored images are at most this wide or high: enough for a fiche, light to serve.
MAX_SIDE = 1600


def _reject(message, code, **params):
    return ValidationError(message, code=code, params=params)


def image_reencode(upload):
    """A ContentFile of the re-encoded image, named initiatives/<random>.<ext>.

    Raises ValidationError (codes too_big, too_many_pixels, not_an_image).
    """
    if upload.size > settings.IMAGE_MAX_BYTES:
        raise _reject(
            _("Image trop lourde : %(max)s au plus."),
            "too_big",
            max=filesizeformat(settings.IMAGE_MAX_BYTES),
        )
    too_many_pixels = _reject(
        _("Image trop grande : %(max)s millions de pixels au plus."),
        "too_many_pixels",
        max=settings.IMAGE_MAX_PIXELS // 1_000_000,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=FORMATS)
            width, height = image.size
            if width * height > settings.IMAGE_MAX_PIXELS:
                raise too_many_pixels
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels from None
    except (OSError, ValueError, SyntaxError, EOFError, Warning):
        raise _reject(
            _("Ce fichier n’est pas une image JPEG, PNG ou WebP lisible."), "not_an_image"
        ) from None
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    image = ImageOps.exif_transpose(image)  # Keeps the orientation the EXIF gave.
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    output = io.BytesIO()
    if has_alpha:
        image.convert("RGBA").save(output, "PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(output.getvalue(), name=f"{secrets.token_hex(16)}.{extension}")
