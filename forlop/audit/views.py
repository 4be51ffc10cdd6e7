"""The access log page and one person's export (the basis of their right to see who read their data).

Both pages show names and email addresses, so they are personal-data views and are themselves logged:
the page with one row per page view (the subject is the person or staff member filtered on, otherwise the
log itself; the search text goes into the label), the export with action=export and the person as subject.
"""

import csv
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from forlop.lib.timezones import to_oslo
from forlop.people.models import Person

from . import policy
from .access import personal_data
from .forms import AccessLogFilterForm
from .models import AccessLog, Action
from .policy import Data
from .services import Ref, log_access, ref_of

PER_PAGE = 50
LOG_REF = Ref("audit.accesslog", "", "Tilgangslogg")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _subject(subject_type: str, subject_id: str, label: str) -> Ref:
    """The subject an administrator asked about; a person by id is named as the person (AccessLog.person),
    so their own log shows that the administrator read it."""
    person_id = int(subject_id) if subject_type == "people.person" and subject_id.isdigit() else None
    if person_id is not None and not Person.objects.filter(pk=person_id).exists():
        person_id = None
    return Ref(subject_type, subject_id, label, person_id=person_id)


def _subject_of_review(form: AccessLogFilterForm, first: AccessLog | None) -> Ref:
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("subject_type") and data.get("subject_id"):
        label = first.subject_label if first else ""
        return _subject(data["subject_type"], data["subject_id"], label)
    if data.get("user"):
        return ref_of(data["user"])
    if data.get("q"):
        return Ref(LOG_REF.type, "", f"Tilgangslogg, søk: {data['q']}")
    return LOG_REF


@personal_data(*policy.roles(Data.ACCESS_LOG), purpose="Kontroll av tilgangslogg")
@require_GET
def log_list(request: HttpRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET or None)
    entries = AccessLog.objects.newest_first()
    if form.is_bound:
        form.is_valid()
        entries = form.filter(entries)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    # Logged after the read, so the page does not list its own visit.
    log_access(request=request, obj=LOG_REF, subject=_subject_of_review(form, shown[0] if shown else None))
    subject_filter = form.is_bound and form.is_valid() and bool(form.cleaned_data.get("subject_id"))
    return render(
        request,
        "audit/log_list.html",
        {"form": form, "page": page, "entries": shown, "subject_filter": subject_filter},
    )


def _cell(value: Any) -> str:
    # Labels come from what people typed (the contact form's name field): defuse spreadsheet formulas.
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@personal_data(*policy.roles(Data.ACCESS_LOG), purpose="Innsyn i tilgangslogg for den registrerte")
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    subject_type = request.GET.get("subject_type", "").strip()
    subject_id = request.GET.get("subject_id", "").strip()
    if not subject_type or not subject_id or len(subject_type) > 100 or len(subject_id) > 64:
        return HttpResponseBadRequest(
            _("Velg personen eksporten gjelder (subject_type og subject_id mangler eller er ugyldige)."),
            content_type="text/plain; charset=utf-8",
        )
    entries = list(AccessLog.objects.about(subject_type=subject_type, subject_id=subject_id).newest_first())
    label = entries[0].subject_label if entries else ""
    # The export lists the history up to now; the export itself appears in the next one.
    log_access(
        request=request, obj=LOG_REF, action=Action.EXPORT, subject=_subject(subject_type, subject_id, label)
    )

    stamp = to_oslo(timezone.now()).strftime("%Y%m%d-%H%M")
    safe_id = "".join(ch for ch in subject_id if ch.isalnum() or ch in "-_")[:40]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tilgangslogg-{safe_id}-{stamp}.csv"'
    # BOM and semicolons: what Excel with Norwegian settings opens correctly with a double-click.
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Tidspunkt (norsk tid)"),
            _("Ansatt"),
            _("Roller"),
            _("Handling"),
            _("Hva"),
            _("Gjelder"),
            _("Formål"),
        ]
    )
    for entry in entries:
        writer.writerow(
            [
                _cell(to_oslo(entry.at).strftime("%d.%m.%Y %H:%M:%S")),
                _cell(entry.user_label or _("(system)")),
                _cell(entry.role_labels),
                _cell(entry.get_action_display()),
                _cell(f"{entry.object_type_label} {entry.object_id}".strip()),
                _cell(entry.subject_label),
                _cell(entry.why),
            ]
        )
    return response
