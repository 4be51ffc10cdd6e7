import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from forlop.therapists.images import MAX_SIDE, process_portrait

from .conftest import image_bytes


def exif_with_gps_and_rotation() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; show rotated 90° clockwise
    exif[0x010F] = "Kamerafabrikk"  # Make
    exif[0x0110] = "Modell X"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (59.0, 54.0, 47.0)  # Oslo
    gps[3] = "E"
    gps[4] = (10.0, 45.0, 8.0)
    return exif


def test_it_removes_every_trace_of_exif_and_gps():
    original = image_bytes("JPEG", (1200, 900), exif=exif_with_gps_and_rotation())
    assert b"Kamerafabrikk" in original  # the test picture really carries metadata

    cleaned = process_portrait(io.BytesIO(original))

    with Image.open(io.BytesIO(cleaned)) as result:
        assert result.format == "JPEG"
        assert dict(result.getexif()) == {}
        assert "exif" not in result.info and "icc_profile" not in result.info
    assert b"Exif" not in cleaned and b"Kamerafabrikk" not in cleaned and b"GPS" not in cleaned


def test_it_turns_the_picture_upright_before_dropping_the_orientation_tag():
    original = image_bytes("JPEG", (1200, 900), exif=exif_with_gps_and_rotation())
    with Image.open(io.BytesIO(process_portrait(io.BytesIO(original)))) as result:
        # 1200×900 stored sideways is a 900×1200 portrait; the blue marker moves from top-left to top-right.
        assert result.size == (600, 800)
        red, green, blue = result.getpixel((result.width - 5, 5))
        assert blue > 200 and red < 60


@pytest.mark.parametrize(
    ("fmt", "size", "expected"),
    [
        ("JPEG", (1600, 1200), (800, 600)),
        ("PNG", (1000, 3000), (267, 800)),
        ("WEBP", (900, 900), (800, 800)),
        ("JPEG", (300, 200), (300, 200)),  # small pictures are not enlarged
    ],
)
def test_it_shrinks_to_at_most_800_pixels_and_writes_jpeg(fmt, size, expected):
    with Image.open(io.BytesIO(process_portrait(io.BytesIO(image_bytes(fmt, size))))) as result:
        assert result.format == "JPEG"
        assert result.size == expected
        assert max(result.size) <= MAX_SIDE


def test_it_makes_transparent_areas_white():
    image = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    with Image.open(io.BytesIO(process_portrait(io.BytesIO(out.getvalue())))) as result:
        assert result.getpixel((25, 25)) == (255, 255, 255)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 dette er ikke et bilde", "Filen er ikke et bilde vi kan lese"),
        (image_bytes("JPEG")[:400], "Filen er ikke et bilde vi kan lese"),
        (image_bytes("GIF", (40, 40)), "Bildet må være i JPEG-, PNG- eller WebP-format."),
        (b"", "Filen er ikke et bilde vi kan lese"),
    ],
)
def test_it_refuses_what_is_not_an_accepted_picture_in_norwegian(data, message):
    with pytest.raises(ValidationError) as caught:
        process_portrait(io.BytesIO(data))
    assert message in caught.value.messages[0]


def test_it_refuses_files_over_5_mb():
    with pytest.raises(ValidationError) as caught:
        process_portrait(io.BytesIO(b"\xff" * (5 * 1024 * 1024 + 1)))
    assert caught.value.messages == ["Bildet er for stort. Det kan være på høyst 5 MB."]


def test_it_refuses_a_small_file_that_unpacks_to_a_huge_bitmap():
    out = io.BytesIO()
    Image.new("L", (8000, 8000)).save(out, "PNG")
    bomb = out.getvalue()
    assert len(bomb) < 5 * 1024 * 1024
    with pytest.raises(ValidationError) as caught:
        process_portrait(io.BytesIO(bomb))
    assert caught.value.messages == ["Bildet har for mange piksler. Last opp et mindre bilde."]
