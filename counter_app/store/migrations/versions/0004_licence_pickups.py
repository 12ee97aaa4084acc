"""The pickup desk (issue 6): licence arrival and handover per case (the pickup code only as a hash), the
record that the applicant was notified, and the satisfaction rating (one per case).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 11:31:21.888899
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('licence_pickups',
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('licence_json', sa.Text(), nullable=False),
    sa.Column('arrived_at', sa.DateTime(), nullable=True),
    sa.Column('arrived_by', sa.String(length=64), nullable=True),
    sa.Column('pickup_due', sa.String(length=10), nullable=True),
    sa.Column('code_hash', sa.String(length=255), nullable=True),
    sa.Column('code_issued_at', sa.DateTime(), nullable=True),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('collected_at', sa.DateTime(), nullable=True),
    sa.Column('collected_by', sa.String(length=64), nullable=True),
    sa.Column('collector_role', sa.String(length=16), nullable=True),
    sa.Column('collector_id_type', sa.String(length=32), nullable=True),
    sa.Column('holder_confirmed', sa.Boolean(), nullable=False),
    sa.Column('authorisation_checked', sa.Boolean(), nullable=False),
    sa.Column('signature_sha256', sa.String(length=64), nullable=True),
    sa.Column('row_version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_licence_pickups_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_licence_pickups'))
    )
    op.create_table('pickup_notifications',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('contact', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_pickup_notifications_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pickup_notifications'))
    )
    with op.batch_alter_table('pickup_notifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pickup_notifications_case_id'), ['case_id'], unique=False)

    op.create_table('satisfaction_ratings',
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.case_id'], name=op.f('fk_satisfaction_ratings_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_satisfaction_ratings'))
    )


def downgrade() -> None:
    op.drop_table('satisfaction_ratings')
    with op.batch_alter_table('pickup_notifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pickup_notifications_case_id'))

    op.drop_table('pickup_notifications')
    op.drop_table('licence_pickups')
