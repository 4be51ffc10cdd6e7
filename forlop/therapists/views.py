from django.contrib import messages
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forlop.accounts.models import User
from forlop.audit import policy
from forlop.audit.access import public, staff_only
from forlop.audit.policy import Act, Data

from . import services
from .forms import DirectoryFilterForm, ProfileForm
from .images import OUTPUT_CONTENT_TYPE
from .models import Language, Therapist

PHOTO_DIR = "therapists/"
PHOTO_MAX_AGE = 60 * 60
FILTERS = ("fokus", "metode", "sprak", "kjonn", "motes")


def _directory_languages() -> list[Language]:
    """Only languages someone in the directory speaks: a filter that always finds nobody helps no one."""
    spoken = Therapist.objects.published().filter(languages=OuterRef("pk"))
    return list(Language.objects.filter(Exists(spoken)))


@public
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    languages = _directory_languages()
    filters = DirectoryFilterForm(request.GET, languages=languages).valid_filters()
    therapists = list(
        Therapist.objects.for_directory().filter_directory(
            focus=filters.get("fokus"),
            method=filters.get("metode"),
            language=filters.get("sprak"),
            gender=filters.get("kjonn"),
            meeting_mode=filters.get("motes"),
        )
    )
    # Shown again with only the values that counted, so the form never claims a filter that was ignored.
    form = DirectoryFilterForm({name: filters.get(name, "") for name in FILTERS}, languages=languages)
    return render(
        request, "therapists/directory.html", {"form": form, "filters": filters, "therapists": therapists}
    )


@public
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    therapist = get_object_or_404(Therapist.objects.for_profile_page(), slug=slug)
    return render(request, "therapists/detail.html", {"therapist": therapist})


@public
@require_GET
def photo(request: HttpRequest, name: str) -> HttpResponse:
    """Portraits of published profiles only. The name is looked up in the database before any file is
    opened, so no path from the URL ever reaches the file system."""
    therapist = Therapist.objects.published().filter(photo=PHOTO_DIR + name).first()
    if therapist is None:
        raise Http404
    return _file_response(therapist, PHOTO_DIR + name, public_cache=True)


@staff_only(*policy.roles(Data.PROFILE))
@require_GET
def staff_photo(request: HttpRequest, name: str) -> HttpResponse:
    """A portrait not yet public: the owner's own (draft or proposed), or any for the admin."""
    path = PHOTO_DIR + name
    user: User = request.user  # type: ignore[assignment]
    profiles = (
        Therapist.objects.all()
        if policy.sees_every(user, Data.PROFILE)
        else Therapist.objects.filter(user=user)
    )
    therapist = profiles.filter(Q(photo=path) | Q(pending_changes__photo=path)).first()
    if therapist is None:
        raise Http404
    return _file_response(therapist, path, public_cache=False)


def _file_response(therapist: Therapist, path: str, *, public_cache: bool) -> HttpResponse:
    storage = therapist.photo.storage
    if not storage.exists(path):
        raise Http404
    # Portraits are small (at most 800 × 800 JPEG), so reading them whole is simpler than streaming.
    with storage.open(path, "rb") as file:
        response = HttpResponse(file.read(), content_type=OUTPUT_CONTENT_TYPE)
    if public_cache:
        response["Cache-Control"] = f"public, max-age={PHOTO_MAX_AGE}"
    return response


@staff_only(*policy.roles(Data.PROFILE, Act.CHANGE))
@require_http_methods(["GET", "POST"])
def edit_own(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    therapist = Therapist.objects.with_everything().filter(user=user).first()
    instance = therapist or Therapist(user=user, name=user.full_name)
    initial = services.proposed_values(instance)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=instance, initial=initial)
        if form.is_valid():
            outcome = services.save_own_profile(
                user=user, changes=form.changes(), submit=request.POST.get("handling") == "send"
            )
            messages.success(request, _saved_message(outcome))
            return redirect("therapists:edit_own")
    else:
        form = ProfileForm(instance=instance, initial=initial)
    return render(
        request,
        "therapists/edit_own.html",
        {
            "form": form,
            "therapist": therapist,
            "pending_photo": therapist.pending_changes.get(services.PHOTO) if therapist else None,
        },
    )


def _saved_message(outcome: services.SaveOutcome) -> str:
    if outcome.pending:
        return _(
            "Endringene er lagret og venter på godkjenning. Til de er godkjent, viser profilsiden den forrige "
            "publiserte versjonen. Om du tar imot nye klienter og hvor mange, gjelder med en gang."
        )
    if outcome.therapist.is_published:
        return _("Endringene er lagret og vises på profilsiden din.")
    if outcome.submitted:
        return _("Profilen er sendt til godkjenning.")
    return _("Utkastet er lagret. Send profilen til godkjenning når du er fornøyd med den.")
