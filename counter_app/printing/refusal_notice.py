"""不予登记通知: the reasons and the remedies — administrative review within 60 days or a lawsuit within
6 months (domain.md §1 step 5)."""

from __future__ import annotations

from counter_app.printing.builder import DocumentBuilder
from counter_app.printing.data import RefusalNoticeData
from counter_app.printing.fonts import FontSet, default_fonts
from counter_app.printing.layout import Layout
from counter_app.printing.text import business_name, person, zh_date

TITLE = "个体工商户不予登记通知书"
REVIEW_DAYS = 60
LAWSUIT_MONTHS = 6


def remedies_text(review_body: str, court: str) -> str:
    return (f"如对本决定不服，可以自收到本通知书之日起{REVIEW_DAYS}日内向{review_body}申请行政复议，"
            f"也可以自收到本通知书之日起{LAWSUIT_MONTHS}个月内依法向{court}提起行政诉讼。")


def build_refusal_notice(data: RefusalNoticeData, layout: Layout, fonts: FontSet | None = None) -> bytes:
    if not data.reasons:
        raise ValueError("a refusal notice must state its reasons")
    counter = data.counter
    doc = DocumentBuilder(layout, fonts or default_fonts(), title=TITLE, case_number=data.case_number,
                          footer=f"{counter.authority_name} · 案件编号 {data.case_number}",
                          author=counter.authority_name)
    doc.heading(TITLE)
    doc.paragraph(f"{person(data.operator)}：")
    doc.paragraph(
        f"你申请的个体工商户登记（名称：{business_name(data.business_name)}；"
        f"案件编号：{data.case_number}），经审查，本机关决定不予登记。理由如下：", "indent")
    doc.spacer(0.3)
    doc.numbered(list(data.reasons))
    doc.subtitle("救济途径")
    doc.paragraph(remedies_text(data.review_body, data.court), "indent")
    doc.spacer(0.3)
    doc.paragraph(f"咨询电话：{counter.phone}（{counter.centre_name}{counter.counter_name}）", "small")
    doc.spacer(1.2)
    doc.paragraph(f"{counter.authority_name}（盖章）", "right")
    doc.paragraph(zh_date(data.decided_on), "right")
    return doc.build()
