"""领取通知单 (pickup slip), domain.md §8: case number + QR code, business and operator (masked ID), USCC,
authority, approval date, copies, where/when/by when to collect, the one-time pickup code, what to bring,
the contact number, a rating QR code and a privacy notice."""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from counter_app.printing.builder import GRID, DocumentBuilder
from counter_app.printing.data import PickupSlipData
from counter_app.printing.fonts import FontSet, default_fonts
from counter_app.printing.layout import Layout
from counter_app.printing.text import business_name, person, spaced_code, zh_date

TITLE = "营业执照领取通知单"
RATING_TEXT = "办事满意吗？请扫码评价（好差评，五级）。也可在领取时由窗口代为记录。"
PRIVACY_NOTICE = ("个人信息保护提示：本单含经营者个人信息和一次性领取码，仅用于领取营业执照。请妥善保管，"
                  "不要拍照外传；领取码使用一次后即失效。如本单遗失，请本人持身份证件到窗口办理。")


def build_pickup_slip(data: PickupSlipData, layout: Layout, fonts: FontSet | None = None) -> bytes:
    counter = data.counter
    licence = data.licence
    doc = DocumentBuilder(layout, fonts or default_fonts(), title=TITLE, case_number=data.case_number,
                          footer=f"{counter.centre_name} · 案件编号 {data.case_number}",
                          author=counter.centre_name)
    doc.heading(TITLE)
    copies = f"正本{licence.original_copies}份"
    if licence.duplicate_copies:
        copies += f"、副本{licence.duplicate_copies}份"
    doc.fields_with_qr([
        ("案件编号", data.case_number),
        ("名称", business_name(data.business_name)),
        ("经营者", person(data.operator)),
        ("统一社会信用代码", licence.uscc),
        ("登记机关", licence.authority),
        ("核准日期", zh_date(licence.approval_date)),
        ("执照份数", copies),
    ], data.case_number, "领取时出示，窗口扫码")
    doc.spacer(0.4)
    doc.fields([
        ("领取地点", data.pickup_place),
        ("办理时间", data.pickup_hours),
        ("领取期限", f"{zh_date(data.pickup_deadline)}前"),
    ])
    doc.spacer(0.4)
    code = Table([[doc.para("领取码"), doc.para(spaced_code(data.pickup_code), "code")]],
                 colWidths=[layout.body_size * 7.5, layout.frame_width - layout.body_size * 7.5])
    code.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, GRID), ("LINEAFTER", (0, 0), (0, 0), 0.5, GRID),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    doc.add(code)
    doc.paragraph("领取码仅本人或受托人知悉，请勿告诉他人；窗口工作人员不会通过电话索要领取码。", "small")
    doc.spacer(0.4)
    bring = ("领取时请携带：经营者本人有效身份证件原件和本通知单。委托他人领取的，受托人须携带本人有效"
             "身份证件、经营者签署的授权委托书（含“领取营业执照”权限）和本通知单。")
    doc.paragraph(bring)
    if data.agent:
        doc.paragraph(f"已登记可代为领取的委托代理人：{person(data.agent)}", "small")
    for note in data.notes:
        doc.paragraph(note, "small")
    doc.paragraph(f"咨询电话：{counter.phone}（{counter.centre_name}{counter.counter_name}）")
    doc.spacer(0.4)
    # The rating link is long (a version-4/5 code): level L and a larger square keep its modules >= 0.5 mm
    # on A6, which phones read easily; it is printed fresh and needs little damage tolerance.
    side = layout.qr_size * 1.15
    rating = Table([[doc.qr(data.rating_url, side, level="L"),
                     [doc.para(RATING_TEXT, "small"), doc.para(PRIVACY_NOTICE, "small")]]],
                   colWidths=[side + layout.body_size, layout.frame_width - side - layout.body_size])
    rating.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    doc.add(rating)
    return doc.build()
