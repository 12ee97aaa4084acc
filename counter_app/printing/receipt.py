"""受理回执 (acknowledgement receipt), domain.md §8: case number + QR code, time of acceptance, operator
(masked ID), materials received and deferred, the committed decision date, the counter's contact."""

from __future__ import annotations

from counter_app.printing.builder import DocumentBuilder
from counter_app.printing.data import DELIVERY_LABELS, ReceiptData
from counter_app.printing.fonts import FontSet, default_fonts
from counter_app.printing.layout import Layout
from counter_app.printing.text import business_name, person, zh_date, zh_datetime

TITLE = "个体工商户登记受理回执"


def build_receipt(data: ReceiptData, layout: Layout, fonts: FontSet | None = None) -> bytes:
    counter = data.counter
    doc = DocumentBuilder(layout, fonts or default_fonts(), title=TITLE, case_number=data.case_number,
                          footer=f"{counter.centre_name} · 案件编号 {data.case_number}",
                          author=counter.centre_name)
    doc.paragraph(counter.centre_name, "center")
    doc.heading(TITLE)
    doc.fields_with_qr([
        ("案件编号", data.case_number),
        ("受理时间", zh_datetime(data.accepted_at)),
        ("经营者", person(data.operator)),
        ("名称", business_name(data.business_name)),
        ("受理方式", "容缺受理" if data.deferred else "一般受理"),
        ("承诺办结", f"{zh_date(data.committed_due)}前作出决定"),
    ], data.case_number, "扫码或凭案件编号查询办理进度")

    doc.subtitle("已收取的材料")
    if data.materials:
        doc.grid(["序号", "材料名称", "页数", "备注"],
                 [[str(i), m.label, str(m.pages) if m.pages else "", m.note]
                  for i, m in enumerate(data.materials, 1)], ratios=[0.6, 4.4, 0.8, 2.2])
    else:
        doc.paragraph("（无）")
    if data.deferred:
        doc.subtitle("容缺（后补）材料")
        doc.grid(["序号", "材料名称", "补交方式", "补交期限"],
                 [[str(i), d.label, DELIVERY_LABELS[d.delivery], zh_date(d.due_date)]
                  for i, d in enumerate(data.deferred, 1)], ratios=[0.6, 4.0, 1.4, 2.0])
        doc.paragraph("以上材料须在期限内补齐；补齐前不发放营业执照，逾期未补齐的将书面通知撤销受理。",
                      "small")

    doc.spacer(0.6)
    for note in ("请妥善保管本回执，凭案件编号查询办理进度、领取营业执照。", *data.notes):
        doc.paragraph(note, "small")
    contact = f"受理窗口：{counter.centre_name}{counter.counter_name}；经办人：{data.clerk_name}；" \
              f"咨询电话：{counter.phone}"
    if counter.address:
        contact += f"；地址：{counter.address}"
    doc.paragraph(contact, "small")
    return doc.build()
