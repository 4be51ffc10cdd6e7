"""The admin's access log page and one person's export."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from forlop.audit.models import AccessLog, Action

LOG = reverse("audit:log")
EXPORT = reverse("audit:export")
NOW = datetime(2026, 3, 30, 12, 0, tzinfo=UTC)


def entry(user=None, **overrides) -> AccessLog:
    values = {
        "at": NOW - timedelta(hours=1),
        "user": user,
        "user_label": user.email if user else "",
        "roles": ",".join(sorted(user.roles)) if user else "",
        "action": Action.VIEW,
        "object_type": "contact.contactenquiry",
        "object_id": "7",
        "subject_type": "contact.contactenquiry",
        "subject_id": "7",
        "subject_label": "Kari Nordmann <kari@example.no>",
        "why": "Henvendelser fra kontaktskjema",
        "request_id": "req1",
        "ip": "192.0.2.1",
    }
    return AccessLog.objects.create(**(values | overrides))


@pytest.fixture
def history(coordinator, therapist):
    return [
        entry(coordinator),
        entry(coordinator, at=NOW - timedelta(days=3), action=Action.CHANGE),
        entry(therapist, subject_id="8", object_id="8", subject_label="Ola Hansen <ola@example.no>"),
    ]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_admin_sees_the_log_newest_first(
    verified_login, admin_user, history, django_assert_max_num_queries
):
    client = verified_login(admin_user)
    # Session, user, second factor; staff choices, count, page; one INSERT.
    with django_assert_max_num_queries(8):
        response = client.get(LOG)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>3 oppføringer, nyeste først</caption>" in html
    assert '<th scope="col">Gjelder</th>' in html
    assert response.context["entries"] == [history[2], history[0], history[1]]
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_viewing_the_log_is_itself_logged(verified_login, admin_user, history):
    verified_login(admin_user).get(LOG, {"subject_type": "contact.contactenquiry", "subject_id": "7"})
    own = AccessLog.objects.filter(user=admin_user).get()
    assert own.action == Action.VIEW
    assert own.object_type == "audit.accesslog"
    assert (own.subject_type, own.subject_id) == ("contact.contactenquiry", "7")
    assert own.subject_label == "Kari Nordmann <kari@example.no>"
    assert own.why == "Kontroll av tilgangslogg"
    assert own.roles == "admin"


@pytest.mark.django_db
def test_it_filters_by_staff_member(verified_login, admin_user, therapist, history):
    response = verified_login(admin_user).get(LOG, {"user": therapist.pk})
    assert list(response.context["entries"]) == [history[2]]
    assert AccessLog.objects.get(user=admin_user).subject_id == str(therapist.pk)


@pytest.mark.django_db
def test_it_finds_a_person_by_name_email_or_id(verified_login, admin_user, history):
    client = verified_login(admin_user)
    for q in ["kari nordmann", "kari@example", "7"]:
        assert set(client.get(LOG, {"q": q}).context["entries"]) == {history[0], history[1]}, q
    assert client.get(LOG, {"q": "ingen slik"}).context["entries"] == []


@pytest.mark.django_db
def test_it_filters_one_persons_history_and_offers_the_export(verified_login, admin_user, history):
    response = verified_login(admin_user).get(
        LOG, {"subject_type": "contact.contactenquiry", "subject_id": "8"}
    )
    assert response.context["entries"] == [history[2]]
    assert "Viser historikken for Ola Hansen" in response.content.decode()
    assert f"{EXPORT}?subject_type=contact.contactenquiry&amp;subject_id=8" in response.content.decode()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_it_filters_by_oslo_dates(verified_login, admin_user, coordinator):
    # 22:30 UTC on the 27th is 23:30 on the 27th in Oslo; 23:30 UTC on the 28th is already the 29th in Oslo.
    late_27 = entry(coordinator, at=datetime(2026, 3, 27, 22, 30, tzinfo=UTC))
    early_29 = entry(coordinator, at=datetime(2026, 3, 28, 23, 30, tzinfo=UTC))
    client = verified_login(admin_user)
    assert client.get(LOG, {"date_from": "2026-03-28"}).context["entries"] == [early_29]
    assert client.get(LOG, {"date_to": "2026-03-27"}).context["entries"] == [late_27]
    assert client.get(LOG, {"date_from": "2026-03-28", "date_to": "2026-03-28"}).context["entries"] == []


@pytest.mark.django_db
def test_it_filters_by_action(verified_login, admin_user, history):
    assert verified_login(admin_user).get(LOG, {"action": "change"}).context["entries"] == [history[1]]


@pytest.mark.django_db
def test_it_explains_bad_filters_and_keeps_what_was_typed(verified_login, admin_user, history):
    response = verified_login(admin_user).get(
        LOG, {"date_from": "2026-03-29", "date_to": "2026-03-01", "q": "Kari"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Til-datoen kan ikke være før fra-datoen." in html
    assert 'value="Kari"' in html
    bad = verified_login(admin_user).get(LOG, {"date_from": "i går", "action": "peek"})
    assert bad.status_code == 200
    assert "Skriv datoen som dd.mm.åååå." in bad.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01"},
        {"date_from": "31.12.9999", "date_to": "31.12.9999"},
        {"date_from": "1999-12-31"},
    ],
)
def test_a_date_outside_any_log_is_explained_not_a_crash(verified_login, admin_user, history, query):
    response = verified_login(admin_user).get(LOG, query)
    assert response.status_code == 200
    assert "Datoen må ligge mellom år 2000 og 2100." in response.content.decode()
    assert len(response.context["entries"]) == len(history)  # the bad filter is left out, not guessed at


@pytest.mark.django_db
def test_it_pages_through_a_long_log(verified_login, admin_user, coordinator):
    AccessLog.objects.bulk_create(
        [
            AccessLog(
                at=NOW - timedelta(minutes=i),
                user=coordinator,
                action="view",
                object_type="x.y",
                subject_type="x.y",
                subject_id=str(i),
                why="test",
            )
            for i in range(60)
        ]
    )
    client = verified_login(admin_user)
    first = client.get(LOG, {"user": coordinator.pk})
    assert len(first.context["entries"]) == 50
    assert first.context["entries"][0].subject_id == "0"
    assert f'href="?user={coordinator.pk}&amp;page=2"' in first.content.decode()
    second = client.get(LOG, {"user": coordinator.pk, "page": 2})
    assert [e.subject_id for e in second.context["entries"]] == [str(i) for i in range(50, 60)]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "therapist", "doctor", "client_person", "stranger"])
def test_only_admins_may_read_the_log(request, verified_login, persona, history):
    client = verified_login(request.getfixturevalue(persona))
    for url in [LOG, f"{EXPORT}?subject_type=contact.contactenquiry&subject_id=7"]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Kari" not in response.content.decode()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(client, history):
    for url in [LOG, f"{EXPORT}?subject_type=contact.contactenquiry&subject_id=7"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_an_admin_without_a_second_factor_gets_nothing(client, admin_user, history):
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    for url in [LOG, f"{EXPORT}?subject_type=contact.contactenquiry&subject_id=7"]:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Kari" not in response.content.decode()
    assert not AccessLog.objects.filter(user=admin_user).exists()


# --- Export --------------------------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_it_exports_one_persons_history_as_csv(verified_login, admin_user, coordinator, history):
    # Oslo moved to summer time at 01:00 UTC on 29 March 2026: 01:30 UTC is 03:30 there.
    entry(coordinator, at=datetime(2026, 3, 29, 1, 30, tzinfo=UTC), why="Oppfølging")
    response = verified_login(admin_user).get(
        EXPORT, {"subject_type": "contact.contactenquiry", "subject_id": "7"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="tilgangslogg-7-20260330-1400.csv"'
    assert "no-store" in response["Cache-Control"]
    rows = read_csv(response)
    assert rows[0] == ["Tidspunkt (norsk tid)", "Ansatt", "Roller", "Handling", "Hva", "Gjelder", "Formål"]
    assert rows[1] == [
        "30.03.2026 13:00:00",
        "koordinator@example.no",
        "Koordinator",
        "Lest",
        "henvendelse 7",
        "Kari Nordmann <kari@example.no>",
        "Henvendelser fra kontaktskjema",
    ]
    assert [r[0] for r in rows[1:]] == ["30.03.2026 13:00:00", "29.03.2026 03:30:00", "27.03.2026 13:00:00"]
    assert all("Ola" not in cell for row in rows for cell in row)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_export_is_logged(verified_login, admin_user, history):
    verified_login(admin_user).get(EXPORT, {"subject_type": "contact.contactenquiry", "subject_id": "7"})
    own = AccessLog.objects.get(user=admin_user)
    assert own.action == Action.EXPORT
    assert (own.subject_type, own.subject_id, own.subject_label) == (
        "contact.contactenquiry",
        "7",
        "Kari Nordmann <kari@example.no>",
    )
    assert own.why == "Innsyn i tilgangslogg for den registrerte"


@pytest.mark.django_db
def test_the_export_defuses_spreadsheet_formulas(verified_login, admin_user, coordinator):
    entry(coordinator, subject_label='=HYPERLINK("http://evil")')
    rows = read_csv(
        verified_login(admin_user).get(EXPORT, {"subject_type": "contact.contactenquiry", "subject_id": "7"})
    )
    assert rows[1][5] == '\'=HYPERLINK("http://evil")'


@pytest.mark.django_db
def test_the_export_needs_to_know_whose_history(verified_login, admin_user, history):
    client = verified_login(admin_user)
    for params in [
        {},
        {"subject_type": "contact.contactenquiry"},
        {"subject_id": "7"},
        {"subject_type": "x" * 101, "subject_id": "7"},
    ]:
        response = client.get(EXPORT, params)
        assert response.status_code == 400
        assert "Velg personen" in response.content.decode()
    assert not AccessLog.objects.filter(user=admin_user).exists()


@pytest.mark.django_db
def test_an_export_for_someone_nobody_has_read_is_just_the_header(verified_login, admin_user):
    response = verified_login(admin_user).get(EXPORT, {"subject_type": "accounts.user", "subject_id": "999"})
    assert read_csv(response) == [
        ["Tidspunkt (norsk tid)", "Ansatt", "Roller", "Handling", "Hva", "Gjelder", "Formål"]
    ]
