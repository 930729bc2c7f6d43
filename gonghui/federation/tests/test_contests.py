"""Online contests: images checked by content and size (FX-1), review, and votes: one per member
per entry, a daily limit, none after the close."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from gonghui.federation import images, services
from gonghui.federation.models import Contest, Entry, Vote
from gonghui.testing import add_member
from gonghui.testing.federation import image_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"%PDF-1.4 not an image", "type"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "type"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "corrupt"),
        (b"\xff\xd8\xff" + b"garbage" * 50, "corrupt"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * (images.MAX_BYTES + 1), "too_big"),
    ],
)
def test_uploads_are_checked_by_content_and_size(data, code):
    with pytest.raises(services.FederationError) as refused:
        images.check_image(data)
    assert refused.value.code == code


def test_a_tiny_or_huge_image_is_refused_and_a_photo_loses_its_exif():
    with pytest.raises(services.FederationError) as tiny:
        images.check_image(image_bytes(size=(20, 20)))
    assert tiny.value.code == "too_small"
    big = Image.new("1", (9000, 5000))  # 45 megapixels in a few kilobytes
    out = io.BytesIO()
    big.save(out, "PNG")
    with pytest.raises(services.FederationError) as bomb:
        images.check_image(out.getvalue())
    assert bomb.value.code == "too_big" and len(out.getvalue()) < images.MAX_BYTES
    photo = Image.new("RGB", (200, 100), (1, 2, 3))
    exif = Image.Exif()
    exif[0x010F] = "标记相机"
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif)
    checked = images.check_image(out.getvalue())
    assert (checked.content_type, checked.width, checked.height) == ("image/jpeg", 200, 100)
    assert not Image.open(io.BytesIO(checked.data)).getexif()


def test_members_submit_and_vote_once_per_entry_within_their_daily_limit(client, district, fed):
    contest = fed.contest(district.root)
    authors = [add_member(district.dinghai_union, None, f"作者{i}") for i in range(5)]
    entries = [fed.entry(contest, author) for author in authors]
    voter = district.members["own"]
    services.vote_cast(entry=entries[0], member=voter, actor=None)
    with pytest.raises(services.FederationError) as twice:
        services.vote_cast(entry=entries[0], member=voter, actor=None)
    assert twice.value.code == "duplicate"
    services.vote_cast(entry=entries[1], member=voter, actor=None)
    services.vote_cast(entry=entries[2], member=voter, actor=None)
    with pytest.raises(services.FederationError) as daily:
        services.vote_cast(entry=entries[3], member=voter, actor=None)
    assert daily.value.code == "daily"
    assert Vote.unscoped.filter(member=voter).count() == 3
    assert Entry.unscoped.get(pk=entries[0].pk).votes == 1 and Entry.unscoped.get(pk=entries[3].pk).votes == 0
    Contest.unscoped.filter(pk=contest.pk).update(
        vote_closes_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(services.FederationError) as closed:
        services.vote_cast(entry=entries[4], member=district.members["colleague"], actor=None)
    assert closed.value.code == "closed"


def test_the_member_pages_take_an_upload_and_refuse_a_fake_image(client, district, fed):
    contest = fed.contest(district.root)
    client.force_login(district.users["member"])
    url = reverse("federation:m_enter", args=[contest.pk])
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a jpeg", content_type="image/jpeg")
    response = client.post(url, {"title": "我的作品", "image": fake})
    assert response.status_code == 400 and "JPEG" in response.content.decode()
    assert 'value="我的作品"' in response.content.decode()  # what was typed is kept
    real = SimpleUploadedFile("photo.png", image_bytes(), content_type="image/png")
    assert client.post(url, {"title": "我的作品", "image": real}).status_code == 302
    entry = Entry.unscoped.get(contest=contest)
    assert client.get(reverse("federation:m_image", args=[entry.pk])).status_code == 200  # one's own, pending
    other = fed.entry(contest, district.members["colleague"], accepted=False)
    assert client.get(reverse("federation:m_image", args=[other.pk])).status_code == 404  # pending, not mine
    response = client.get(reverse("federation:entry_image", args=[entry.pk]))
    assert response.status_code == 404  # the back office's route is not a member's
