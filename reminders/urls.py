from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("me/notifications/", views.inbox_view, name="inbox"),
    path("me/notifications/<int:pk>/", views.notification_open_view, name="open"),
    path("me/notifications/<int:pk>/read/", views.notification_read_view, name="read"),
    path("me/notifications/read-all/", views.notifications_read_all_view, name="read-all"),
    path("me/notifications/email/", views.preferences_view, name="preferences"),
    path("u/<int:union_pk>/reminders/", views.status_view, name="status"),
    path("u/<int:union_pk>/reminders/settings/", views.settings_view, name="settings"),
    path("notifications/<int:pk>/resend/", views.notification_resend_view, name="resend"),
]
