"""Dates in an admin changelist's address: the date hierarchy ("2026 › mars › 3") and any lookup on a date
field (a list filter's ?at__gte=…). A date outside the range every date in Forløp lives in is a redirect to
Django's "wrong filter" notice, never a 500. The walk covers every registered ModelAdmin."""

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse

from forlop.accounts.testing import login_verified

pytestmark = pytest.mark.django_db

HIERARCHIES = sorted(
    (model._meta.label, model_admin.date_hierarchy)
    for model, model_admin in admin.site._registry.items()
    if model_admin.date_hierarchy
)

BAD = [
    {"year": "99999"},
    {"year": "9999"},
    {"year": "9999", "month": "12"},
    {"year": "9999", "month": "12", "day": "31"},
    {"year": "1", "month": "1", "day": "1"},
    {"year": "0"},
    {"year": "-5"},
    {"year": "2026", "month": "13"},
    {"year": "2026", "month": "2", "day": "30"},
    {"year": "2026", "month": "x"},
    {"year": "9" * 5000},
]


def test_the_walk_covers_the_admins_with_a_date_hierarchy():
    assert len(HIERARCHIES) >= 6


@pytest.mark.parametrize(("label", "field"), HIERARCHIES)
def test_a_bad_date_in_the_hierarchy_is_refused_for_every_admin(client, admin_user, label, field):
    login_verified(client, admin_user)
    url = reverse(f"admin:{label.replace('.', '_').lower()}_changelist")
    for bad in BAD:
        query = {f"{field}__{part}": value for part, value in bad.items()}
        response = client.get(url, query)
        assert response.status_code == 302, (bad, response.status_code)
        assert response["Location"].endswith("?e=1")
    good = {f"{field}__year": "2026", f"{field}__month": "3", f"{field}__day": "3"}
    assert client.get(url, good).status_code == 200


DATE_FIELDS = sorted(
    (model._meta.label, field.name)
    for model in admin.site._registry
    for field in model._meta.concrete_fields
    if isinstance(field, models.DateField)
)

BAD_LOOKUPS = [
    ("gte", "0001-01-01"),
    ("gte", "0001-01-01 00:00:00+01:00"),
    ("lt", "9999-12-31 23:59:59"),
    ("lte", "9999-12-31"),
    ("exact", "1066-10-14"),
    ("year", "99999"),
    ("year", "1"),
]


def test_the_lookup_walk_covers_many_date_fields():
    assert len(DATE_FIELDS) >= 15


@pytest.mark.parametrize(("label", "field"), DATE_FIELDS)
def test_a_date_lookup_outside_the_range_is_refused_for_every_date_field(client, admin_user, label, field):
    login_verified(client, admin_user)
    url = reverse(f"admin:{label.replace('.', '_').lower()}_changelist")
    for lookup, value in BAD_LOOKUPS:
        response = client.get(url, {f"{field}__{lookup}": value})
        assert response.status_code == 302 and response["Location"].endswith("?e=1"), (lookup, value)
    model = next(m for m in admin.site._registry if m._meta.label == label)
    good = "2026-03-03"
    if isinstance(model._meta.get_field(field), models.DateTimeField):
        good += " 00:00:00+01:00"  # a naive one would be refused (and warn)
    assert client.get(url, {f"{field}__gte": good}).status_code == 200
