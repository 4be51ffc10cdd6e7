from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_BODY, MAX_SUBJECT


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Melding"),
        max_length=MAX_BODY,
        help_text=_("Bare tekst, høyst %(max)s tegn.") % {"max": MAX_BODY},
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_BODY}),
        strip=False,
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError(_("Skriv en melding før du sender."))
        return body


class NewThreadForm(ReplyForm):
    subject = forms.CharField(
        label=_("Emne"),
        max_length=MAX_SUBJECT,
        help_text=_("Noen få ord, for eksempel «Spørsmål om neste time»."),
    )
    field_order = ["subject", "body"]
