"""Opens everything one running client needs, in one place: settings, data key, database, services.

Both the desktop UI and the headless `demo` command start here, so they cannot drift apart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from counter_app.config import SETTINGS_FILE, Mode, Settings
from counter_app.domain.calendar import CalendarFileError, WorkingCalendar
from counter_app.domain.catalogue import ScopeCatalogue
from counter_app.printing.materials import AcceptedMaterials
from counter_app.security.crypto import FieldCipher
from counter_app.security.keystore import load_data_key
from counter_app.services.acceptance import AcceptanceService
from counter_app.services.cases import CaseService
from counter_app.services.materials import MaterialService
from counter_app.services.pickup import PickupService, licence_from_feed
from counter_app.services.printing import PrintingService
from counter_app.services.submission import SubmissionService
from counter_app.store.acceptance import AcceptanceRepository
from counter_app.store.blobs import EncryptedBlobStore
from counter_app.store.db import Database
from counter_app.store.materials import MaterialRepository
from counter_app.store.outbox import OutboxRepository
from counter_app.store.pickup import PickupRepository
from counter_app.store.repository import AuditLog, CaseRepository
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
    # Set when the data key is not in an OS keyring (demo mode only): the window must show it.
    key_warning_zh: str | None = None
    key_warning_en: str | None = None
    # The outbox worker and sync status; None when opened with sync=False (tools that only read).
    sync: SyncService | None = None

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
        repository = CaseRepository(database, cipher)
        service = CaseService(repository, audit, settings, clerk=clerk,
                              catalogue=ScopeCatalogue.load_default())
        blobs = EncryptedBlobStore(data_dir / "blobs", cipher)
        outbox = OutboxRepository(database, cipher)
        calendar = load_calendar(data_dir)
        materials = MaterialService(MaterialRepository(database), repository, blobs, audit, clerk=clerk,
                                    catalogue=service.catalogue)
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
        sync_service = None
        if sync:  # the worker starts the embedded district itself, on its own thread, when first needed
            sync_service = open_sync(data_dir, settings, outbox=outbox, blobs=blobs, audit=audit)
            submissions.set_notify(sync_service.wake)
            sync_service.start()
        log.info("data folder opened (mode=%s, key source=%s)", settings.mode.value, key.source)
        return cls(data_dir=data_dir, settings=settings, database=database, audit=audit, cases=service,
                   blobs=blobs, outbox=outbox, submissions=submissions, printing=printing,
                   pickup=pickup, materials=materials, acceptance=acceptance, calendar=calendar,
                   sync=sync_service,
                   key_warning_zh=key.warning_zh, key_warning_en=key.warning_en)

    def close(self) -> None:
        if self.sync is not None:
            self.sync.close()  # the worker first (it writes to the database), then the embedded district
        self.database.close()
