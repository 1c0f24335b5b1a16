from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionConfig(AppConfig):
    name = "union"
    verbose_name = _("Công đoàn")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from union.models import BoardMembership, Member, Term, Union, UnionGroup
        from union.permissions import roles_changed

        # What a user's roles (union.permissions.Access) are made of.
        for model in (get_user_model(), Member, Union, Term, BoardMembership, UnionGroup):
            post_save.connect(roles_changed, sender=model, dispatch_uid=f"roles-{model.__name__}")
            post_delete.connect(roles_changed, sender=model,
                                dispatch_uid=f"roles-del-{model.__name__}")
