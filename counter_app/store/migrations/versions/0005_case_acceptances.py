"""Acceptance (受理 / 容缺受理): when, by whom, deadlines, deferred items.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 11:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('case_acceptances',
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('accepted_at', sa.DateTime(), nullable=False),
    sa.Column('accepted_by', sa.String(length=64), nullable=False),
    sa.Column('legal_due', sa.String(length=10), nullable=False),
    sa.Column('committed_due', sa.String(length=10), nullable=False),
    sa.Column('extended_legal_due', sa.String(length=10), nullable=False),
    sa.Column('deferred_json', sa.Text(), nullable=False),
    sa.Column('commitment_signed', sa.Boolean(), nullable=False),
    sa.Column('warnings_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_case_acceptances_case_id_cases'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_acceptances'))
    )


def downgrade() -> None:
    op.drop_table('case_acceptances')
