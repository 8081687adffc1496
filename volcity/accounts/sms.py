"""Sending SMS: a pluggable backend chosen by ``VOLCITY_SMS_BACKEND``.

The console backend prints the message (development). A deployment plugs in its carrier's
gateway by writing a class with the same ``send`` method. Tests use ``OutboxSmsBackend``,
which keeps messages in memory: the only stand-in here is for the outside world.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import ClassVar, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SmsMessage:
    phone: str
    text: str


class SmsBackend(Protocol):
    def send(self, message: SmsMessage) -> None: ...


class ConsoleSmsBackend:
    def send(self, message: SmsMessage) -> None:
        sys.stdout.write(f"[SMS to {message.phone}] {message.text}\n")
        sys.stdout.flush()


class OutboxSmsBackend:
    outbox: ClassVar[list[SmsMessage]] = []

    def send(self, message: SmsMessage) -> None:
        OutboxSmsBackend.outbox.append(message)


def sms_send(phone: str, text: str) -> None:
    backend: SmsBackend = import_string(settings.VOLCITY_SMS_BACKEND)()
    backend.send(SmsMessage(phone=phone, text=text))
