"""Field encryption and blind indexes.

Personal data (ID numbers, phones, health details, narratives) is stored as
AES-GCM ciphertext. Exact lookups go through a keyed HMAC "blind index" so the
database never needs the plaintext. The cipher is pluggable (settings.FIELD_CIPHER)
so an SM4/SM3 suite can replace it where a level-3 assessment asks for 国密.
"""

import base64
import hashlib
import hmac
import os
from functools import cache, lru_cache
from typing import Any, Protocol

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string


class FieldCipher(Protocol):
    def encrypt(self, plaintext: str) -> str: ...
    def decrypt(self, token: str) -> str: ...


class AesGcmCipher:
    prefix = "a1:"

    def __init__(self, key_hex: str) -> None:
        self._aead = AESGCM(bytes.fromhex(key_hex))

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext.encode(), None)
        return self.prefix + base64.b64encode(nonce + sealed).decode()

    def decrypt(self, token: str) -> str:
        if not token.startswith(self.prefix):
            raise ValueError("unknown cipher prefix")
        raw = base64.b64decode(token[len(self.prefix) :])
        return self._aead.decrypt(raw[:12], raw[12:], None).decode()


@cache
def cipher() -> FieldCipher:
    return import_string(settings.FIELD_CIPHER)(settings.FIELD_ENCRYPTION_KEY)


def blind_index(value: str, *, purpose: str) -> str:
    """Keyed, deterministic digest for exact lookup; the purpose keeps indexes of
    different fields unlinkable. Callers normalise first (e.g. upper-case X)."""
    digest = _keyed(settings.BLIND_INDEX_KEY, purpose).copy()
    digest.update(value.encode())
    return digest.hexdigest()[:40]


@lru_cache(maxsize=16)
def _keyed(key_hex: str, purpose: str) -> "hmac.HMAC":
    """The HMAC of "purpose:" under the key, to be copied and continued: an import computes
    two indexes a row, and copying skips setting up the key each time. Keyed by the setting's
    text, so a changed setting (tests, key rotation) takes effect."""
    return hmac.new(bytes.fromhex(key_hex), f"{purpose}:".encode(), hashlib.sha256)


class EncryptedTextField(models.TextField):
    """A text field stored encrypted; reads give back the plaintext."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return cipher().decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return cipher().encrypt(value)
