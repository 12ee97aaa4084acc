"""补正通知: the complete list of corrections, per field or document, and how to supply them — one list,
so the applicant comes back once (domain.md §1 step 5)."""

from __future__ import annotations

from counter_app.printing.builder import DocumentBuilder
from counter_app.printing.data import CorrectionNoticeData
from counter_app.printing.fonts import FontSet, default_fonts
from counter_app.printing.layout import Layout
from counter_app.printing.text import business_name, person, zh_date

TITLE = "个体工商户登记补正通知书"


def build_correction_notice(data: CorrectionNoticeData, layout: Layout,
                            fonts: FontSet | None = None) -> bytes:
    if not data.items:
        raise ValueError("a correction notice needs at least one item")
    counter = data.counter
    doc = DocumentBuilder(layout, fonts or default_fonts(), title=TITLE, case_number=data.case_number,
                          footer=f"{counter.authority_name} · 案件编号 {data.case_number}",
                          author=counter.authority_name)
    doc.heading(TITLE)
    doc.paragraph(f"{person(data.operator)}：")
    doc.paragraph(
        f"你申请的个体工商户登记（名称：{business_name(data.business_name)}；"
        f"案件编号：{data.case_number}），经审查，申请材料需要补正。请按下列清单一次性补正"
        f"（共{len(data.items)}项）：", "indent")
    doc.spacer(0.4)
    doc.grid(["序号", "项目（字段/材料）", "存在问题", "补正要求"],
             [[str(i), item.target, item.problem, item.remedy]
              for i, item in enumerate(data.items, 1)], ratios=[0.6, 2.2, 3.0, 3.0])
    doc.spacer(0.4)
    doc.subtitle("补正方式")
    how = data.how_to_supply or (
        f"请携带本通知书、本人有效身份证件及补正后的材料到{counter.centre_name}{counter.counter_name}办理；"
        "窗口核对后将作为同一案件重新提交审核，审核期限自重新提交之日起计算。")
    doc.paragraph(how, "indent")
    if data.supply_by:
        doc.paragraph(f"请于{zh_date(data.supply_by)}前完成补正。")
    doc.paragraph(f"咨询电话：{counter.phone}", "small")
    doc.spacer(1.2)
    doc.paragraph(counter.authority_name, "right")
    doc.paragraph(zh_date(data.issued_on), "right")
    return doc.build()
