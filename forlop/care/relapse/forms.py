from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Contact, PlanVersion
from .services import MAX_CONTACTS, MAX_TEXT, contacts_of


def _area(label: Any, help_text: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ContactsMixin(forms.Form):
    """Name and phone for up to MAX_CONTACTS people, as plain numbered fields (no JavaScript needed)."""

    def add_contact_fields(self) -> None:
        for i in range(MAX_CONTACTS):
            self.fields[f"name_{i}"] = forms.CharField(
                label=_("Navn %(n)s") % {"n": i + 1}, required=False, max_length=100
            )
            self.fields[f"phone_{i}"] = forms.CharField(
                label=_("Telefon %(n)s") % {"n": i + 1},
                required=False,
                max_length=30,
                widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
            )

    def contact_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"name_{i}"], self[f"phone_{i}"]) for i in range(MAX_CONTACTS)]

    def contacts(self) -> list[Contact]:
        data = self.cleaned_data
        return [Contact(data.get(f"name_{i}", ""), data.get(f"phone_{i}", "")) for i in range(MAX_CONTACTS)]


def initial_from(version: PlanVersion | None) -> dict[str, Any]:
    if version is None:
        return {}
    initial: dict[str, Any] = {
        "warning_signs": version.warning_signs,
        "triggers": version.triggers,
        "actions": version.actions,
        "reasons": version.reasons,
        "based_on": version.number,
    }
    for i, contact in enumerate(contacts_of(version)):
        initial[f"name_{i}"] = contact.name
        initial[f"phone_{i}"] = contact.phone
    return initial


class PlanForm(ContactsMixin):
    warning_signs = _area(_("Varselsignaler"), _("Det jeg merker når det begynner å gå feil vei."))
    triggers = _area(_("Utløsere"), _("Situasjoner, folk, steder og følelser som gjør suget sterkere."))
    actions = _area(_("Det jeg gjør"), _("Det som hjelper meg når suget eller varselsignalene kommer."))
    reasons = _area(_("Grunnene mine"), _("Hvorfor jeg vil dette, med mine egne ord."))
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_contact_fields()


class OwnPartForm(ContactsMixin):
    reasons = _area(_("Grunnene mine"), _("Hvorfor du vil dette, med dine egne ord."))
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_contact_fields()
