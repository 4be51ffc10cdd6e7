"""The relapse plan and the help-now ladder are one tap from every Min side page: this walks every own-data
route in the URL conf (every page a person sees of their own) and looks for the link at the top."""

import re

from django.urls import reverse

from forlop.accounts.testing import login_verified
from forlop.audit.access import OWN
from forlop.care.messaging import services as messaging
from forlop.core.tests.test_url_classification import routes

# Own-data pages outside the person's Min side layout: the relative's own track (namespace "relatives", pages
# for a relative's account with their own layout). Whether a relative should see the link too is the lead's
# call; every other own-data page must have it.
NOT_MIN_SIDE = ("relatives:",)

LINK = re.compile(
    r'<a class="button minside-help-now-link" href="' + re.escape("/min-side/forlop/tilbakefallsplan/")
)


def test_every_min_side_page_has_the_plan_one_tap_away(client, course, person, therapist):
    thread = messaging.start_thread(course=course, by=therapist, subject="Hei", body="Hei").thread
    login_verified(client, person.user)
    # Known objects for the routes that take one, so those pages are walked too.
    values = {"thread_pk": thread.pk}
    checked, skipped = [], []
    for route in routes():
        if route.access_class != OWN or route.name.startswith(NOT_MIN_SIDE):
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route.route)
        if any(name not in values for name in names):
            skipped.append(route.name)
            continue
        url = reverse(route.name, kwargs={name: values[name] for name in names} or None)
        response = client.get(url)
        if response.status_code in (302, 405) or "text/html" not in response.get("Content-Type", ""):
            skipped.append(route.name)  # a POST-only action, a download or a redirect: no page of its own
            continue
        assert response.status_code == 200, url
        assert LINK.search(response.content.decode()), f"{route.name} ({url}) lacks the one-tap link"
        checked.append(route.name)
    assert {"minside:home", "care_plan:mine", "care_relapse:mine", "care_messaging:mine_thread"} <= set(
        checked
    )
    assert len(checked) >= 8, (checked, skipped)


def test_the_link_is_before_the_navigation(client, person):
    html = login_verified(client, person.user).get(reverse("minside:home")).content.decode()
    assert 0 < html.index("minside-help-now-link") < html.index('class="minside-nav"')
