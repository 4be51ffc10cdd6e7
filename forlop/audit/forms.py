from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forlop.accounts.models import User
from forlop.lib.dates import DayField
from forlop.lib.timezones import OSLO

from .models import AccessLog, AccessLogQuerySet, Action


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


def _oslo_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=OSLO)


class AccessLogFilterForm(forms.Form):
    user = StaffChoiceField(
        label=_("Ansatt"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Alle ansatte"),
        help_text=_("Hvem som har lest eller endret opplysninger."),
    )
    q = forms.CharField(
        label=_("Gjelder"),
        required=False,
        max_length=200,
        help_text=_("Navn, e-postadresse eller id for personen opplysningene gjelder."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    subject_type = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    subject_id = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # DayField: a day outside 2000-2100 is explained, not turned into an Oslo midnight that overflows.
    date_from = DayField(
        label=_("Fra og med"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = DayField(label=_("Til og med"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    action = forms.ChoiceField(
        label=_("Handling"), required=False, choices=[("", _("Alle handlinger")), *Action.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Everyone who appears in the log, including former staff.
        self.fields["user"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            pk__in=AccessLog.objects.exclude(user=None).values("user_id")
        ).order_by("full_name", "email")
        self.fields["date_from"].error_messages["invalid"] = _("Skriv datoen som dd.mm.åååå.")
        self.fields["date_to"].error_messages["invalid"] = _("Skriv datoen som dd.mm.åååå.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Til-datoen kan ikke være før fra-datoen."))
        return data

    def filter(self, entries: AccessLogQuerySet) -> AccessLogQuerySet:
        """The entries matching the valid filters (call after is_valid())."""
        data = self.cleaned_data
        if data.get("user"):
            entries = entries.filter(user=data["user"])
        if data.get("subject_type") and data.get("subject_id"):
            entries = entries.about(subject_type=data["subject_type"], subject_id=data["subject_id"])
        if data.get("q"):
            q = data["q"].strip()
            entries = entries.filter(Q(subject_label__icontains=q) | Q(subject_id=q))
        if data.get("date_from"):
            entries = entries.filter(at__gte=_oslo_midnight(data["date_from"]))
        if data.get("date_to"):
            entries = entries.filter(at__lt=_oslo_midnight(data["date_to"] + timedelta(days=1)))
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        return entries
