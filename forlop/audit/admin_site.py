"""Django admin with the access log built in: every admin page that shows personal data writes its rows.

The admin site (`AuditedAdminSite`, installed as Django's default site by
`forlop.accounts.admin_apps.StaffAdminConfig`) logs, for every registered model at once, so no ModelAdmin
has to remember it:

- a list page (changelist, and an action's confirmation page): one row per object shown;
- a change, history or delete page, and the user admin's password page: one row for the object;
- a lookup in a form's search field (autocomplete): one row per object offered.

It hooks `admin_view`, the one door every admin page passes through, and recognises the page by the
ModelAdmin method behind it. Only answers that show a page (status 200) are logged: a refusal or a redirect
shows nothing.

Every registered model is declared here, in one place that is easy to review: `PERSONAL_DATA` says why an
administrator opens its pages (the log's purpose) and whose data one object is; `NO_PERSONAL_DATA` lists the
models whose pages show nobody's personal data. A model registered without a declaration is still logged
(with a purpose saying so), and `tests/test_admin_pages.py` fails until it is declared: it walks every
registered model's list, change, history and delete pages and checks the rows.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import Any, cast

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from forlop.accounts.admin_site import StaffAdminSite
from forlop.accounts.guards import is_verified

from . import policy
from .policy import Act, Data
from .services import Ref, Thing, log_access, log_access_many, subject_of

LOG_REF = Ref("audit.accesslog", "", "Tilgangslogg")


def _owner(device: Any) -> Thing:
    return device.user


def _logged_subject(entry: Any) -> Thing:
    """An access-log entry shows whose data was read: that person is the subject of reading it."""
    return Ref(entry.subject_type, entry.subject_id, entry.subject_label)


@dataclass(frozen=True)
class Shows:
    """What a model's admin pages show: why an administrator opens them, and whose data one object is."""

    purpose: str
    subject: Callable[[Any], Thing] = subject_of
    # List pages write one row about this per page view instead of one per object (the access log's own list,
    # as on the staff page /ansatt/tilgangslogg/: listing the log must not double it).
    list_as: Ref | None = None


# Purposes are stored as written, in Norwegian (like @personal_data's), whatever language the admin uses.
PERSONAL_DATA: dict[str, Shows] = {
    "accounts.user": Shows("Administrasjon: brukerkontoer"),
    "accounts.webauthncredential": Shows("Administrasjon: passnøkler", subject=_owner),
    "accounts.loginevent": Shows(
        "Administrasjon: innloggingslogg", subject=lambda event: event.user or event
    ),
    "otp_totp.totpdevice": Shows("Administrasjon: autentiseringsapper", subject=_owner),
    "otp_static.staticdevice": Shows("Administrasjon: reservekoder", subject=_owner),
    "audit.accesslog": Shows(
        "Kontroll av tilgangslogg i administrasjonen", subject=_logged_subject, list_as=LOG_REF
    ),
    # Recipients' addresses and subjects ("Din time hos …"); the bodies are not shown.
    "outbox.outboxmessage": Shows("Administrasjon: e-postkø"),
    "contact.contactenquiry": Shows("Administrasjon: lese en henvendelse"),
    # Profiles under work, the login account, HPR numbers and changes waiting for approval.
    "therapists.therapist": Shows("Administrasjon: terapeutprofiler"),
    # A free-text note about a named therapist's day ("legetime").
    "scheduling.dateoverride": Shows("Administrasjon: avvik i arbeidstid", subject=lambda day: day.therapist),
    "booking.booking": Shows("Administrasjon: lese en bestilling"),
    # Who asked for their account and data to be deleted (Min side), and the note with it.
    "minside.deletionrequest": Shows("Administrasjon: ønske om sletting", subject=lambda asked: asked.person),
}

NO_PERSONAL_DATA: frozenset[str] = frozenset(
    {
        "auth.group",  # names of permission groups
        "content.category",
        "content.article",  # authors and reviewers are named as on the public article pages
        "course.lesson",
        "therapists.focusarea",
        "therapists.method",
        "therapists.language",
        "therapists.meetingmode",
        "booking.consultationtype",  # types and prices, therapists named as in the public directory
        "scheduling.workinghours",  # the weekly hours the public booking pages show anyway
        "scheduling.bookingsettings",  # notice, horizon and daily maximum per therapist
    }
)

LIST_PAGES = frozenset({"changelist_view"})
# The URL keyword that carries the object's id, per ModelAdmin method.
OBJECT_PAGES = {
    "change_view": "object_id",
    "history_view": "object_id",
    "delete_view": "object_id",
    "user_change_password": "id",  # django.contrib.auth's UserAdmin
}


def label_of(model: type[models.Model]) -> str:
    return model._meta.label_lower


def shows(model: type[models.Model]) -> Shows | None:
    """What `model`'s admin pages show; None when they show no personal data. An undeclared model counts as
    personal data (logged, and the page walk test fails until it is declared)."""
    label = label_of(model)
    if label in NO_PERSONAL_DATA:
        return None
    return PERSONAL_DATA.get(label) or Shows(f"Administrasjon (ikke klassifisert): {label}")


def undeclared(site: admin.AdminSite) -> list[str]:
    """Registered models declared neither in PERSONAL_DATA nor in NO_PERSONAL_DATA."""
    labels = {label_of(model) for model in site._registry}
    return sorted(labels - set(PERSONAL_DATA) - NO_PERSONAL_DATA)


def log_objects(*, request: HttpRequest, model: type[models.Model], objs: Iterable[models.Model]) -> None:
    """Log that the admin page answering `request` showed `objs` (all of `model`)."""
    what = shows(model)
    if what is None:
        return
    if what.list_as is not None:
        log_access(request=request, obj=what.list_as, why=what.purpose)
        return
    log_access_many(request=request, objs=list(objs), subject=what.subject, why=what.purpose)


def log_object(*, request: HttpRequest, obj: models.Model) -> None:
    what = shows(type(obj))
    if what is not None:
        log_access(request=request, obj=obj, subject=what.subject(obj), why=what.purpose)


def _listed(response: HttpResponseBase) -> Iterable[models.Model] | None:
    """The objects a list page shows: the changelist's page of results, or an action's confirmation page's
    selection ("Delete selected …")."""
    context = getattr(response, "context_data", None) or {}
    if "cl" in context:
        return context["cl"].result_list  # evaluated here, and the template reuses the same results
    if isinstance(context.get("queryset"), models.QuerySet):
        return context["queryset"]
    return None


class PolicyAdmin:
    """Mixed into every ModelAdmin by `AuditedAdminSite.register`: a page or a button appears only when the
    access policy lets the user see (or change) in the admin, and the ModelAdmin's own rules allow it too
    (a read-only admin stays read-only)."""

    def _policy(self, request: HttpRequest, act: Act) -> bool:
        return policy.may(request.user, act, Data.ADMIN)  # type: ignore[arg-type]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        inherited = super().has_view_permission(request, obj)  # type: ignore[misc]
        return self._policy(request, Act.SEE) and inherited

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        inherited = super().has_add_permission(request, *args)  # type: ignore[misc]
        return self._policy(request, Act.CHANGE) and inherited

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        inherited = super().has_change_permission(request, obj)  # type: ignore[misc]
        return self._policy(request, Act.CHANGE) and inherited

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        inherited = super().has_delete_permission(request, obj)  # type: ignore[misc]
        return self._policy(request, Act.CHANGE) and inherited


class AuditedAdminSite(StaffAdminSite):
    """The staff admin site (second factor, the admin role by the access policy) whose pages write the
    access log."""

    def register(self, model_or_iterable, admin_class=None, **options) -> None:  # type: ignore[no-untyped-def]
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, PolicyAdmin):
            admin_class = type(
                admin_class.__name__,
                (PolicyAdmin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request: HttpRequest) -> bool:
        return is_verified(request.user) and policy.may(request.user, Act.SEE, Data.ADMIN)  # type: ignore[arg-type]

    def admin_view[V: Callable[..., Any]](self, view: V, cacheable: bool = False) -> V:
        inner = super().admin_view(view, cacheable)
        page = getattr(view, "__name__", "")
        model_admin = getattr(view, "__self__", None)
        if isinstance(model_admin, admin.ModelAdmin):
            if page in LIST_PAGES:
                return cast(V, self._logging_list(inner, model_admin))
            if page in OBJECT_PAGES:
                return cast(V, self._logging_object(inner, model_admin, OBJECT_PAGES[page]))
        elif model_admin is self and page == "autocomplete_view":
            return cast(V, self._logging_lookup(inner))
        return inner

    def _logging_list(self, inner: Callable, model_admin: admin.ModelAdmin) -> Callable:
        @wraps(inner)
        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = inner(request, *args, **kwargs)
            if response.status_code == 200 and self.has_permission(request):
                listed = _listed(response)
                if listed is not None:
                    log_objects(request=request, model=model_admin.model, objs=listed)
            return response

        return view

    def _logging_object(self, inner: Callable, model_admin: admin.ModelAdmin, id_kwarg: str) -> Callable:
        @wraps(inner)
        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            obj = None
            if self.has_permission(request) and kwargs.get(id_kwarg):
                # Read before the page runs: a delete page that deletes leaves nothing to read afterwards.
                obj = model_admin.get_object(request, unquote(kwargs[id_kwarg]))
            response = inner(request, *args, **kwargs)
            if response.status_code == 200 and obj is not None:
                log_object(request=request, obj=obj)
            return response

        return view

    def _logging_lookup(self, inner: Callable) -> Callable:
        @wraps(inner)
        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response = inner(request, *args, **kwargs)
            if (
                response.status_code == 200
                and isinstance(response, HttpResponse)
                and self.has_permission(request)
            ):
                self._log_lookup(request, response)
            return response

        return view

    def _log_lookup(self, request: HttpRequest, response: HttpResponse) -> None:
        try:
            source = apps.get_model(request.GET["app_label"], request.GET["model_name"])
            field = source._meta.get_field(request.GET["field_name"])
        except (KeyError, LookupError, FieldDoesNotExist):
            return
        if field.remote_field is None:
            return
        remote = field.remote_field.model
        to_field = getattr(field.remote_field, "field_name", None) or remote._meta.pk.attname
        ids = [row["id"] for row in json.loads(response.content).get("results", [])]
        objs = remote._default_manager.filter(**{f"{to_field}__in": ids})
        log_objects(request=request, model=remote, objs=objs)
