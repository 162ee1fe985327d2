"""The one error an upload raises: a reason code whose message is in locales/upload.toml."""

from __future__ import annotations


class IngestError(Exception):
    """A file or request that cannot go further, with a reason code whose message is in locales/upload.toml."""

    def __init__(self, code: str, **detail):
        super().__init__(code)
        self.code = code
        self.detail = detail

    def message(self, lang: str | None = None) -> str:
        from bebenah.i18n import t

        values = {key: _listed(value, lang) for key, value in self.detail.items()}
        return t(f"upload.error.{self.code}", lang, **values)

    def __str__(self) -> str:
        return self.message("en")


def _listed(value, lang: str | None = None) -> str:
    if isinstance(value, float):  # sizes in MB: "200 MB", "49,9 MB", as people write them
        from babel.numbers import format_decimal

        from bebenah.i18n import _locale

        return format_decimal(value, format="#,##0.###", locale=_locale(lang))
    if isinstance(value, (list, tuple, set)):
        return ", ".join(f"«{item}»" for item in value)
    return str(value)
