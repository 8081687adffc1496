"""Lookups every app relies on, registered once on import."""

from django.db import models
from django.db.models.functions import Length

models.CharField.register_lookup(Length)
