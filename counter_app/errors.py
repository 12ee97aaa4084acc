"""The one base class for errors a clerk may see: each carries a Chinese message and its English twin.

Every layer (store, security, services) raises subclasses of it, so the UI shows any of them the same
way — `message(language)` — and never a traceback.
"""

from __future__ import annotations


class UserFacingError(Exception):
    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, language: str = "zh") -> str:
        return self.message_en if language.startswith("en") else self.message_zh
