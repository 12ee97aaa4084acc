"""Sign-in on this counter (issue 7): encrypted offline verifiers and the persisted lock-out state.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 14:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('counter_users',
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('verifier_enc', sa.LargeBinary(), nullable=True),
    sa.Column('profile_enc', sa.LargeBinary(), nullable=True),
    sa.Column('last_online_at', sa.DateTime(), nullable=True),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_counter_users'))
    )


def downgrade() -> None:
    op.drop_table('counter_users')
