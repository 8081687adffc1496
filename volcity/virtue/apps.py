from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VirtueConfig(AppConfig):
    name = "volcity.virtue"
    verbose_name = _("Virtue bank")
