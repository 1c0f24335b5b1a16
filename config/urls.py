from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from emulation.views.home import home_view
from union.admin import AdminCatalog
from union.views.home import favicon_view

urlpatterns = [
    path("", home_view, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Forgotten password: Django's views and mail (EMAIL_BACKEND), templates/registration/.
    path("password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/", auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/", auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("favicon.ico", favicon_view, name="favicon"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Listed before the admin, this answers the admin's own jsi18n address (see AdminCatalog).
    path("admin/jsi18n/", admin.site.admin_view(AdminCatalog.as_view()), name="admin-jsi18n"),
    path("admin/", admin.site.urls),
    path("", include("union.urls")),
    path("", include("plans.urls")),
    path("", include("emulation.urls")),
    path("", include("reminders.urls")),
]

# 403, 404 and 500 are Django's handlers over the app's templates (templates/403.html, ...).
handler400 = "union.views.errors.bad_request"
