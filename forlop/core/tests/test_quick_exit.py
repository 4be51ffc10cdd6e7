"""'Lukk siden': a quick way off the site on every public page, never on staff pages (the browser side is in
test_quick_exit_browser.py)."""

import pytest
from django.urls import reverse

from forlop.accounts.testing import login_verified

NEUTRAL = "https://www.yr.no/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/hjelp-na/", "/personvern/", "/artikler/", "/kontakt/", "/en/", "/finnes-ikke/"]
)
def test_every_public_page_has_the_quick_exit_right_after_the_skip_link(client, path):
    html = client.get(path).content.decode()

    assert 'class="quick-exit"' in html
    skip, exit_link, header = (
        html.index('class="skip-link"'),
        html.index('class="quick-exit"'),
        html.index("<header"),
    )
    assert skip < exit_link < header  # the second stop for the Tab key
    assert f'href="{NEUTRAL}"' in html  # a plain link without JavaScript
    assert 'rel="noreferrer"' in html  # the neutral site is not told where the visitor came from
    assert "/static/js/quick-exit.js" in html


@pytest.mark.django_db
def test_staff_pages_and_the_staff_login_have_no_quick_exit(client, coordinator):
    assert 'class="quick-exit"' not in client.get(reverse("accounts:login")).content.decode()

    login_verified(client, coordinator)
    response = client.get(reverse("staff:dashboard"))
    assert response.status_code == 200
    assert 'class="quick-exit"' not in response.content.decode()
