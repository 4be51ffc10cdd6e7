from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import OutboxMessage
from .services import retry_failed

MESSAGE_FIELDS = (
    "recipients",
    "subject",
    "template",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "created_at",
    "sent_at",
    "message_id",
    "reply_to",
)
# The rendered body is deliberately not shown: it holds names, times and working manage/course links.


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: the queue is written by services and the worker. Failed rows can be sent again."""

    list_display = ["recipients", "subject", "status", "attempts", "next_attempt_at", "short_error"]
    list_filter = ["status", "template"]
    search_fields = ["subject", "message_id"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = MESSAGE_FIELDS
    readonly_fields = MESSAGE_FIELDS

    @admin.display(description=_("til"))
    def recipients(self, obj: OutboxMessage) -> str:
        return ", ".join(obj.to)

    @admin.display(description=_("siste feil"))
    def short_error(self, obj: OutboxMessage) -> str:
        return obj.last_error[:120]

    @admin.action(description=_("Send på nytt"), permissions=["resend"])
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        pks = list(queryset.values_list("pk", flat=True))
        count = retry_failed(pks=pks)
        skipped = len(pks) - count
        self.message_user(
            request,
            ngettext(
                "%(count)d e-post er lagt i køen igjen.", "%(count)d e-poster er lagt i køen igjen.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                _("Bare e-poster med status «Feilet» kan sendes på nytt; %(skipped)d ble hoppet over.")
                % {"skipped": skipped},
                messages.WARNING,
            )

    def has_resend_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("outbox.change_outboxmessage")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboxMessage | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboxMessage | None = None) -> bool:
        return False
