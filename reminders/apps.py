from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Nhắc việc")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from reminders.models import Notification
        from reminders.unread import notifications_changed

        post_save.connect(notifications_changed, sender=Notification,
                          dispatch_uid="unread-saved")
        post_delete.connect(notifications_changed, sender=Notification,
                            dispatch_uid="unread-deleted")
