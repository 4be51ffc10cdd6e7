from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from forlop.audit.access import public
from forlop.core.services import RateLimited
from forlop.core.unavailable import refused_write, unavailable
from forlop.lib.requests import hashed_ip

from . import services
from .forms import ContactForm
from .workdays import next_working_day


@public
@require_http_methods(["GET", "POST"])
def contact_form(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "contact/form.html", {"form": ContactForm()})
    form = ContactForm(request.POST)
    ip_hash = hashed_ip(request)
    if not form.is_valid():
        return render(request, "contact/form.html", {"form": form})
    if form.is_spam():
        # Pretend it went through, so a bot learns nothing.
        services.record_spam(ip_hash=ip_hash)
        return redirect("contact:thanks")
    data = form.cleaned_data
    try:
        with refused_write("contact enquiry") as write:
            services.submit_enquiry(
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                message=data["message"],
                preferred_contact=data["preferred_contact"],
                ip_hash=ip_hash,
            )
    except RateLimited:
        return render(request, "contact/form.html", {"form": form, "rate_limited": True}, status=429)
    if write.failed:  # the same form again, with everything typed, and "try again soon"
        return unavailable(render(request, "contact/form.html", {"form": form, "save_failed": True}))
    return redirect("contact:thanks")


@public
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    reply_by = next_working_day(timezone.localdate())
    return render(request, "contact/thanks.html", {"reply_by": reply_by})
