"""Escrowed backup keys per township and the published client version (issue 8).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 14:40:00
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
    op.create_table('backup_keys',
    sa.Column('key_id', sa.String(length=36), nullable=False),
    sa.Column('township_code', sa.String(length=12), nullable=False),
    sa.Column('counter_name', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('deposited_by', sa.String(length=64), nullable=False),
    sa.Column('wrapped_key', sa.LargeBinary(), nullable=False),
    sa.Column('deposited_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['township_code'], ['townships.code'],
                            name=op.f('fk_backup_keys_township_code_townships')),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_backup_keys'))
    )
    with op.batch_alter_table('backup_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_backup_keys_township_code'), ['township_code'], unique=False)

    op.create_table('client_release',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('current_version', sa.String(length=32), nullable=False),
    sa.Column('minimum_version', sa.String(length=32), nullable=False),
    sa.Column('download_url', sa.String(length=500), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('published_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_release'))
    )


def downgrade() -> None:
    op.drop_table('client_release')
    with op.batch_alter_table('backup_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_backup_keys_township_code'))
    op.drop_table('backup_keys')
