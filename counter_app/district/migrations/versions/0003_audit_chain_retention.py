"""Audit hash chain (seq, prev_hash, hash, and the head row appenders lock; existing records chained in
id order) and the cases' blobs_purged_at for retention.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 14:40:00
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | Sequence[str] | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GENESIS = "0" * 64
_AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _hash(seq: int, row: sa.Row[tuple[object, ...]], prev: str) -> str:
    # Frozen copy of counter_app.security.audit_chain (version 1): a migration must not change meaning
    # when the application code does.
    at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
    stamp = at.replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = json.dumps({"v": 1, "seq": seq, "at": stamp, "actor": row.actor, "role": row.role,
                       "device": row.device_id, "action": row.action, "case_id": row.case_id,
                       "detail": row.detail or "", "prev": prev},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    op.create_table('audit_head',
    sa.Column('name', sa.String(length=16), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_audit_head'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('blobs_purged_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))

    events = sa.table('audit_events', sa.column('id', _AUTO_ID), sa.column('at', sa.DateTime()),
                      sa.column('actor', sa.String()), sa.column('role', sa.String()),
                      sa.column('device_id', sa.String()), sa.column('action', sa.String()),
                      sa.column('case_id', sa.String()), sa.column('detail', sa.Text()),
                      sa.column('seq', sa.BigInteger()), sa.column('prev_hash', sa.String()),
                      sa.column('hash', sa.String()))
    bind = op.get_bind()
    prev, seq = _GENESIS, 0
    for row in bind.execute(sa.select(events).order_by(events.c.id)).all():
        seq += 1
        digest = _hash(seq, row, prev)
        bind.execute(sa.update(events).where(events.c.id == row.id)
                     .values(seq=seq, prev_hash=prev, hash=digest, detail=row.detail or ""))
        prev = digest
    head = sa.table('audit_head', sa.column('name', sa.String()), sa.column('seq', sa.BigInteger()),
                    sa.column('hash', sa.String()))
    bind.execute(sa.insert(head).values(name="chain", seq=seq, hash=prev))

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_events_seq'), ['seq'])


def downgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_events_seq'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('blobs_purged_at')
    op.drop_table('audit_head')
