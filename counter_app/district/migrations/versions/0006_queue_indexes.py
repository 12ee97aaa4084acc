"""Partial indexes for the review queue: open cases per township and outstanding 容缺 items.

The queue only ever lists open cases (submitted, in review), a small share of all cases once a district
has run for a while; indexing just those keeps the per-status counts an index-only scan and lets a
township's queue start from its few open cases instead of walking every case's due date. Outstanding
容缺 items (not yet supplied) are what the deferred filter and each queue page look up.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 15:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPEN = sa.text("status IN ('submitted', 'in_review')")
_OUTSTANDING = sa.text("supplied_sha256 IS NULL")


def upgrade() -> None:
    op.create_index('ix_cases_open', 'cases', ['township_code', 'status', 'case_id'], unique=False,
                    postgresql_where=_OPEN, sqlite_where=_OPEN)
    op.create_index('ix_review_deferred_outstanding', 'review_deferred', ['case_id'], unique=False,
                    postgresql_where=_OUTSTANDING, sqlite_where=_OUTSTANDING)


def downgrade() -> None:
    op.drop_index('ix_review_deferred_outstanding', table_name='review_deferred')
    op.drop_index('ix_cases_open', table_name='cases')
