"""`counter-app demo`: walk one case through everything the software can do so far, without a display.

It uses the same AppContext as the desktop client, on the embedded default configuration, and prints
each step and where the files are. Any failed step ends it with a non-zero exit code. Later issues extend
it (capture, sync, review, printing, pickup) so it always exercises the whole product.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from counter_app.capture.demo_capture import capture_demo_materials
from counter_app.context import AppContext
from counter_app.demo_corrections import capture_again, correct_demo_case
from counter_app.district.demo_review import (
    DEMO_RETURN_ITEMS,
    approve_resubmission,
    return_demo_case,
    review_demo_case,
)
from counter_app.domain.deferral import DeferralRequest
from counter_app.domain.masking import mask_id_number, mask_phone
from counter_app.domain.model import Application, DeliveryMethod
from counter_app.domain.status import STATUS_LABELS, CaseStatus
from counter_app.printing.demo_print import demo_pickup, print_demo_documents
from counter_app.printing.render import page_count
from counter_app.resource_paths import resource_path
from counter_app.services.printing import OutputAction, RenderedDocument
from counter_app.store.acceptance import AcceptanceRecord
from counter_app.store.repository import CaseRecord
from counter_app.sync.demo_sync import sync_demo_case

T = TypeVar("T")


class DemoFailed(Exception):
    pass


def load_sample_application() -> Application:
    path = resource_path("samples", "demo_application.json")
    return Application.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _step(number: int, title: str, action: Callable[[], T]) -> T:
    print(f"[{number}] {title} ...", end=" ", flush=True)
    result = action()
    print("完成 / ok", flush=True)
    return result


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise DemoFailed(message)


def run_demo(data_dir: Path) -> int:
    print(f"演示数据目录 / demo data folder: {data_dir}")
    try:
        _run(data_dir)
    except DemoFailed as exc:
        print(f"\n失败 / FAILED: {exc}", file=sys.stderr)
        return 1
    print("\n演示完成：所有步骤成功。/ Demo finished: every step succeeded.")
    return 0


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        print(f"    {line}")


def _run(data_dir: Path) -> None:
    context = _step(1, "打开本地加密数据库 / open the encrypted local store",
                    lambda: AppContext.open(data_dir))
    try:
        record, sample = _counter_flow(context, data_dir)
        _correction_flow(context, data_dir / "demo-documents")
    finally:
        context.close()
    operator = sample.operator

    raw = b"".join(p.read_bytes() for p in data_dir.glob("counter.sqlite3*"))
    for secret in (operator.id_document.number, operator.name, operator.mobile):
        _check(secret.encode("utf-8") not in raw, "数据库文件中出现了明文个人信息")
    print("[19] 检查数据库文件中没有明文身份证号、姓名、电话 / no plaintext personal data on disk"
          " ... 完成 / ok")

    reopened = _step(20, "关闭后重新打开并找回案件 / reopen and find the case",
                     lambda: AppContext.open(data_dir, sync=False))
    try:
        found = reopened.cases.list_cases(record.case_number)
        _check([s.case_id for s in found] == [record.case_id], "重新打开后找不到案件")
        again = reopened.cases.open_case(record.case_id)
        _check(again.application == sample, "重新打开后申请内容与保存时不一致")
        status_zh, status_en = STATUS_LABELS[again.status]
        print(f"    状态 / status: {status_zh} / {status_en}")
        pages = reopened.materials.list_materials(record.case_id)
        print(f"    已采集材料 / captured pages: {len(pages)}")
    finally:
        reopened.close()

    print("\n文件位置 / where the files are:")
    print(f"    数据库 / database:      {data_dir / 'counter.sqlite3'}")
    print(f"    设置 / settings:        {data_dir / 'settings.json'}")
    print(f"    加密图片 / image blobs: {data_dir / 'blobs'}")
    print(f"    打印文件 / PDFs:        {data_dir / 'demo-documents'}")
    print(f"    日志 / log:             {data_dir / 'logs' / 'counter-app.log'}")
    backups = data_dir / "backups"
    if backups.exists():
        print(f"    迁移前备份 / backups:   {backups}")


def _counter_flow(context: AppContext, data_dir: Path) -> tuple[CaseRecord, Application]:
    """Everything that happens at the counter, from intake to the district's answer."""
    if context.key_warning_zh:
        print(f"    注意 / note: {context.key_warning_zh}")
    service = context.cases
    sample = load_sample_application()
    operator = sample.operator

    issues = _step(2, "校验样例申请 / validate the sample application", lambda: service.validate(sample))
    errors = [i for i in issues if i.is_error]
    _check(not errors, "样例申请有错误: " + "; ".join(f"{i.path}: {i.message_zh}" for i in errors))
    for issue in issues:
        print(f"    提示 / warning: {issue.path}: {issue.message_zh}")

    record = _step(3, "新建案件并保存草稿 / create the case and save the draft",
                   lambda: service.new_case(sample))
    print(f"    案件编号 / case number: {record.case_number}")
    print(f"    经营者 / operator: {operator.name}  证件 {mask_id_number(operator.id_document.number)}"
          f"  电话 {mask_phone(operator.mobile)}")

    lines = _step(4, "采集人像与材料（模拟摄像头，质量检查）/ capture portrait and documents",
                  lambda: capture_demo_materials(context, record.case_id))
    _print_lines(lines)

    review = _step(5, "初审 / pre-review", lambda: service.pre_review(record.case_id))
    _check(review.passed, "初审未通过: " + "; ".join(i.message_zh for i in review.errors))
    _check(review.record.status is CaseStatus.PRE_REVIEWED, "初审后状态应为“已初审”")

    accepted = _step(6, "受理（如缺可容缺材料则办理容缺受理）/ accept (deferring what may be deferred)",
                     lambda: _accept(context, record.case_id))
    print(f"    承诺办结日期 / committed decision date: {accepted.committed_due:%Y-%m-%d}")
    for item in accepted.deferred:
        print(f"    容缺 / deferred: {item.label_zh}，{item.due_date:%Y-%m-%d} 前补交")
    for warning in accepted.warnings_zh:
        print(f"    提示 / warning: {warning}")

    out_dir = data_dir / "demo-documents"
    _print_lines(_step(7, "打印受理回执和容缺受理通知书 / print the receipt and 容缺 notice",
                       lambda: print_demo_documents(context, record.case_id, out_dir)))

    _print_lines(_step(8, "提交并同步到区级审核服务 / submit and sync to the district service",
                       lambda: sync_demo_case(context, record.case_id)))
    synced = context.cases.open_case(record.case_id)
    _check(synced.status in (CaseStatus.SUBMITTED, CaseStatus.IN_REVIEW),
           f"同步后状态应为“已提交”，实际为“{STATUS_LABELS[synced.status][0]}”")
    print(f"[9] 区级已收到案件 / the district has the case: {STATUS_LABELS[synced.status][0]}")
    _print_lines(_step(10, "申请人补交容缺材料，窗口采集并补交区级 / the 容缺 items come later",
                       lambda: _supply_deferred(context, record.case_id)))

    sync = context.sync
    _check(sync is not None, "同步未启用")
    assert sync is not None
    _print_lines(_step(11, "区级审核员领取并核准，登记执照寄出 / a reviewer claims, approves, dispatches",
                       lambda: review_demo_case(sync.district_url(), record.case_id)))
    sync.sync_now()
    sync.run_until_idle(timeout=60)
    dispatched = context.cases.open_case(record.case_id)
    _check(dispatched.status is CaseStatus.LICENCE_DISPATCHED,
           f"变更推送后状态应为“执照已寄出”，实际为“{STATUS_LABELS[dispatched.status][0]}”")
    licence = context.pickup.licence_for(record.case_id)
    _check(licence is not None, "变更推送中没有执照信息")
    assert licence is not None
    print(f"[12] 变更推送带回核准与寄出信息 / the change feed brought the decision: "
          f"统一社会信用代码 {licence.uscc}")
    _print_lines(_step(13, "执照到达、打印领取通知单、凭领取码领取 / arrival, pickup slip, handover",
                       lambda: demo_pickup(context, record.case_id, licence, out_dir)))
    collected = context.cases.open_case(record.case_id)
    _check(collected.status is CaseStatus.COLLECTED, "领取后状态应为“已领取”")
    return record, sample


def _correction_flow(context: AppContext, out_dir: Path) -> None:
    """A second case: returned for correction by the reviewer, corrected at the counter, resubmitted as
    version 2 and approved — the correction notice printed on the way."""
    sync = context.sync
    _check(sync is not None, "同步未启用")
    assert sync is not None
    record = context.cases.new_case(load_sample_application())
    capture_demo_materials(context, record.case_id, include_deferrable=True)
    _check(context.cases.pre_review(record.case_id).passed, "第二个案件初审未通过")
    _accept(context, record.case_id)
    sync_demo_case(context, record.case_id)
    print(f"[14] 第二个案件已提交 / a second case was submitted: {record.case_number}")
    _print_lines(_step(15, "区级审核员退回补正，变更推送带回补正项 / the reviewer returns it for correction",
                       lambda: _returned(context, record.case_id)))
    returned = context.cases.open_case(record.case_id)
    _check(returned.status is CaseStatus.RETURNED, "变更推送后状态应为“退回补正”")
    items = context.corrections.notice_items(record.case_id)
    notice = context.printing.correction_notice(record.case_id, items)
    print(f"    补正通知书 / correction notice: {_save_pdf(context, notice, out_dir)}")
    _print_lines(_step(16, "窗口逐项补正并作为第2版重新提交 / correct at the counter, resubmit as version 2",
                       lambda: _corrected(context, record.case_id)))
    _print_lines(_step(17, "审核员查看变更并核准 / the reviewer reads what changed and approves",
                       lambda: approve_resubmission(sync.district_url(), record.case_id)[1]))
    sync.sync_now()
    sync.run_until_idle(timeout=60)
    approved = context.cases.open_case(record.case_id)
    _check(approved.status is CaseStatus.APPROVED and approved.version == 2,
           f"第二个案件应为第2版“已核准”，实际为第{approved.version}版“{STATUS_LABELS[approved.status][0]}”")
    print(f"[18] 变更推送带回核准 / the change feed brought the approval: 第{approved.version}版 version "
          f"{approved.version}, {STATUS_LABELS[approved.status][0]} / {STATUS_LABELS[approved.status][1]}")


def _supply_deferred(context: AppContext, case_id: str) -> list[str]:
    """Capture each 容缺 item now and supply it; the district lifts the block on approval (the feed says)."""
    sync = context.sync
    assert sync is not None
    slots = context.deferred.outstanding(case_id)
    if not slots:
        return ["无容缺材料 / no deferred items"]
    lines = []
    for slot in slots:
        capture_again(context, case_id, slot, page=None, brightness=0)
        context.deferred.supply(case_id, slot)
        lines.append(f"已采集并补交 / captured and supplied: {slot}")
    sync.sync_now()
    sync.run_until_idle(timeout=60)
    supplied = [c for c in context.outbox.changes_for(case_id) if "deferred_supplied" in c.data]
    _check(len(supplied) == len(slots) and supplied[-1].data.get("deferred_outstanding") == [],
           "区级未确认收到全部容缺材料")
    _check(all(s.state == "delivered" for s in context.deferred.supplies(case_id)), "容缺材料未能送达区级")
    lines.append("区级确认容缺材料已补齐 / the district has every deferred item (change feed)")
    return lines


def _save_pdf(context: AppContext, document: RenderedDocument, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / document.filename()
    path.write_bytes(document.pdf)
    context.printing.record_output(document, OutputAction.SAVE_PDF, target=path.name,
                                   pages=page_count(document.pdf))
    return path


def _returned(context: AppContext, case_id: str) -> list[str]:
    sync = context.sync
    assert sync is not None
    lines = return_demo_case(sync.district_url(), case_id)
    sync.sync_now()
    sync.run_until_idle(timeout=60)
    returned = context.corrections.returned(case_id)
    _check(returned is not None and len(returned.items) == len(DEMO_RETURN_ITEMS),
           "变更推送没有带回全部补正项")
    return lines


def _corrected(context: AppContext, case_id: str) -> list[str]:
    lines = correct_demo_case(context, case_id)
    queued = context.corrections.resubmit(case_id)
    _check(queued.version == 2 and queued.status is CaseStatus.QUEUED, "重新提交后应为第2版“待上传”")
    lines += sync_demo_case(context, case_id)
    return lines


def _accept(context: AppContext, case_id: str) -> AcceptanceRecord:
    plan = context.acceptance.plan(case_id)
    _check(not plan.validation_errors, "受理前校验未通过")
    _check(plan.materials.acceptable_with_deferrals,
           "缺少不可容缺的材料: " + "、".join(m.label_zh for m in plan.materials.missing_required))
    deferrals = [DeferralRequest(m.key, DeliveryMethod.COUNTER, plan.deadlines.committed_due)
                 for m in plan.materials.missing_deferrable]
    return context.acceptance.accept(case_id, deferrals=deferrals, commitment_signed=bool(deferrals))
