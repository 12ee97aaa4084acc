"""容缺受理通知书 in two copies, one page each: the applicant's and the file's (domain.md §6): the
missing items, how and by when each is supplied, and what happens if the deadline passes."""

from __future__ import annotations

from counter_app.printing.builder import DocumentBuilder
from counter_app.printing.data import DELIVERY_LABELS, DeferralNoticeData
from counter_app.printing.fonts import FontSet, default_fonts
from counter_app.printing.layout import Layout
from counter_app.printing.text import business_name, person, zh_date, zh_datetime

TITLE = "容缺受理通知书"
COPIES = ("第一联：申请人留存", "第二联：受理机关存档")


def build_deferral_notice(data: DeferralNoticeData, layout: Layout, fonts: FontSet | None = None) -> bytes:
    if not data.items:
        raise ValueError("a 容缺 notice needs at least one deferred item")
    counter = data.counter
    doc = DocumentBuilder(layout, fonts or default_fonts(), title=TITLE, case_number=data.case_number,
                          footer=f"{counter.authority_name} · 案件编号 {data.case_number}",
                          author=counter.authority_name)
    for index, copy in enumerate(COPIES):
        if index:
            doc.page_break()
        doc.heading(TITLE)
        doc.paragraph(f"（{copy}）", "center")
        doc.spacer(0.5)
        doc.paragraph(f"{person(data.operator)}：")
        doc.paragraph(
            f"你于{zh_datetime(data.accepted_at)}申请个体工商户设立登记"
            f"（名称：{business_name(data.business_name)}；案件编号：{data.case_number}）。"
            "经审查，基本条件已具备，下列材料暂缺且属于可容缺材料，你已签署容缺受理承诺书，"
            "本机关予以容缺受理：", "indent")
        doc.spacer(0.4)
        doc.grid(["序号", "暂缺材料", "补交方式", "补交期限"],
                 [[str(i), item.label, DELIVERY_LABELS[item.delivery], zh_date(item.due_date)]
                  for i, item in enumerate(data.items, 1)], ratios=[0.6, 4.0, 1.4, 2.0])
        doc.spacer(0.4)
        doc.paragraph(f"请于{zh_date(data.deadline)}前按上述方式补齐全部材料。审核与补交同时进行，"
                      "材料补齐前不发放营业执照。", "indent")
        doc.paragraph("逾期未补齐的，本机关将书面通知撤销本次受理，并记录容缺失信情况，"
                      "今后申请容缺受理可能受到限制。", "indent")
        doc.spacer(0.4)
        doc.paragraph(f"受理窗口：{counter.centre_name}{counter.counter_name}；经办人：{data.clerk_name}；"
                      f"咨询电话：{counter.phone}", "small")
        doc.spacer(1.5)
        doc.paragraph("申请人（签字）：________________    日期：____________")
        doc.spacer(1.0)
        doc.paragraph(f"{counter.authority_name}（受理专用章）", "right")
        doc.paragraph(zh_date(data.accepted_at.astimezone().date()), "right")
    return doc.build()
