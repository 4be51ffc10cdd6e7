from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods

from forlop.audit.access import public
from forlop.core.services import RateLimited
from forlop.core.unavailable import refused_write, unavailable
from forlop.lib.requests import hashed_ip

from . import services
from .forms import ContactForm
from .reply_times import configured_hours, reply_promise

# The thank-you page shows the emergency numbers when the enquiry was urgent. The flag rides in the address
# rather than in a session, so that writing to us sets no cookie; it says only "urgent", never why.
URGENT_PARAM, URGENT_VALUE = "haster", "1"


@public
@require_http_methods(["GET", "POST"])
def contact_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _form_page(request, ContactForm())
    form = ContactForm(request.POST)
    ip_hash = hashed_ip(request)
    if not form.is_valid():
        return _form_page(request, form)
    if form.is_spam():
        # Pretend it went through, so a bot learns nothing.
        services.record_spam(ip_hash=ip_hash)
        return _to_thanks(urgent=form.looks_urgent())
    data = form.cleaned_data
    try:
        with refused_write("contact enquiry") as write:
            enquiry = services.submit_enquiry(
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                message=data["message"],
                preferred_contact=data["preferred_contact"],
                said_urgent=form.said_urgent(),
                ip_hash=ip_hash,
            )
    except RateLimited:
        return _form_page(request, form, rate_limited=True, status=429)
    if write.failed:  # the same form again, with everything typed, and "try again soon"
        return unavailable(_form_page(request, form, save_failed=True))
    return _to_thanks(urgent=enquiry.urgent)


def _form_page(
    request: HttpRequest,
    form: ContactForm,
    *,
    rate_limited: bool = False,
    save_failed: bool = False,
    status: int = 200,
):
    context = {
        "form": form,
        "rate_limited": rate_limited,
        "save_failed": save_failed,
        # A "Ja" or danger words in what was sent: the numbers are shown at once, also without JavaScript.
        "urgent_now": form.is_bound and form.looks_urgent(),
        "reply": reply_promise(timezone.now(), configured_hours()),
    }
    return render(request, "contact/form.html", context, status=status)


def _to_thanks(*, urgent: bool) -> HttpResponse:
    url = reverse("contact:thanks")
    return redirect(f"{url}?{URGENT_PARAM}={URGENT_VALUE}" if urgent else url)


@public
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    context = {
        "reply": reply_promise(timezone.now(), configured_hours()),
        "urgent": request.GET.get(URGENT_PARAM) == URGENT_VALUE,
    }
    response = render(request, "contact/thanks.html", context)
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, private"
    return response
