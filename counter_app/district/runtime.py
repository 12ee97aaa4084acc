"""Everything one district service process needs, built from its settings: the database (migrated to
the newest schema), the data key, blob storage and the services. Holds no state that matters between
requests — several processes built from the same settings serve one district together."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from counter_app.district.blobfiles import PartialFiles, open_objects
from counter_app.district.blobs import BlobService
from counter_app.district.cases import CaseIntake
from counter_app.district.claims import ReviewQueue
from counter_app.district.credentials import Passwords
from counter_app.district.db import DistrictDb, create_district_engine
from counter_app.district.decisions import DecisionDesk
from counter_app.district.followups import FollowUps
from counter_app.district.keyfile import load_or_create_key
from counter_app.district.migrate import upgrade_to_head
from counter_app.district.review import CaseDesk
from counter_app.district.review_state import DEFAULT_RETURN_PHRASES, ReviewRules
from counter_app.district.settings import DistrictSettings
from counter_app.domain.calendar import WorkingCalendar
from counter_app.security.crypto import FieldCipher


@dataclass
class DistrictRuntime:
    settings: DistrictSettings
    db: DistrictDb
    passwords: Passwords
    blobs: BlobService
    intake: CaseIntake
    desk: CaseDesk
    rules: ReviewRules
    queue: ReviewQueue
    decisions: DecisionDesk
    followups: FollowUps

    def ping(self) -> None:
        with self.db.read() as session:
            session.execute(text("SELECT 1"))

    def close(self) -> None:
        self.db.dispose()


def build_runtime(settings: DistrictSettings) -> DistrictRuntime:
    engine = create_district_engine(settings)
    try:
        upgrade_to_head(engine)
        key = load_or_create_key(settings.key_file)
    except BaseException:
        engine.dispose()
        raise
    db = DistrictDb(engine)
    cipher = FieldCipher(key)
    blob_root = settings.blob_dir
    blobs = BlobService(db, PartialFiles(blob_root / "partial", key),
                        open_objects(blob_root / "objects", key), settings.max_blob_bytes)
    rules = ReviewRules(calendar=WorkingCalendar(), committed_days=settings.committed_days,
                        phrases=settings.return_phrases or DEFAULT_RETURN_PHRASES)
    desk = CaseDesk(db, cipher)
    queue = ReviewQueue(db, rules, settings.claim_ttl)
    return DistrictRuntime(settings=settings, db=db,
                           passwords=Passwords(time_cost=settings.argon2_time_cost,
                                               memory_kib=settings.argon2_memory_kib),
                           blobs=blobs, intake=CaseIntake(db, cipher, rules), desk=desk, rules=rules,
                           queue=queue, decisions=DecisionDesk(db, desk, queue, rules, settings),
                           followups=FollowUps(db, rules, settings))
