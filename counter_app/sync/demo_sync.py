"""The sync step of `counter-app demo`: submit the accepted case, let the outbox deliver it to the
district service (the embedded one in the demo configuration), read the change feed, and say what
happened in lines the demo prints."""

from __future__ import annotations

from counter_app.context import AppContext
from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.errors import UserFacingError
from counter_app.sync.status import format_bytes

DEMO_SYNC_TIMEOUT = 120.0


class DemoSyncFailed(UserFacingError):
    pass


def sync_demo_case(context: AppContext, case_id: str, *, timeout: float = DEMO_SYNC_TIMEOUT) -> list[str]:
    """Submit `case_id` (accepted, or already queued), sync until the outbox is empty, and return
    printable lines: what was sent, the case's sync state, and the statuses the change feed brought
    back. Raises DemoSyncFailed (Chinese and English) if the case did not get through."""
    sync = context.sync
    if sync is None:
        raise DemoSyncFailed("同步未启用（数据目录以只读方式打开）", "Sync is not enabled for this context")
    record = context.cases.open_case(case_id)
    lines: list[str] = []
    if record.status in (CaseStatus.ACCEPTED, CaseStatus.ACCEPTED_WITH_DEFERRALS):
        record = context.submissions.submit(case_id)
        lines.append(f"已提交到待上传队列 / queued for the district: {record.case_number}")
    queued = context.outbox.summaries([case_id]).get(case_id)
    if queued is None:
        raise DemoSyncFailed(f"案件状态为“{STATUS_LABELS[record.status][0]}”，不能提交",
                             f"The case is {record.status.value}; it cannot be submitted")
    before = sync.status().bytes_sent
    status = sync.run_until_idle(timeout)
    state = sync.case_state(case_id)
    if state is None or state.state != "submitted":
        reason_zh = (state.detail_zh if state else None) or status.problem_zh or "未知原因"
        reason_en = (state.detail_en if state else None) or status.problem_en or "unknown reason"
        raise DemoSyncFailed(f"案件未能送达区级：{reason_zh}",
                             f"The case did not reach the district: {reason_en}")
    sent = status.bytes_sent - before
    lines.append(f"待发送 / to send: {queued.bytes_total} 字节 bytes ({format_bytes(queued.bytes_total)}, "
                 "案件数据与图片 / case data and images)")
    lines.append(f"实际发送 / sent on the wire: {sent} 字节 bytes (请求正文 / request bodies)")
    lines.append(f"同步状态 / sync state: {state.label_zh} / {state.label_en}")
    for change in context.outbox.changes_for(case_id):
        known = change.status in {s.value for s in CaseStatus}
        zh, en = STATUS_LABELS[CaseStatus(change.status)] if known else (change.status, change.status)
        lines.append(f"区级回传 / from the district (change feed #{change.cursor}): {zh} / {en}")
    final = context.cases.open_case(case_id).status
    lines.append(f"本机案件状态 / local case status: {STATUS_LABELS[final][0]} / {STATUS_LABELS[final][1]}")
    return lines
