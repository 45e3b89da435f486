"""An episode's external video is framed only after consent, and only its provider is added
to the Content-Security-Policy of that one response."""

import pytest

from ehrensache.guide.models import Episode

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _frame_src(response) -> list[str]:
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        if name == "frame-src":
            return values
    return []


def test_video_provider_is_allowed_to_frame_only_after_consent(client, episodes):
    Episode.objects.filter(number=1).update(video_url="https://video.example.net/embed/abc")
    url = episodes[1].get_absolute_url()

    before = client.get(url)
    after = client.get(url + "?video=laden")

    assert _frame_src(before) == ["'self'"]
    assert _frame_src(after) == ["'self'", "https://video.example.net"]
    assert _frame_src(client.get("/")) == ["'self'"]
