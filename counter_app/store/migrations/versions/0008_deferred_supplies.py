"""The counter supplies 容缺 items later (issue 5): each waits in the outbox until its image is on the
server and the district has recorded it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 14:47:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('outbox_supplies',
    sa.Column('supply_id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('slot', sa.String(length=64), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('mime', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error_code', sa.String(length=64), nullable=True),
    sa.Column('error_zh', sa.Text(), nullable=True),
    sa.Column('error_en', sa.Text(), nullable=True),
    sa.Column('enqueued_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('delivered_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_outbox_supplies_case_id_cases'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('supply_id', name=op.f('pk_outbox_supplies')),
    sa.UniqueConstraint('case_id', 'slot', 'sha256', name='uq_outbox_supplies_case_slot_sha')
    )
    with op.batch_alter_table('outbox_supplies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_supplies_state'), ['state'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox_supplies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_supplies_state'))
    op.drop_table('outbox_supplies')
