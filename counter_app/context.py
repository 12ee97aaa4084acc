"""Opens everything one running client needs, in one place: settings, data key, database, services.

Both the desktop UI and the headless `demo` command start here, so they cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.domain.calendar import CalendarFileError, WorkingCalendar
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.printing.materials import AcceptedMaterials
from counter_app.security.crypto import FieldCipher
from counter_app.security.keystore import load_data_key
from counter_app.services.acceptance import AcceptanceService
from counter_app.services.cases import CaseService
from counter_app.services.corrections import CorrectionService
from counter_app.services.deferred_supply import DeferredSupplyService
from counter_app.services.materials import MaterialService
from counter_app.services.pickup import PickupService, licence_from_feed
from counter_app.services.printing import PrintingService
from counter_app.services.retention import RetentionPolicy, RetentionService
from counter_app.services.submission import SubmissionService
from counter_app.store.acceptance import AcceptanceRepository
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.db import Database
from counter_app.store.materials import MaterialRepository
from counter_app.store.outbox import OutboxRepository
from counter_app.store.pickup import PickupRepository
from counter_app.store.repository import AuditLog, CaseRepository
from counter_app.store.retention import RetentionStore
from counter_app.sync.service import SyncService
from counter_app.sync.wiring import open_sync

log = logging.getLogger(__name__)

DEMO_CLERK = "demo-clerk"
HOLIDAY_CALENDAR_FILE = "holiday_calendar.json"


def load_calendar(data_dir: Path) -> WorkingCalendar:
    """The built-in holiday calendar, extended by the district's file when one has been installed. A
    damaged file must not stop the counter: it is logged and the built-in calendar used."""
    path = data_dir / HOLIDAY_CALENDAR_FILE
    if not path.exists():
        return WorkingCalendar()
    try:
        return WorkingCalendar.load(path)
    except CalendarFileError as exc:
        log.error("holiday calendar file ignored: %s", exc.message_en)
        return WorkingCalendar()


@dataclass
class AppContext:
    data_dir: Path
    settings: Settings
    database: Database
    audit: AuditLog
    cases: CaseService
    blobs: EncryptedBlobStore
    outbox: OutboxRepository
    submissions: SubmissionService  # submit an accepted case: status change + outbox entry
    printing: PrintingService  # documents; every preview, print and save is audited
    pickup: PickupService  # licence arrival, pickup code, verified handover, rating
    materials: MaterialService  # captured portrait and documents against the case's checklist
    acceptance: AcceptanceService  # 受理 / 容缺受理 with deadlines in working days
    calendar: WorkingCalendar  # chinese-calendar plus the administrator's updates
    corrections: CorrectionService  # a returned case's items, 补正/不予登记 notices, resubmission as n+1
    deferred: DeferredSupplyService  # 容缺 items captured after submission, supplied through the outbox
    # Set when the data key is not in an OS keyring (demo mode only): the window must show it.
    key_warning_zh: str | None = None
    key_warning_en: str | None = None
    # The outbox worker and sync status; None when opened with sync=False (tools that only read).
    sync: SyncService | None = None
    # The field cipher, so `for_clerk` can give the same folder's services to another clerk.
    cipher: FieldCipher | None = field(default=None, repr=False)
    # Purges images and case data no longer needed, keeping a masked index (issue 7); run() it.
    retention: RetentionService | None = None

    @classmethod
    def open(cls, data_dir: Path, *, clerk: str = DEMO_CLERK, sync: bool = True) -> AppContext:
        """Open (creating on first run) the data folder. Raises KeyStoreUnavailable in production mode
        when no OS keyring exists: personal data is never stored with a key we cannot protect."""
        data_dir.mkdir(parents=True, exist_ok=True)
        settings_path = data_dir / SETTINGS_FILE
        settings = Settings.load(settings_path)
        if not settings_path.exists():
            settings.save(settings_path)
        key = load_data_key(data_dir, demo_mode=settings.mode is Mode.DEMO)
        cipher = FieldCipher(key.key)
        database = Database.open(data_dir)
        audit = AuditLog(database)
        blobs = EncryptedBlobStore(data_dir / "blobs", cipher)
        outbox = OutboxRepository(database, cipher)
        calendar = load_calendar(data_dir)
        services = _clerk_services(database, audit, settings, cipher, blobs, outbox, calendar, clerk)
        sync_service = None
        if sync:  # the worker starts the embedded district itself, on its own thread, when first needed
            sync_service = open_sync(data_dir, settings, outbox=outbox, blobs=blobs, audit=audit)
            services.submissions.set_notify(sync_service.wake)
            sync_service.start()
        retention = RetentionService(RetentionStore(database, cipher), blobs, audit,
                                     RetentionPolicy.from_settings(settings))
        log.info("data folder opened (mode=%s, key source=%s)", settings.mode.value, key.source)
        return cls(data_dir=data_dir, settings=settings, database=database, audit=audit, cases=services.cases,
                   blobs=blobs, outbox=outbox, submissions=services.submissions, printing=services.printing,
                   pickup=services.pickup, materials=services.materials, acceptance=services.acceptance,
                   calendar=calendar, corrections=services.corrections,
                   deferred=services.deferred, sync=sync_service,
                   key_warning_zh=key.warning_zh, key_warning_en=key.warning_en, cipher=cipher,
                   retention=retention)

    def for_clerk(self, clerk: str) -> AppContext:
        """This open data folder (database, key, sync) with every service acting for `clerk`: after
        sign-in and on a switch of user, so the audit trail and the cases name who really worked.
        Both contexts share everything `close()` closes: close only one."""
        if self.cipher is None:
            raise RuntimeError("for_clerk needs a context made by AppContext.open")
        services = _clerk_services(self.database, self.audit, self.settings, self.cipher, self.blobs,
                                   self.outbox, self.calendar, clerk)
        if self.sync is not None:
            services.submissions.set_notify(self.sync.wake)
        return dataclasses.replace(self, cases=services.cases, submissions=services.submissions,
                                   printing=services.printing, pickup=services.pickup,
                                   materials=services.materials, acceptance=services.acceptance,
                                   corrections=services.corrections, deferred=services.deferred)

    def close(self) -> None:
        if self.sync is not None:
            self.sync.close()  # the worker first (it writes to the database), then the embedded district
        self.database.close()


@dataclass(frozen=True)
class _ClerkServices:
    cases: CaseService
    materials: MaterialService
    acceptance: AcceptanceService
    submissions: SubmissionService
    printing: PrintingService
    pickup: PickupService
    corrections: CorrectionService
    deferred: DeferredSupplyService


def _clerk_services(database: Database, audit: AuditLog, settings: Settings, cipher: FieldCipher,
                    blobs: EncryptedBlobStore, outbox: OutboxRepository, calendar: WorkingCalendar,
                    clerk: str) -> _ClerkServices:
    """Every service that acts for (and audits as) one clerk."""
    repository = CaseRepository(database, cipher)
    service = CaseService(repository, audit, settings, clerk=clerk, catalogue=ScopeCatalogue.load_default())
    acceptances = AcceptanceRepository(database)

    def late_slots(case_id: str) -> list[str]:
        accepted = acceptances.get(case_id)
        return [d.item_key for d in accepted.deferred] if accepted is not None else []

    materials = MaterialService(MaterialRepository(database), repository, blobs, audit, clerk=clerk,
                                catalogue=service.catalogue, late_slots=late_slots)
    service.set_materials_status(materials.checklist_status)  # 初审 lists missing materials too
    acceptance = AcceptanceService(service, repository, AcceptanceRepository(database), audit, settings,
                                   calendar, materials.checklist_status, clerk=clerk)
    submissions = SubmissionService(repository, outbox, audit, blobs, clerk=clerk,
                                    acceptances=AcceptanceRepository(database))
    printing = PrintingService(repository, audit, settings, clerk=clerk, calendar=calendar,
                               acceptances=AcceptanceRepository(database),
                               materials=AcceptedMaterials(database, repository, service.catalogue))
    pickup = PickupService(repository, PickupRepository(database), audit, blobs, printing, settings,
                           clerk=clerk,
                           licence_lookup=lambda case_id: licence_from_feed(outbox.changes_for(case_id)))
    corrections = CorrectionService(
        repository, outbox, submissions, audit, clerk=clerk, validate=service.validate,
        slot_labels=lambda case_id: {s.key: (s.label_zh, s.label_en) for s in materials.checklist(case_id)})
    deferred = DeferredSupplyService(repository, outbox, acceptances, submissions, audit, clerk=clerk)
    return _ClerkServices(service, materials, acceptance, submissions, printing, pickup, corrections,
                          deferred)
