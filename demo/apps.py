from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo union and the province-sized benchmark data, built on top of the product
    apps through their services; the product apps never import from here."""

    name = "demo"
    verbose_name = _("Dữ liệu mẫu")
