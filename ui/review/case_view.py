"""The case view: the application on the left (data, checklist, findings, changes, history), the images
on the right (portrait beside the ID card's photo side, then every page with zoom and pan), and the
decision buttons below. Decisions are signals; the window runs them on the task runner.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.review.checklist import (
    SUPPLIED_DOC_TYPE,
    ChecklistEntry,
    document_slots,
    findings,
    material_checklist,
    portrait_and_id,
)
from counter_app.review.sections import application_sections, field_choices
from counter_app.sync.review_protocol import ReviewCaseDetail, ReviewState
from ui.i18n import current_language
from ui.review.case_panels import (
    ApplicationPanel,
    Caption,
    ChangesPanel,
    ChecklistPanel,
    FindingsPanel,
    HistoryPanel,
)
from ui.review.image_loader import CaseImages, Page, PageState, page_key
from ui.review.queue_model import status_label
from ui.review.zoom_view import ZoomImageView

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class CaseView(QWidget):
    """Signals:
        approve_requested(), return_requested(), refuse_requested(), extension_requested(),
        release_requested(), back_requested(), dispatch_requested(): the reviewer pressed that button.
        reveal_requested(): show the personal data (the window re-reads the case: an audited read).
    """

    approve_requested = Signal()
    return_requested = Signal()
    refuse_requested = Signal()
    extension_requested = Signal()
    release_requested = Signal()
    back_requested = Signal()
    reveal_requested = Signal()
    dispatch_requested = Signal()

    def __init__(self, images: CaseImages, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewCase")
        self.detail: ReviewCaseDetail | None = None
        self.entries: list[ChecklistEntry] = []
        self.township_names: dict[str, str] = {}  # code → name, from the district once loaded
        self.images = images
        images.page_changed.connect(self._page_changed)
        self.header = QLabel(self)
        self.header.setObjectName("caseHeader")
        self.header.setWordWrap(True)
        self.header.setStyleSheet("font-size: 15px; font-weight: bold")

        self.application = ApplicationPanel(self)
        self.application.reveal_requested.connect(self.reveal_requested)
        self.application.hide_requested.connect(lambda: self._show_sections(False))
        self.checklist = ChecklistPanel(self)
        self.checklist.slot_chosen.connect(self.show_slot)
        self.findings = FindingsPanel(self)
        self.changes = ChangesPanel(self)
        self.history = HistoryPanel(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        self.tabs.addTab(self.application, self.tr("Application"))
        self.tabs.addTab(self.checklist, self.tr("Materials"))
        self.tabs.addTab(self.findings, self.tr("Findings"))
        self.tabs.addTab(self.changes, self.tr("Changes"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.portrait_view = ZoomImageView(self.tr("No portrait"), self)
        self.portrait_view.setObjectName("portraitView")
        self.id_view = ZoomImageView(self.tr("No ID card image"), self)
        self.id_view.setObjectName("idPhotoView")
        compare = QWidget(self)
        compare_layout = QHBoxLayout(compare)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        for caption, view in ((self.tr("On-site portrait"), self.portrait_view),
                              (self.tr("ID card (photo side)"), self.id_view)):
            column = QVBoxLayout()
            column.addWidget(Caption(caption, compare))
            column.addWidget(view, 1)
            compare_layout.addLayout(column)

        self.pages = QListWidget(self)
        self.pages.setObjectName("pageList")
        self.pages.setMaximumWidth(220)
        self.pages.currentItemChanged.connect(self._page_selected)
        self.document_view = ZoomImageView(self.tr("Choose a page"), self)
        self.document_view.setObjectName("documentView")
        self.page_caption = QLabel(self)
        self.page_caption.setObjectName("pageCaption")
        zoom_bar = QHBoxLayout()
        zoom_bar.addWidget(self.page_caption, 1)
        for text, name, slot in ((self.tr("Zoom in"), "zoomInButton",
                                  lambda: self.document_view.zoom_by(1.25)),
                                 (self.tr("Zoom out"), "zoomOutButton",
                                  lambda: self.document_view.zoom_by(0.8)),
                                 (self.tr("Fit"), "fitButton", self.document_view.fit),
                                 (self.tr("1:1"), "actualSizeButton", self.document_view.actual_size)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            zoom_bar.addWidget(button)
        documents = QWidget(self)
        doc_layout = QVBoxLayout(documents)
        doc_layout.setContentsMargins(0, 0, 0, 0)
        doc_layout.addLayout(zoom_bar)
        doc_row = QHBoxLayout()
        doc_row.addWidget(self.pages)
        doc_row.addWidget(self.document_view, 1)
        doc_layout.addLayout(doc_row, 1)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(compare)
        right.addWidget(documents)
        right.setSizes([260, 420])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(right)
        self.splitter.setSizes([520, 820])

        self.approve_button = self._button(self.tr("Approve…"), "approveButton", self.approve_requested)
        self.return_button = self._button(self.tr("Return for correction…"), "returnButton",
                                          self.return_requested)
        self.refuse_button = self._button(self.tr("Refuse…"), "refuseButton", self.refuse_requested)
        self.extension_button = self._button(self.tr("Extend limit…"), "extensionButton",
                                             self.extension_requested)
        self.release_button = self._button(self.tr("Release"), "releaseButton", self.release_requested)
        self.back_button = self._button(self.tr("Back to queue"), "backButton", self.back_requested)
        self.dispatch_button = self._button(self.tr("Record dispatch…"), "dispatchButton",
                                            self.dispatch_requested)
        self.dispatch_button.setToolTip(self.tr("The approved licence was printed and sent (mail or hand "
                                                "delivery)"))
        self.blocked = QLabel(self)
        self.blocked.setObjectName("approveBlocked")
        self.blocked.setStyleSheet("color: #b26a00")
        self.blocked.setWordWrap(True)
        bar = QHBoxLayout()
        for button in (self.approve_button, self.return_button, self.refuse_button, self.dispatch_button):
            bar.addWidget(button)
        bar.addWidget(self.blocked, 1)
        for button in (self.extension_button, self.release_button, self.back_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bar)

    def _button(self, text: str, name: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(signal)
        return button

    # --- content -----------------------------------------------------------------------------------

    def show_detail(self, detail: ReviewCaseDetail, *, revealed: bool = False) -> None:
        same_case = self.detail is not None and self.detail.view.case_id == detail.view.case_id \
            and self.detail.view.version == detail.view.version
        self.detail = detail
        self.entries = material_checklist(detail)
        self._show_sections(revealed)
        if not same_case:
            self.checklist.show_entries(self.entries)
            issues = findings(detail)
            self.findings.show_findings(issues)
            self.tabs.setTabText(2, self.tr("Findings ({count})").format(count=len(issues)))
            self._fill_pages()
            self.images.load([ref for entry in self.entries for ref in entry.pages])
        self.show_state(detail.review)
        self.history.show_history(detail)

    def _show_sections(self, revealed: bool) -> None:
        if self.detail is None:
            return
        language = current_language()
        sections = application_sections(self.detail.application, reveal=revealed, language=language)
        self.application.show_sections(sections, revealed)
        labels = dict(field_choices(sections, language))
        labels.update({e.slot: e.label(language) for e in self.entries})
        self.changes.show_changes(self.detail, labels, revealed)
        count = self.changes.count
        self.tabs.setTabText(3, self.tr("Changes ({count})").format(count=count) if count
                             else self.tr("Changes"))

    def show_state(self, state: ReviewState) -> None:
        """The review side changed (claim, extension): header, buttons, the 容缺 block."""
        if self.detail is None:
            return
        self.detail = self.detail.model_copy(update={"review": state})
        view = self.detail.view
        extended = self.tr(" (extended)") if state.extended else ""
        self.header.setText(self.tr(
            "Case {number} · township {township} · {status} · version {version} · committed limit "
            "{committed} · legal limit {legal}{extended}").format(
            number=view.case_number, township=self.township_names.get(view.township_code, view.township_code),
            status=status_label(state.status),
            version=state.version, committed=state.committed_due.isoformat(),
            legal=state.legal_due.isoformat(), extended=extended) + self._issued_text(state))
        deciding = state.status == "in_review" and state.claim is not None
        labels = {e.slot: e.label(current_language()) for e in self.entries}
        pending = [labels.get(slot, slot) for slot in state.deferred_outstanding]
        self.approve_button.setEnabled(deciding and not pending)
        if pending:
            reason = self.tr("Approval is blocked until the deferred (容缺) items are supplied: "
                             "{items}").format(items="、".join(pending))
            self.blocked.setText(reason)
            self.approve_button.setToolTip(reason)
        else:
            self.blocked.setText("")
            self.approve_button.setToolTip("")
        for button in (self.return_button, self.refuse_button, self.release_button):
            button.setEnabled(deciding)
        self.extension_button.setEnabled(not state.extended and state.status in ("submitted", "in_review"))
        self.dispatch_button.setEnabled(state.status == "approved")
        self._refresh_supplied(state)

    def _issued_text(self, state: ReviewState) -> str:
        """What approval issued (shown from approval on, e.g. when dispatching): the reviewer reads the
        code and number off the case rather than opening the dispatch form."""
        if not state.uscc:
            return ""
        approved = state.approval_date.isoformat() if state.approval_date else ""
        return "\n" + self.tr("USCC {uscc} · licence no. {licence} · approved on {date}").format(
            uscc=state.uscc, licence=state.licence_number or "—", date=approved or "—")

    def _refresh_supplied(self, state: ReviewState) -> None:
        """A 容缺 item supplied while the case is open (seen on F5) joins the pages and the checklist;
        the reviewer's ticks stay."""
        if self.detail is None:
            return
        shown = {ref.sha256 for entry in self.entries for ref in entry.pages}
        if all(item.sha256 in shown for item in state.deferred_supplied):
            return
        ticked = self.checklist.checked_slots()
        self.entries = material_checklist(self.detail)
        self.checklist.show_entries(self.entries)
        for slot in ticked:
            self.checklist.set_checked(slot)
        self._fill_pages()
        self.images.load([ref for entry in self.entries for ref in entry.pages])

    def field_choices(self) -> list[tuple[str, str]]:
        if self.detail is None:
            return []
        language = current_language()
        return field_choices(application_sections(self.detail.application, language=language), language)

    def slot_choices(self) -> list[tuple[str, str]]:
        if self.detail is None:
            return []
        labels = {e.slot: e.label(current_language()) for e in self.entries}
        return [(slot, labels.get(slot, slot)) for slot in document_slots(self.detail)]

    def clear(self) -> None:
        self.detail = None
        self.images.clear()
        self.pages.clear()
        for view in (self.portrait_view, self.id_view, self.document_view):
            view.set_image(None)

    # --- images ------------------------------------------------------------------------------------

    def _fill_pages(self) -> None:
        self.pages.blockSignals(True)
        self.pages.clear()
        language = current_language()
        for entry in self.entries:
            for ref in entry.pages:
                suffix = self.tr(" p. {page}").format(page=ref.page + 1) if len(entry.pages) > 1 else ""
                if ref.doc_type == SUPPLIED_DOC_TYPE:
                    suffix += self.tr(" (supplied later)")
                item = QListWidgetItem(entry.label(language) + suffix)
                item.setData(KEY_ROLE, page_key(ref))
                self.pages.addItem(item)
        self.pages.blockSignals(False)
        portrait, id_front = portrait_and_id(self.entries)
        self._compare = (portrait, id_front)
        for view in (self.portrait_view, self.id_view, self.document_view):
            view.set_image(None)
            view.set_placeholder(self.tr("Loading…"))
        if portrait is None:
            self.portrait_view.set_placeholder(self.tr("No portrait"))
        if id_front is None:
            self.id_view.set_placeholder(self.tr("No ID card image"))
        if self.pages.count():
            self.pages.setCurrentRow(0)

    def show_slot(self, slot: str) -> None:
        for row in range(self.pages.count()):
            if str(self.pages.item(row).data(KEY_ROLE)).startswith(f"{slot}#"):
                self.pages.setCurrentRow(row)
                return

    def current_page_key(self) -> str | None:
        item = self.pages.currentItem()
        return None if item is None else str(item.data(KEY_ROLE))

    def _page_selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self._paint(self.document_view, self.images.page(str(current.data(KEY_ROLE))), caption=True)

    def _page_changed(self, key: str) -> None:
        page = self.images.page(key)
        portrait, id_front = getattr(self, "_compare", (None, None))
        for ref, view in ((portrait, self.portrait_view), (id_front, self.id_view)):
            if ref is not None and page_key(ref) == key:
                self._paint(view, page)
        if self.current_page_key() == key:
            self._paint(self.document_view, page, caption=True)

    def _paint(self, view: ZoomImageView, page: Page | None, caption: bool = False) -> None:
        text = ""
        if page is None or page.state is PageState.LOADING:
            view.set_placeholder(self.tr("Loading…"))
        elif page.state is PageState.UPLOADING:
            view.set_placeholder(self.tr("Image still uploading from the counter; it appears by itself"))
            text = self.tr("Image still uploading")
        elif page.state is PageState.FAILED:
            view.set_placeholder(self.tr("The image could not be loaded; retrying"))
        elif page.state is PageState.THUMBNAIL:
            text = self.tr("Thumbnail · full image still uploading") if page.full_missing \
                else self.tr("Thumbnail · loading the full image")
        view.caption = text
        view.set_image(page.image if page is not None else None)
        view.setToolTip(text)
        if caption:
            self.page_caption.setText(text)
