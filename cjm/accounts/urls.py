"""Browser pages of the accounts slice.

``settings_patterns`` (a person's own settings) and ``people_patterns`` (a workspace's members,
invitations and teams) keep their names in the ``cjm`` namespace (``cjm:settings``,
``cjm:people``, ...); ``account_patterns`` (password change and reset, open sign-up) sit at the
root with Django's names (``password_reset``, ...). cjm/web_urls.py mounts them.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from cjm.accounts import views
from cjm.accounts.pages import invitations, members, teams

settings_patterns = [
    path("settings/", views.settings_page, name="settings"),
    path("settings/language/", views.language_set, name="language_set"),
    path("settings/token/", views.api_token_new, name="api_token_create"),
    path("settings/token/revoke/", views.api_token_delete, name="api_token_revoke"),
]

people_patterns = [
    path("w/<int:workspace_id>/people/", members.people, name="people"),
    path(
        "w/<int:workspace_id>/people/<int:user_id>/role/", members.member_role, name="member_role"
    ),
    path(
        "w/<int:workspace_id>/people/<int:user_id>/remove/",
        members.member_remove,
        name="member_remove",
    ),
    path(
        "w/<int:workspace_id>/invitations/",
        members.invitation_create,
        name="invitation_create",
    ),
    path(
        "w/<int:workspace_id>/invitations/<int:invitation_id>/resend/",
        members.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "w/<int:workspace_id>/invitations/<int:invitation_id>/revoke/",
        members.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/<str:token>/", invitations.invitation_detail, name="invitation_detail"),
    path("w/<int:workspace_id>/teams/new/", teams.team_create, name="team_create"),
    path("teams/<int:team_id>/", teams.team_detail, name="team_detail"),
    path("teams/<int:team_id>/members/", teams.team_member_add, name="team_member_add"),
    path(
        "teams/<int:team_id>/members/<int:user_id>/remove/",
        teams.team_member_remove,
        name="team_member_remove",
    ),
    path("teams/<int:team_id>/delete/", teams.team_delete, name="team_delete"),
]

account_patterns = [
    path("signup/", invitations.signup, name="signup"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change.html"),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "account/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "account/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
