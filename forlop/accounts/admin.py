from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import LoginEvent, User, WebAuthnCredential

STAFF_FLAGS = ("is_admin", "is_coordinator", "is_therapist", "is_doctor")


def _client_or_staff(form: forms.ModelForm) -> None:
    """A client account is never a staff account (the database refuses it too): said here in words."""
    data = form.cleaned_data
    if data.get("is_client") and any(data.get(flag) for flag in STAFF_FLAGS):
        form.add_error(
            "is_client",
            _("En klientkonto kan ikke også ha en ansattrolle. Fjern klient eller ansattrollene."),
        )


class UserCreateForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")
        field_classes: dict = {}

    def clean(self):
        cleaned = super().clean()
        _client_or_staff(self)
        return cleaned


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes: dict = {}

    def clean(self):
        cleaned = super().clean()
        _client_or_staff(self)
        return cleaned


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = ("email", "full_name", "role_list", "is_active", "last_login")
    list_filter = ("is_active", "is_admin", "is_coordinator", "is_therapist", "is_doctor", "is_client")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    readonly_fields = ("last_login", "date_joined", "is_demo")
    filter_horizontal = ()
    actions = ["deactivate"]
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        (
            _("Roller"),
            {
                "fields": ("is_admin", "is_coordinator", "is_therapist", "is_doctor", "is_client"),
                "description": _("En person kan ha flere roller. Administrator gir tilgang til denne siden."),
            },
        ),
        (
            _("Status"),
            {
                "fields": ("is_active", "is_demo", "last_login", "date_joined"),
                "description": _("Å deaktivere en bruker logger vedkommende ut på alle enheter med en gang."),
            },
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2"),
            },
        ),
        (_("Roller"), {"fields": ("is_admin", "is_coordinator", "is_therapist", "is_doctor", "is_client")}),
    )

    @admin.display(description=_("roller"))
    def role_list(self, obj: User) -> str:
        return ", ".join(sorted(str(role.label) for role in obj.roles))

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.deactivate_user(user=obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            # A new password set by an admin ends the person's sessions (the admin's own, if it is them, stays).
            user = User.objects.get(pk=id)
            services.end_sessions(user=user, keep_session_key=request.session.session_key)
        return response

    @admin.action(description=_("Deaktiver valgte brukere (logger dem ut overalt)"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset.exclude(pk=request.user.pk))  # type: ignore[misc]
        for user in users:
            services.deactivate_user(user=user)
        self.message_user(
            request,
            ngettext("%(count)d bruker er deaktivert.", "%(count)d brukere er deaktivert.", len(users))
            % {"count": len(users)},
            messages.SUCCESS,
        )


@admin.register(WebAuthnCredential)
class WebAuthnCredentialAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created_at", "last_used_at", "backed_up")
    search_fields = ("user__email", "name")
    list_select_related = ("user",)
    fields = ("user", "name", "created_at", "last_used_at", "backed_up", "sign_count")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # only the person can register a passkey, in their own browser


@admin.register(LoginEvent)
class LoginEventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "email_tried", "user", "outcome", "user_agent")
    list_filter = ("outcome",)
    search_fields = ("email_tried",)
    date_hierarchy = "created_at"
    list_select_related = ("user",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
