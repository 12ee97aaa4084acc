"""The print preview on real PDFs: pages rendered by pdfium, save as PDF, and printing through a QPrinter
that writes a PDF file (the faithful fake printer), read back: page count, paper size, 300 dpi pixels,
and the QR code still decodes. Every output is in the audit log."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from counter_app.context import AppContext
from counter_app.demo import load_sample_application
from counter_app.domain.status import CaseStatus
from counter_app.services.printing import RenderedDocument
from counter_app.store.tables import CaseRow
from tests.unit.printing.helpers import page_sizes_mm, qr_payloads, render
from ui.printing.preview import PrintPreviewDialog
from ui.printing.settings_dialog import PrintSettingsDialog
from ui.tasks import SyncTaskRunner

SCREENS = Path("/work/notes/screens/printing")


@pytest.fixture
def context(tmp_path: Path, language: str) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data", sync=False)
    yield opened
    opened.close()


def accepted_receipt(context: AppContext) -> RenderedDocument:
    record = context.cases.new_case(load_sample_application())
    with context.database.write() as session:
        row = session.get(CaseRow, record.case_id)
        assert row is not None
        row.status = CaseStatus.ACCEPTED.value
    return context.printing.receipt(record.case_id)


def pdf_printer(path: Path, copies: int = 1):  # type: ignore[no-untyped-def]
    def ask(printer: QPrinter, _parent: QWidget) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setCopyCount(copies)
        return True
    return ask


def open_preview(qtbot: QtBot, context: AppContext, document: RenderedDocument,
                 **kwargs: object) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(document, context.printing, SyncTaskRunner(), **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def actions(context: AppContext, case_id: str) -> list[str]:
    return [e.action for e in context.audit.events(case_id=case_id) if e.action.startswith("document.")]


def test_preview_shows_every_page_and_is_audited(qtbot: QtBot, context: AppContext) -> None:
    document = accepted_receipt(context)
    dialog = open_preview(qtbot, context, document)
    assert len(dialog.page_labels) == 1
    pixmap = dialog.page_labels[0].pixmap()
    assert pixmap.width() > 500 and pixmap.height() > pixmap.width()  # A5 portrait at preview dpi
    assert "受理回执" in dialog.windowTitle() and document.case_number in dialog.windowTitle()
    assert actions(context, document.case_id) == ["document.preview"]
    dialog.resize(1000, 760)
    dialog.grab().save(str(SCREENS / "preview-receipt.png"))


def test_save_as_pdf_writes_the_same_document(qtbot: QtBot, context: AppContext, tmp_path: Path) -> None:
    document = accepted_receipt(context)
    target = tmp_path / "saved"  # without .pdf: the dialog adds it
    dialog = open_preview(qtbot, context, document, ask_save_path=lambda _parent, _suggested: str(target))
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    assert saved.args == [str(target) + ".pdf"]
    assert Path(str(target) + ".pdf").read_bytes() == document.pdf
    event = context.audit.events(case_id=document.case_id)[-1]
    assert event.action == "document.save_pdf" and event.detail["target"] == "saved.pdf"


def test_print_to_a_pdf_printer_at_300_dpi(qtbot: QtBot, context: AppContext, tmp_path: Path) -> None:
    document = accepted_receipt(context)
    out = tmp_path / "printed.pdf"
    dialog = open_preview(qtbot, context, document, ask_printer=pdf_printer(out))
    with qtbot.waitSignal(dialog.printed) as printed:
        dialog.print_button.click()
    assert printed.args == [1]
    data = out.read_bytes()
    assert page_sizes_mm(data) == [(148, 210)]  # the receipt's A5, not the printer's default A4
    (image,) = PdfReader(io.BytesIO(data)).pages[0].images
    width, height = image.image.size
    assert abs(width - round(148 / 25.4 * 300)) <= 3 and abs(height - round(210 / 25.4 * 300)) <= 3
    assert document.case_number in qr_payloads(render(data, dpi=200)[0])
    event = context.audit.events(case_id=document.case_id)[-1]
    assert event.action == "document.print" and event.detail["copies"] == 1 and event.detail["pages"] == 1


def test_copies_are_painted_when_the_printer_cannot_collate(qtbot: QtBot, context: AppContext,
                                                            tmp_path: Path) -> None:
    document = accepted_receipt(context)
    out = tmp_path / "printed.pdf"
    dialog = open_preview(qtbot, context, document, ask_printer=pdf_printer(out, copies=2))
    dialog.print_button.click()
    assert len(PdfReader(io.BytesIO(out.read_bytes())).pages) == 2
    assert context.audit.events(case_id=document.case_id)[-1].detail["copies"] == 2


def test_cancelled_print_dialog_prints_nothing(qtbot: QtBot, context: AppContext) -> None:
    document = accepted_receipt(context)
    dialog = open_preview(qtbot, context, document, ask_printer=lambda _printer, _parent: False)
    dialog.print_button.click()
    assert actions(context, document.case_id) == ["document.preview"]


def test_print_settings_choose_the_papers(qtbot: QtBot, context: AppContext) -> None:
    dialog = PrintSettingsDialog(context.settings)
    qtbot.addWidget(dialog)
    dialog.slip_paper.setCurrentIndex(2)  # A6
    dialog.apply()
    assert context.settings.extra["printing"]["slip_paper"] == "A6"
    assert page_sizes_mm(accepted_receipt(context).pdf) == [(105, 148)]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(SCREENS / "print-settings.png"))
