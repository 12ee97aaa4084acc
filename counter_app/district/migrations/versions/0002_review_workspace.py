"""Review workspace: due dates and claims per case, 容缺 items, decisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 12:37:22.681459
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cases_status'), ['status'], unique=False)

    op.create_table('review_cases',
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('accepted_on', sa.Date(), nullable=False),
    sa.Column('committed_due', sa.Date(), nullable=False),
    sa.Column('legal_due', sa.Date(), nullable=False),
    sa.Column('extension_reason', sa.Text(), nullable=True),
    sa.Column('claimed_by', sa.String(length=64), nullable=True),
    sa.Column('claim_expires_at', sa.DateTime(), nullable=True),
    sa.Column('uscc', sa.String(length=18), nullable=True),
    sa.Column('licence_number', sa.String(length=32), nullable=True),
    sa.Column('approval_date', sa.Date(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_within_committed', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_review_cases_case_id_cases')),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_review_cases')),
    sa.UniqueConstraint('licence_number', name=op.f('uq_review_cases_licence_number')),
    sa.UniqueConstraint('uscc', name=op.f('uq_review_cases_uscc'))
    )
    with op.batch_alter_table('review_cases', schema=None) as batch_op:
        batch_op.create_index('ix_review_cases_due', ['committed_due', 'case_id'], unique=False)

    _backfill_review_rows()

    op.create_table('review_decisions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('reviewer', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('data_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_review_decisions_case_id_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_decisions'))
    )
    with op.batch_alter_table('review_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_decisions_case_id'), ['case_id'], unique=False)

    op.create_table('review_deferred',
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('slot', sa.String(length=64), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('supplied_sha256', sa.String(length=64), nullable=True),
    sa.Column('supplied_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_review_deferred_case_id_cases')),
    sa.PrimaryKeyConstraint('case_id', 'slot', name=op.f('pk_review_deferred'))
    )


def _backfill_review_rows() -> None:
    """Cases received before this revision get a review row, so the queue (which counts on `cases` alone)
    lists every case. Due dates are approximated without the holiday calendar (3 working days ~ 5 calendar
    days from the first receipt); only development databases of the sync issue predate the workspace."""
    bind = op.get_bind()
    cases = sa.table('cases', sa.column('case_id', sa.String), sa.column('created_at', sa.DateTime))
    review = sa.table('review_cases', sa.column('case_id', sa.String), sa.column('accepted_on', sa.Date),
                      sa.column('committed_due', sa.Date), sa.column('legal_due', sa.Date))
    rows = [{'case_id': case_id, 'accepted_on': created.date(),
             'committed_due': created.date() + dt.timedelta(days=5),
             'legal_due': created.date() + dt.timedelta(days=5)}
            for case_id, created in bind.execute(sa.select(cases.c.case_id, cases.c.created_at))]
    if rows:
        bind.execute(sa.insert(review), rows)


def downgrade() -> None:
    op.drop_table('review_deferred')
    with op.batch_alter_table('review_decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_decisions_case_id'))

    op.drop_table('review_decisions')
    with op.batch_alter_table('review_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_review_cases_due')

    op.drop_table('review_cases')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_status'))
