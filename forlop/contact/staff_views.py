"""Where contact enquiries become visible to staff: coordinators and admins, every view logged.

The list shows who wrote and when, not what they wrote: the message (which may hold health information)
is only on the detail page. Urgent enquiries nobody has handled yet come first, marked "Haster". Each enquiry on a list page and each detail view is one access log row.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forlop.audit import policy
from forlop.audit.access import personal_data
from forlop.audit.policy import Act, Data
from forlop.audit.services import log_access, log_access_many

from . import services
from .danger_words import danger_words
from .models import ContactEnquiry
from .reply_times import configured_hours, reply_promise

PURPOSE = services.PURPOSE
PER_PAGE = 25


enquiry_subject = services.enquiry_subject  # the staff start page lists enquiries too


@personal_data(*policy.roles(Data.ENQUIRY), purpose=PURPOSE)
@require_GET
def enquiry_list(request: HttpRequest) -> HttpResponse:
    only_new = request.GET.get("vis") == "nye"
    enquiries = ContactEnquiry.objects.urgent_waiting_first()
    if only_new:
        enquiries = enquiries.new()
    page = Paginator(enquiries, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    hours = configured_hours()
    replies = {enquiry.pk: reply_promise(enquiry.created_at, hours) for enquiry in shown}
    log_access_many(request=request, objs=shown, subject=enquiry_subject)
    return render(
        request,
        "contact/staff/list.html",
        {
            "page": page,
            "enquiries": shown,
            "rows": [(enquiry, replies[enquiry.pk]) for enquiry in shown],
            "only_new": only_new,
            "new_count": ContactEnquiry.objects.new().count(),
        },
    )


@personal_data(*policy.roles(Data.ENQUIRY, Act.CHANGE), purpose=PURPOSE)
@require_http_methods(["GET", "POST"])
def enquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = get_object_or_404(ContactEnquiry.objects.select_related("handled_by"), pk=pk)
    if request.method == "POST":
        if services.mark_handled(enquiry=enquiry, by=request.user):  # type: ignore[arg-type]
            messages.success(request, _("Henvendelsen er markert som behandlet."))
        else:
            messages.info(request, _("Henvendelsen var allerede markert som behandlet."))
        return redirect("contact_staff:detail", pk=enquiry.pk)
    log_access(request=request, obj=enquiry, subject=enquiry_subject(enquiry))
    context = {
        "enquiry": enquiry,
        "danger_words": danger_words(enquiry.message),
        "reply": reply_promise(enquiry.created_at, configured_hours()),
    }
    return render(request, "contact/staff/detail.html", context)
