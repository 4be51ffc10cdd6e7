"""Django admin behind the same door as the staff area: a verified second factor and the admin role.

Installed as the default admin site through `admin_apps.StaffAdminConfig` (INSTALLED_APPS), so `admin.site` and every
app's `admin.site.register` use it. Admin's own login page is never shown: it sends people to
/ansatt/logg-inn/.
"""

from datetime import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse

from forlop.lib.dates import day_from_parts, is_sane_day

from .guards import forbidden, is_verified


def query_dates_are_sane(model: type[models.Model], date_hierarchy: str | None, query: QueryDict) -> bool:
    """Whether every date a changelist's query string asks about lies in forlop.lib.dates' range: the date
    hierarchy (?<field>__year=&__month=&__day=) and any lookup on a date field (a list filter's
    ?at__gte=…, a hand-typed ?created_at__year=…). Unreadable values are left to Django, which refuses them."""
    if date_hierarchy:
        years, months, days = (
            query.getlist(f"{date_hierarchy}__{part}") for part in ("year", "month", "day")
        )
        if (
            years
            and day_from_parts(years[-1], months[-1] if months else None, days[-1] if days else None) is None
        ):
            return False
    for key, values in query.lists():
        name, _, lookup = key.partition("__")
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, models.DateField):  # DateTimeField included
            continue
        for value in values:
            if lookup in ("year", "iso_year"):
                if day_from_parts(value) is None:
                    return False
            elif lookup in ("", "exact", "gt", "gte", "lt", "lte"):
                try:
                    parsed = field.to_python(value)
                except (ValidationError, ValueError, OverflowError):
                    continue
                day = parsed.date() if isinstance(parsed, datetime) else parsed
                if day is not None and not is_sane_day(day):
                    return False
    return True


class SaneQueryDates:
    """A changelist whose query string asks about a date outside 2000-2100 gets Django's own answer to a
    wrong filter (a redirect to ?e=1 and its notice) before Django adds a year or a month to the date or turns
    it into UTC: year 9999 in the date hierarchy and ?at__gte=0001-01-01 overflowed into 500s."""

    model: type[models.Model]
    date_hierarchy: str | None

    def get_changelist_instance(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        if not query_dates_are_sane(self.model, self.date_hierarchy, request.GET):
            raise IncorrectLookupParameters("a date outside 2000-2100")
        return super().get_changelist_instance(request)  # type: ignore[misc]


class StaffAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options) -> None:  # type: ignore[no-untyped-def]
        """Every ModelAdmin gets SaneQueryDates mixed in here, once for all, rather than each app
        remembering it next to its `date_hierarchy` (tests/test_admin_dates.py walks them all)."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SaneQueryDates):
            admin_class = type(
                admin_class.__name__,
                (SaneQueryDates, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and is_verified(user) and user.has_role("admin")  # type: ignore[union-attr]
        )

    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:  # type: ignore[override]
        user = request.user
        if user.is_authenticated and is_verified(user):
            # Fully logged in but not an admin: sending them to the login page again would loop.
            return forbidden(request)
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, login_url=reverse("accounts:login"))

    def logout(self, request: HttpRequest, extra_context=None) -> HttpResponse:  # type: ignore[override]
        from .services import SESSION_NOTICE, end_current_session

        if request.method == "POST":
            end_current_session(request)
            request.session[SESSION_NOTICE] = "logout"
            return redirect("accounts:login")
        return redirect("accounts:logout")
