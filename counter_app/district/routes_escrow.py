"""/v1/backup-keys: the escrow of counters' backup keys (counter_app.district.escrow)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from counter_app.district import audit, escrow
from counter_app.district.deps import Caller, Runtime
from counter_app.district.problems import ProblemError
from counter_app.sync.escrow_protocol import BackupKeyDeposit, BackupKeyReceipt, BackupKeyView

router = APIRouter(prefix="/v1", tags=["backup"])


@router.put("/backup-keys/{key_id}", response_model=BackupKeyReceipt, status_code=201,
            summary="Deposit a counter's backup key for its township (clerks; idempotent)",
            responses={200: {"model": BackupKeyReceipt, "description": "The same key was already held"}})
def put_backup_key(key_id: str, body: BackupKeyDeposit, response: Response, runtime: Runtime,
                   caller: Caller) -> BackupKeyReceipt:
    kid = escrow.key_id_of(key_id)
    try:
        with runtime.db.write() as session:
            receipt, created = escrow.deposit(session, runtime.desk.cipher, caller, kid, body)
    except ProblemError as exc:
        _audit_refusal(runtime, caller, "backup_key_deposit_refused", kid, exc)
        raise
    if not created:
        response.status_code = 200
    return receipt


@router.get("/backup-keys/{key_id}", response_model=BackupKeyView,
            summary="Fetch an escrowed backup key (clerks of its township, administrators)")
def get_backup_key(key_id: str, runtime: Runtime, caller: Caller) -> BackupKeyView:
    kid = escrow.key_id_of(key_id)
    try:
        with runtime.db.write() as session:
            return escrow.fetch(session, runtime.desk.cipher, caller, kid)
    except ProblemError as exc:
        _audit_refusal(runtime, caller, "backup_key_fetch_refused", kid, exc)
        raise


def _audit_refusal(runtime: Runtime, caller: Caller, action: str, key_id: str, exc: ProblemError) -> None:
    with runtime.db.write() as session:  # the refused request's own transaction was rolled back
        audit.record(session, caller, action, detail=f"key={key_id} code={exc.code}")
