"""Audit hash chain (seq, prev_hash, hash; existing records chained in id order) and the retention table.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 14:40:00
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_GENESIS = "0" * 64
_HEAD = "audit_chain_head"


def _hash(seq: int, at: datetime, actor: str, action: str, case_id: str | None, detail: str,
          prev: str) -> str:
    # Frozen copy of counter_app.security.audit_chain (version 1): a migration must not change meaning
    # when the application code does.
    stamp = at.replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    text = json.dumps({"v": 1, "seq": seq, "at": stamp, "actor": actor, "role": "", "device": None,
                       "action": action, "case_id": case_id, "detail": detail, "prev": prev},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    op.create_table('case_retention',
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('images_purged_at', sa.DateTime(), nullable=True),
    sa.Column('data_purged_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_case_retention'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))

    events = sa.table('audit_events', sa.column('id', sa.Integer()), sa.column('at', sa.DateTime()),
                      sa.column('actor', sa.String()), sa.column('action', sa.String()),
                      sa.column('case_id', sa.String()), sa.column('detail', sa.Text()),
                      sa.column('seq', sa.Integer()), sa.column('prev_hash', sa.String()),
                      sa.column('hash', sa.String()))
    bind = op.get_bind()
    prev, seq = _GENESIS, 0
    rows = bind.execute(sa.select(events.c.id, events.c.at, events.c.actor, events.c.action,
                                  events.c.case_id, events.c.detail).order_by(events.c.id)).all()
    for row in rows:
        seq += 1
        digest = _hash(seq, row.at, row.actor, row.action, row.case_id, row.detail or "{}", prev)
        bind.execute(sa.update(events).where(events.c.id == row.id)
                     .values(seq=seq, prev_hash=prev, hash=digest, detail=row.detail or "{}"))
        prev = digest
    meta = sa.table('store_meta', sa.column('name', sa.String()), sa.column('value', sa.LargeBinary()))
    bind.execute(sa.delete(meta).where(meta.c.name == _HEAD))
    bind.execute(sa.insert(meta).values(name=_HEAD, value=json.dumps({"seq": seq, "hash": prev}).encode()))

    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_audit_events_seq'), ['seq'])


def downgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_events_seq'), type_='unique')
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
    meta = sa.table('store_meta', sa.column('name', sa.String()))
    op.get_bind().execute(sa.delete(meta).where(meta.c.name.in_([_HEAD, "audit_chain_base"])))
    op.drop_table('case_retention')
