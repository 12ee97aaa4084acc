"""The legal remedies a refusal notice states (domain.md §1): the district's own wording, so the form
shows the reviewer exactly what the applicant will read."""

from __future__ import annotations

from counter_app.district.review_state import REMEDIES_EN, REMEDIES_ZH


def remedies() -> tuple[str, str]:
    return REMEDIES_ZH, REMEDIES_EN
