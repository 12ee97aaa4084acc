"""What an approval issues: the unified social credit code (domain.md §3.2) and the licence number.

USCC = "9" (market regulation) + "2" (个体工商户) + the district's 6-digit area code + a 9-character subject
identifier + the GB 32100 check character. The subject identifier is drawn at random from the code
alphabet; uniqueness is guaranteed by the unique index on review_cases.uscc (the caller retries on a
collision, which at 31^9 possibilities is vanishingly rare). Every code is checked with python-stdnum
before it is issued.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.cn import uscc as stdnum_uscc

from counter_app.district.tables import ReviewRow
from counter_app.domain.uscc import (
    ALPHABET,
    INDIVIDUAL_BUSINESS_PREFIX,
    IdentifierKind,
    check_uscc,
    classify_identifier,
)

SUBJECT_LENGTH = 9


def new_uscc(area_code: str, subject: str | None = None) -> str:
    """A valid 个体工商户 USCC for `area_code` (6 digits); `subject` for tests, random otherwise."""
    if len(area_code) != 6 or not area_code.isdigit():
        raise ValueError(f"area code must be 6 digits, got {area_code!r}")
    while True:
        body = subject or "".join(secrets.choice(ALPHABET) for _ in range(SUBJECT_LENGTH))
        stem = f"{INDIVIDUAL_BUSINESS_PREFIX}{area_code}{body}"
        code = stem + stdnum_uscc.calc_check_digit(stem)
        # An all-digit code could look like a resident ID number; never issue one that does.
        if subject is not None or classify_identifier(code) is IdentifierKind.USCC:
            break
    if not stdnum_uscc.is_valid(code) or not check_uscc(code, path="uscc").is_valid:
        raise ValueError(f"generated an invalid USCC {code!r}")  # a bug, never an input problem
    return code


def uscc_taken(session: Session, code: str) -> bool:
    return session.scalar(select(func.count()).where(ReviewRow.uscc == code)) != 0


def next_licence_number(session: Session, area_code: str, day: dt.date) -> str:
    """Area code + year + a 6-digit sequence within the year (e.g. 5104112026000042). Two approvals
    racing on PostgreSQL can draw the same number; the unique index refuses the second, which retries."""
    prefix = f"{area_code}{day.year:04d}"
    last = session.scalar(select(func.max(ReviewRow.licence_number))
                          .where(ReviewRow.licence_number.like(f"{prefix}%")))
    sequence = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{sequence:06d}"
