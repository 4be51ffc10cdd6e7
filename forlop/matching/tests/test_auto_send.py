import pytest

from forlop.matching.models import MatchRequest, MatchRequestEvent
from forlop.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_by_default_nothing_is_sent_before_a_coordinator_has_read_it(make_request, make_therapist):
    make_therapist()
    match_request = make_request()
    assert match_request.status == MatchRequest.Status.NEW
    assert not OutboxMessage.objects.filter(template="matching_suggestion").exists()


def test_with_auto_send_the_top_suggestion_goes_out_with_the_confirmation(
    settings, make_request, make_therapist
):
    settings.MATCH_AUTO_SEND = True
    best = make_therapist(name="Beste Berit", focus=("alkohol",))
    make_therapist(name="Nest Nils", focus=("cannabis",))
    match_request = make_request()
    match_request.refresh_from_db()
    assert match_request.status == MatchRequest.Status.SUGGESTED
    assert match_request.assigned_therapist == best
    event = match_request.events.last()
    assert (event.kind, event.actor) == (MatchRequestEvent.Kind.AUTO_SUGGESTION_SENT, None)
    email = OutboxMessage.objects.get(template="matching_suggestion")
    assert "Beste Berit" in email.body_text


@pytest.mark.parametrize(
    "flagged",
    [{"acute_signs": ["suicide"]}, {"substances": ["ghb"], "frequency": "daily"}, {"pregnant": "yes"}],
)
def test_auto_send_never_touches_a_flagged_request(settings, make_request, make_therapist, flagged):
    settings.MATCH_AUTO_SEND = True
    make_therapist(focus=("alkohol", "ghb"), medical_detox=True)
    match_request = make_request(**flagged)
    assert match_request.status == MatchRequest.Status.NEW
    assert not OutboxMessage.objects.filter(template="matching_suggestion").exists()


def test_auto_send_waits_for_a_coordinator_when_nobody_fits(settings, make_request):
    settings.MATCH_AUTO_SEND = True
    match_request = make_request()
    assert match_request.suggestions == []
    assert match_request.status == MatchRequest.Status.NEW
