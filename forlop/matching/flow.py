"""The match form's progress, kept in the session between steps.

Nothing is written to the session until the person sends a step (or attaches a self-test), so a visitor who
only reads the first page gets no session cookie. What each step had when it was last sent is kept as typed
(the raw POST lists), so "Tilbake" and "Endre" show exactly that, and the answers are validated again
from it when the whole form is sent. Sending the form, or "Avbryt", removes it all.

Session layout under SESSION_KEY: {"steps": {"1": {field: [values]}, …}, "valid": ["1", …],
"selftest": {"instrument", "name", "total", "max", "zone"} or absent}.
"""

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

from .forms import STEPS, ContactForm, Step, StepForm

SESSION_KEY = "matching"
DONE_KEY = "matching_done"  # what the thank-you page needs to know, read once


def state(request: HttpRequest) -> dict[str, Any]:
    return request.session.get(SESSION_KEY) or {}


def step_by_number(number: int) -> Step:
    return STEPS[number - 1]


def _form(step: Step, current: dict[str, Any], **kwargs: Any) -> StepForm:
    if step.form_class is ContactForm:
        kwargs["selftest"] = current.get("selftest")
    return step.form_class(**kwargs)


def bind(step: Step, data: Any, current: dict[str, Any]) -> StepForm:
    return _form(step, current, data=data)


def raw_of(form: StepForm, data: Any) -> dict[str, list[str]]:
    """The step's fields as typed; empty lists left out (a MultiValueDict would give [] for them)."""
    raw = {name: [str(value) for value in data.getlist(name)] for name in form.fields}
    return {name: values for name, values in raw.items() if values}


def _initial(form: StepForm, raw: dict[str, list[str]]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for name, field in form.fields.items():
        values = raw.get(name, [])
        if isinstance(field, forms.MultipleChoiceField):
            initial[name] = values
        elif isinstance(field, forms.BooleanField):
            initial[name] = bool(values) and values[-1] not in ("", "off", "false", "False")
        else:
            initial[name] = values[-1] if values else ""
    return initial


def display_form(step: Step, current: dict[str, Any]) -> StepForm:
    """The step as last sent: bound when it was valid (so it shows no errors), else as starting values."""
    raw = current.get("steps", {}).get(str(step.number))
    if raw is None:
        return _form(step, current)
    if str(step.number) in current.get("valid", []):
        return bind(step, MultiValueDict(raw), current)
    form = _form(step, current)
    form.initial = _initial(form, raw)
    return form


def save_step(request: HttpRequest, *, number: int, raw: dict[str, list[str]], valid: bool) -> None:
    current = dict(state(request))
    steps = dict(current.get("steps", {}))
    steps[str(number)] = raw
    done = [n for n in current.get("valid", []) if n != str(number)]
    if valid:
        done.append(str(number))
    current["steps"], current["valid"] = steps, sorted(done)
    request.session[SESSION_KEY] = current


def attach_selftest(request: HttpRequest, selftest: dict[str, Any]) -> None:
    current = dict(state(request))
    current["selftest"] = selftest
    request.session[SESSION_KEY] = current


def first_incomplete(current: dict[str, Any], *, before: int | None = None) -> int | None:
    """The first step (below `before`, if given) not yet sent in a valid state."""
    done = set(current.get("valid", []))
    last = (before - 1) if before is not None else len(STEPS)
    return next((step.number for step in STEPS[:last] if str(step.number) not in done), None)


def collect(current: dict[str, Any]) -> tuple[dict[str, Any], int | None, bool]:
    """(answers, first step that is not valid or None, whether the self-test is to be included)."""
    answers: dict[str, Any] = {}
    include_selftest = False
    for step in STEPS:
        raw = current.get("steps", {}).get(str(step.number))
        if raw is None:
            return answers, step.number, False
        form = bind(step, MultiValueDict(raw), current)
        if not form.is_valid():
            return answers, step.number, False
        answers.update(form.answers())
        if isinstance(form, ContactForm):
            include_selftest = form.wants_selftest
    return answers, None, include_selftest


def known_answers(current: dict[str, Any]) -> dict[str, Any]:
    """Answers from the steps sent so far in a valid state (for the safety notices on later pages)."""
    answers: dict[str, Any] = {}
    for step in STEPS:
        raw = current.get("steps", {}).get(str(step.number))
        if raw is None or str(step.number) not in current.get("valid", []):
            continue
        form = bind(step, MultiValueDict(raw), current)
        if form.is_valid():
            answers.update(form.answers())
    return answers


def finish(request: HttpRequest, *, outcome: dict[str, Any]) -> None:
    """Forget the answers; keep only what the thank-you page shows (popped there)."""
    request.session.pop(SESSION_KEY, None)
    request.session[DONE_KEY] = outcome


def pop_outcome(request: HttpRequest) -> dict[str, Any] | None:
    if DONE_KEY not in request.session:
        return None
    outcome = request.session.pop(DONE_KEY)
    _end_if_empty(request)
    return outcome


def cancel(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(DONE_KEY, None)
    _end_if_empty(request)


def _end_if_empty(request: HttpRequest) -> None:
    # A session with a key is never "empty" to Django, so it would keep an empty row and its cookie. Flushing
    # removes both; a staff member's session holds other keys and is left alone.
    if not request.session.keys():
        request.session.flush()
