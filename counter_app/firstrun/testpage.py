"""A printer test page: Chinese text in the embedded font, rare characters through the fallback font, the
counter's name and a note on scaling (a printer set to "fit to page" shrinks the footer off the edge)."""

from __future__ import annotations

from datetime import datetime

from counter_app.config import Settings
from counter_app.printing.builder import DocumentBuilder
from counter_app.printing.fonts import default_fonts
from counter_app.printing.layout import PaperSize, layout_for

TITLE = "打印测试页"


def printer_test_page(settings: Settings, *, paper: PaperSize = PaperSize.A4,
                      now: datetime | None = None) -> bytes:
    when = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    centre = f"{settings.township_name}便民服务中心"
    doc = DocumentBuilder(layout_for(paper), default_fonts(), title=TITLE, case_number="TEST",
                          footer=f"{centre} · {TITLE}", author=centre)
    doc.paragraph(centre, "center")
    doc.heading(TITLE)
    doc.fields([("窗口", f"{settings.township_name} {settings.counter_name}"), ("时间", when),
                ("纸张", paper.value)])
    doc.subtitle("文字")
    doc.paragraph("个体工商户登记（备案）申请书 受理回执 容缺受理通知书 营业执照领取通知单")
    doc.paragraph("生僻字：𠮷 䶮 堃 喆 — 如有方框或缺字，请联系管理员")
    doc.subtitle("检查")
    doc.paragraph("本页应完整打印在纸张内，四周留白均匀，文字清晰、无缺字。若页面被缩放或裁切，"
                  "请在打印机属性中选择“实际大小”。")
    return doc.build()
