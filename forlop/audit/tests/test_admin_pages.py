"""Every Django admin page that shows personal data writes the access log.

The walk opens the list, change, history and delete page of every registered model as the admin (with a
verified second factor) and checks the rows each page wrote. A model whose pages show nobody's personal data
must be declared so in forlop/audit/admin_site.py; a newly registered model that is declared neither way
fails here.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from forlop.accounts.admin_site import StaffAdminSite
from forlop.accounts.models import LoginEvent, WebAuthnCredential
from forlop.accounts.services import generate_backup_codes
from forlop.accounts.testing import login_verified
from forlop.audit.admin_site import NO_PERSONAL_DATA, PERSONAL_DATA, AuditedAdminSite, label_of, undeclared
from forlop.audit.models import AccessLog
from forlop.booking.models import Booking, ConsultationType
from forlop.contact.models import ContactEnquiry
from forlop.content.models import Article, Category
from forlop.core.models import JobRun
from forlop.minside.models import DeletionRequest
from forlop.outbox.models import OutboxMessage
from forlop.people.models import Person
from forlop.scheduling.models import BookingSettings, DateOverride, WorkingHours
from forlop.therapists.testing import make_therapist

PAGES = ("changelist", "change", "history", "delete")
REGISTERED = sorted(label_of(model) for model in admin.site._registry)


@pytest.fixture
def world(admin_user, coordinator, therapist):
    """At least one object of every registered model, with personal data where the model holds any."""
    now = timezone.now()
    Group.objects.create(name="Redaksjon")
    TOTPDevice.objects.create(user=coordinator, name="Autentiseringsapp", confirmed=True)
    generate_backup_codes(user=coordinator)
    WebAuthnCredential.objects.create(
        user=coordinator, name="Jobbmaskin", credential_id="cred-1", public_key=b"k", confirmed=True
    )
    LoginEvent.objects.create(
        email_tried=coordinator.email, user=coordinator, ip_hash="h", outcome=LoginEvent.Outcome.FAILED
    )
    AccessLog.objects.create(
        at=now,
        user=coordinator,
        user_label=coordinator.email,
        roles="coordinator",
        action="view",
        object_type="contact.contactenquiry",
        object_id="7",
        subject_type="contact.contactenquiry",
        subject_id="7",
        subject_label="Kari Nordmann <kari@example.no>",
        why="Henvendelser fra kontaktskjema",
    )
    OutboxMessage.objects.create(
        to=["kari@example.no"],
        template="booking_confirmed",
        subject="Timen din er bekreftet",
        body_text="Hei Kari",
        message_id="<walk-1@forlop.test>",
    )
    category = Category.objects.create(name="Avrusning", slug="avrusning", position=1)
    Article.objects.create(
        title="Om avrusning",
        slug="om-avrusning",
        summary="Kort.",
        body="Tekst.",
        category=category,
        author="Kari Nordmann",
        status=Article.Status.PUBLISHED,
        published_at=now,
    )
    ContactEnquiry.objects.create(
        name="Kari Nordmann",
        email="kari@example.no",
        phone="",
        message="Jeg drikker for mye.",
        preferred_contact="email",
        consent_at=now,
        created_at=now,
        ip_hash="h",
    )
    profile = make_therapist(user=therapist)
    WorkingHours.objects.create(therapist=profile, weekday=0, start="09:00", end="15:00")
    DateOverride.objects.create(therapist=profile, day=now.date(), note="Legetime")
    BookingSettings.objects.create(therapist=profile)
    consultation = ConsultationType.objects.first()
    assert consultation is not None
    start = now + timedelta(days=3)
    Booking.objects.create(
        therapist=profile,
        consultation_type=consultation,
        start_at=start,
        end_at=start + timedelta(minutes=50),
        blocked_until=start + timedelta(minutes=60),
        status=Booking.Status.CONFIRMED,
        client_name="Nora Nordmann",
        client_email="nora@example.no",
        created_at=now,
    )
    nora = Person.objects.create(email="nora@example.no", name="Nora Nordmann", created_at=now)
    DeletionRequest.objects.create(
        person=nora, requested_at=now, requested_by=coordinator, note="Slett kontoen min."
    )


def page_url(model, page: str, obj=None) -> str:
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
    return reverse(name) if page == "changelist" else reverse(name, args=[quote(obj.pk)])


def walk(client, model) -> list[str]:
    """Open the model's four pages; return what is wrong (an unlogged personal-data page, an error)."""
    label = label_of(model)
    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        return [f"{label}: nothing to open (add one to the `world` fixture)"]
    problems = []
    for page in PAGES:
        response = client.get(page_url(model, page, obj))
        allowed = (200,) if page in ("changelist", "change") else (200, 403)
        if response.status_code not in allowed:
            problems.append(f"{label} {page}: answered {response.status_code}")
            continue
        if response.status_code != 200 or label in NO_PERSONAL_DATA:
            continue
        rows = AccessLog.objects.filter(request_id=response["X-Request-ID"])
        if page == "changelist":
            if not rows.filter(object_type=label).exists():
                problems.append(f"{label} {page}: shown without an access-log row")
        elif [(row.object_type, row.object_id) for row in rows] != [(label, str(obj.pk))]:
            problems.append(f"{label} {page}: wrote {rows.count()} rows, expected one for {label} {obj.pk}")
    return problems


def test_every_registered_model_is_declared_with_or_without_personal_data():
    assert undeclared(admin.site) == [], (
        "declare these in forlop/audit/admin_site.py: PERSONAL_DATA (with a purpose) or NO_PERSONAL_DATA"
    )
    assert set(PERSONAL_DATA) & NO_PERSONAL_DATA == set()
    assert set(PERSONAL_DATA) | NO_PERSONAL_DATA == set(REGISTERED), "a declaration names no registered model"


def test_a_newly_registered_model_without_a_declaration_is_caught():
    site = AuditedAdminSite(name="probe")
    site.register(JobRun)
    assert undeclared(site) == ["core.jobrun"]


def test_the_admin_is_the_audited_site():
    assert isinstance(admin.site, AuditedAdminSite)


@pytest.mark.django_db
@pytest.mark.parametrize("label", REGISTERED)
def test_every_admin_page_showing_personal_data_writes_the_access_log(client, world, admin_user, label):
    login_verified(client, admin_user)
    model = next(model for model in admin.site._registry if label_of(model) == label)
    assert walk(client, model) == []


@pytest.mark.django_db
def test_the_walk_notices_an_unlogged_page(client, world, admin_user, monkeypatch):
    """The control: with the site's logging taken out, the walk reports the pages it used to log."""
    monkeypatch.setattr(AuditedAdminSite, "admin_view", StaffAdminSite.admin_view)
    login_verified(client, admin_user)
    problems = walk(client, OutboxMessage)
    assert problems and all("outbox.outboxmessage" in problem for problem in problems)


@pytest.mark.django_db
def test_the_outbox_list_logs_one_row_per_message_for_its_recipient(client, world, admin_user):
    login_verified(client, admin_user)
    response = client.get(reverse("admin:outbox_outboxmessage_changelist"))
    [row] = AccessLog.objects.filter(request_id=response["X-Request-ID"])
    assert "kari@example.no" in row.subject_label
    assert row.user == admin_user and row.why == "Administrasjon: e-postkø"


@pytest.mark.django_db
def test_the_user_pages_and_the_password_page_are_logged_with_the_person_as_subject(
    client, world, admin_user, coordinator
):
    login_verified(client, admin_user)
    for name in ("change", "history", "password_change"):
        url = f"admin:auth_user_{name}" if name == "password_change" else f"admin:accounts_user_{name}"
        response = client.get(reverse(url, args=[coordinator.pk]))
        assert response.status_code == 200
        [row] = AccessLog.objects.filter(request_id=response["X-Request-ID"])
        assert (row.subject_type, row.subject_id) == ("accounts.user", str(coordinator.pk))


@pytest.mark.django_db
def test_a_second_factor_is_logged_as_its_owners_data(client, world, admin_user, coordinator):
    login_verified(client, admin_user)
    device = TOTPDevice.objects.get(user=coordinator)
    response = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    [row] = AccessLog.objects.filter(request_id=response["X-Request-ID"])
    assert (row.object_type, row.subject_type, row.subject_id) == (
        "otp_totp.totpdevice",
        "accounts.user",
        str(coordinator.pk),
    )


@pytest.mark.django_db
def test_the_contact_enquiry_history_is_logged(client, world, admin_user):
    login_verified(client, admin_user)
    enquiry = ContactEnquiry.objects.get()
    response = client.get(reverse("admin:contact_contactenquiry_history", args=[enquiry.pk]))
    [row] = AccessLog.objects.filter(request_id=response["X-Request-ID"])
    assert (row.subject_type, row.subject_id) == ("contact.contactenquiry", str(enquiry.pk))


@pytest.mark.django_db
def test_a_delete_confirmation_for_selected_users_is_logged(client, world, admin_user, coordinator):
    login_verified(client, admin_user)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [coordinator.pk]},
    )
    assert response.status_code == 200  # "Are you sure?", listing the account
    rows = AccessLog.objects.filter(request_id=response["X-Request-ID"])
    assert [(row.subject_type, row.subject_id) for row in rows] == [("accounts.user", str(coordinator.pk))]


@pytest.mark.django_db
def test_a_lookup_in_a_search_field_is_logged_for_every_person_offered(client, world, admin_user, therapist):
    login_verified(client, admin_user)
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "therapists", "model_name": "therapist", "field_name": "user", "term": "terapeut"},
    )
    assert response.status_code == 200 and therapist.full_name in response.content.decode()
    rows = AccessLog.objects.filter(request_id=response["X-Request-ID"])
    assert ("accounts.user", str(therapist.pk)) in [(row.subject_type, row.subject_id) for row in rows]


@pytest.mark.django_db
def test_a_refused_page_logs_nothing(client, world, coordinator):
    login_verified(client, coordinator)  # verified staff, but not an admin
    response = client.get(reverse("admin:outbox_outboxmessage_changelist"))
    assert response.status_code in (302, 403)
    assert not AccessLog.objects.filter(request_id=response["X-Request-ID"]).exists()
