"""Unknown hosts are refused, and no address of the site sends a visitor to another host:
not the `next=` of the admin, not the language switcher, not the language redirect of `/`."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from ciso.models import StandardPage

pytestmark = pytest.mark.django_db

EVIL_NEXTS = [
    "https://evil.example/",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "http://testserver@evil.example/",
    " https://evil.example/",
    "javascript:alert(1)",
]


def _is_local(url):
    """A URL that stays on the site: a path, or an absolute URL to the test host."""
    parts = urlsplit(url.replace("\\", "/"))
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == "testserver"
    return url.startswith("/") and not url.startswith(("//", "/\\"))


@pytest.mark.parametrize("path", ["/", "/fr/", "/en/projects/", "/admin/login/", "/fr/nope/"])
@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:80", "testserver.evil.example", "testserver@evil"]
)
def test_unknown_hosts_get_400(client, path, host):
    assert client.get(path, HTTP_HOST=host).status_code == 400


def test_forwarded_host_is_not_trusted(client):
    response = client.get("/", HTTP_X_FORWARDED_HOST="evil.example")
    assert response.status_code == 302 and _is_local(response["Location"])
    page = client.get("/fr/", HTTP_X_FORWARDED_HOST="evil.example")
    assert b"evil.example" not in page.content


@pytest.mark.parametrize(
    "path",
    [
        "//evil.example",
        "//evil.example/",
        "///evil.example/fr/",
        "/%2F%2Fevil.example/",
        "/\\evil.example/",
        "//evil.example/%2E%2E",
        "/fr//evil.example",
        "/en/projects//evil.example",
    ],
)
def test_addresses_that_look_like_another_host_stay_on_the_site(client, path):
    response = client.get(path)
    assert response.status_code in (301, 302, 404)
    if response.status_code != 404:
        assert _is_local(response["Location"]), response["Location"]


@pytest.mark.parametrize("next_url", EVIL_NEXTS)
def test_admin_login_does_not_follow_a_next_to_another_host(client, next_url):
    get_user_model().objects.create_superuser("staff", "staff@example.org", "pw")
    response = client.post(
        "/admin/login/?" + f"next={next_url}",
        {"username": "staff", "password": "pw", "next": next_url},
    )
    assert response.status_code == 302
    assert _is_local(response["Location"]), response["Location"]
    assert "evil" not in response["Location"]


@pytest.mark.parametrize("next_url", EVIL_NEXTS[:3])
def test_admin_actions_do_not_follow_a_next_to_another_host(staff_client, next_url):
    page = StandardPage.objects.get(slug_fr="mission-et-actions")
    response = staff_client.post(f"/admin/pages/{page.pk}/unpublish/", {"next": next_url})
    assert response.status_code == 302
    assert _is_local(response["Location"]) and "evil" not in response["Location"]
    response = staff_client.post("/admin/logout/", {"next": next_url})
    assert response.status_code == 302
    assert _is_local(response["Location"]) and "evil" not in response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/fr/mission-et-actions/?next=https://evil.example/",
        "/en/projects/?country=ht&next=//evil.example/&url=https%3A%2F%2Fevil.example",
        "/fr/projets/pays/haiti/?next=https://evil.example/",
        "/en/page-that-does-not-exist/?next=//evil.example/",
        "/de/?next=https://evil.example/",
    ],
)
def test_language_switcher_and_alternates_stay_on_the_site(client, html, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    soup = html(response)
    links = [a["href"] for a in soup.select(".language-switcher a")]
    alternates = [link["href"] for link in soup.select('link[rel="alternate"][hreflang]')]
    feeds = [link["href"] for link in soup.select('link[rel="alternate"]:not([hreflang])')]
    assert len(links) == 2 and len(alternates) == 3
    for url in links + alternates + feeds:  # the Atom feed too
        assert _is_local(url), url
    # A query parameter naming a host is only ever carried along as an escaped value.
    for url in links:
        assert urlsplit(url).path.startswith(("/fr/", "/en/"))
