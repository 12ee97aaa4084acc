"""The review queue on one table: each case's current committed due date and "容缺 outstanding" flag on
`cases`, with one partial index per way into the queue.

Before this the queue joined `cases` (status, township) to `review_cases` (due date) and looked up
`review_deferred`: a deadline or status filter joined every open case across tables to count and sort
(60–95 ms p95 with 10,000 open cases). With the two copies on `cases`, a page is one range scan of a
partial index in the queue's order and its counts an index-only scan of the same range.
`review_cases.committed_due` stays the record; counter_app.district.review_state keeps the copies.
The indexes replace ix_cases_open (0006) and ix_review_cases_due (0002), which only the queue used.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 15:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPEN = sa.text("status IN ('submitted', 'in_review')")
_OPEN_DEFERRED = sa.text("status IN ('submitted', 'in_review') AND deferred_outstanding")


def upgrade() -> None:
    # Plain ADD COLUMN (no batch table copy: SQLite cannot drop `cases` while other tables refer to it).
    op.add_column('cases', sa.Column('queue_due', sa.Date(), nullable=True))
    op.add_column('cases', sa.Column('deferred_outstanding', sa.Boolean(), nullable=False,
                                     server_default=sa.false()))
    # Migration 0002 gave every case a review row, and the intake makes one with each case since.
    op.execute("UPDATE cases SET queue_due = (SELECT r.committed_due FROM review_cases r "
               "WHERE r.case_id = cases.case_id)")
    op.execute("UPDATE cases SET deferred_outstanding = true WHERE EXISTS (SELECT 1 FROM review_deferred d "
               "WHERE d.case_id = cases.case_id AND d.supplied_sha256 IS NULL)")
    op.drop_index('ix_cases_open', table_name='cases')
    op.drop_index('ix_review_cases_due', table_name='review_cases')
    op.create_index('ix_cases_queue', 'cases', ['queue_due', 'case_id'], unique=False,
                    postgresql_where=_OPEN, sqlite_where=_OPEN,
                    postgresql_include=['status', 'township_code', 'deferred_outstanding'])
    op.create_index('ix_cases_queue_township', 'cases', ['township_code', 'queue_due', 'case_id'],
                    unique=False, postgresql_where=_OPEN, sqlite_where=_OPEN,
                    postgresql_include=['status', 'deferred_outstanding'])
    op.create_index('ix_cases_queue_status', 'cases', ['status', 'queue_due', 'case_id'], unique=False,
                    postgresql_where=_OPEN, sqlite_where=_OPEN,
                    postgresql_include=['township_code', 'deferred_outstanding'])
    op.create_index('ix_cases_queue_deferred', 'cases', ['queue_due', 'case_id'], unique=False,
                    postgresql_where=_OPEN_DEFERRED, sqlite_where=_OPEN_DEFERRED,
                    postgresql_include=['status', 'township_code'])


def downgrade() -> None:
    op.drop_index('ix_cases_queue_deferred', table_name='cases')
    op.drop_index('ix_cases_queue_status', table_name='cases')
    op.drop_index('ix_cases_queue_township', table_name='cases')
    op.drop_index('ix_cases_queue', table_name='cases')
    op.create_index('ix_review_cases_due', 'review_cases', ['committed_due', 'case_id'], unique=False)
    op.create_index('ix_cases_open', 'cases', ['township_code', 'status', 'case_id'], unique=False,
                    postgresql_where=_OPEN, sqlite_where=_OPEN)
    op.drop_column('cases', 'deferred_outstanding')  # SQLite >= 3.35 drops a column in place
    op.drop_column('cases', 'queue_due')
