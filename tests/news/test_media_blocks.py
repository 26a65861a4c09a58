"""Galleries and videos in a news article's body (ciso.blocks.GalleryBlock, VideoBlock): a
gallery's renditions in one query; a video loads nothing from its site until the visitor
asks for its player."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_factories import ImageFactory

from ciso.blocks import VIDEO_SITES, VideoBlock
from tests.news.factories import add_article

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def gallery(images):
    return {
        "type": "gallery",
        "value": {
            "images": [
                {"image": image.pk, "alt_text": f"Photo {n}", "decorative": False}
                for n, image in enumerate(images)
            ],
            "caption": "Une galerie",
        },
    }


def video(url=VIDEO, title="Entrevue avec une militante"):
    return {"type": "video", "value": {"url": url, "title": title}}


@pytest.mark.parametrize(
    ("url", "player"),
    [
        (VIDEO, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://vimeo.com/123456789", "https://player.vimeo.com/video/123456789?dnt=1"),
    ],
)
def test_a_video_of_youtube_or_vimeo_is_accepted(url, player):
    block = VideoBlock()
    value = block.clean(block.to_python({"url": url, "title": "Titre"}))
    assert value.video()["player"] == player


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/video",
        "http://youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQX",  # an id of 12 characters: not a video's
        "javascript:x",
    ],
)
def test_any_other_address_is_refused(url):
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": url, "title": "Titre"}))


def test_the_csp_lets_in_the_players_and_nothing_else():
    frames = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"]
    players = {
        "{0.scheme}://{0.netloc}".format(urlsplit(site["player"])) for site in VIDEO_SITES.values()
    }
    assert set(frames) - {"'self'"} == players


def test_a_video_shows_its_title_and_a_link_and_loads_nothing_from_its_site(client, html):
    article = add_article(body_fr=[video()], slug_fr="avec-video")
    response = client.get(article.url)
    doc = html(response)
    figure = doc.select_one(".video")
    assert figure.select_one(".video__title").get_text() == "Entrevue avec une militante"
    assert figure.select_one("a")["href"] == VIDEO
    assert figure.select_one("button").has_attr("hidden")  # shown by the script only
    # The button is described by the video's title: several videos are told apart.
    assert doc.select_one("#" + figure.select_one("button")["aria-describedby"]).get_text() == (
        "Entrevue avec une militante"
    )
    # Nothing in the page points a browser at another host.
    assert not doc.select("iframe")
    for tag in doc.select("[src]"):
        assert not tag["src"].startswith("http"), tag
    assert "youtube-nocookie.com" in response["Content-Security-Policy"]


def test_a_gallery_reads_its_renditions_in_one_query(client, html):
    def queries(count):
        images = [ImageFactory() for _n in range(count)]
        article = add_article(body_fr=[gallery(images)])
        client.get(article.url)  # makes the renditions
        with CaptureQueriesContext(connection) as captured:
            doc = html(client.get(article.url))
        assert len(doc.select(".gallery img")) == count
        assert [img["alt"] for img in doc.select(".gallery img")][:2] == ["Photo 0", "Photo 1"]
        return len(captured)

    assert queries(2) == queries(8)
