"""The migrations (0001 + the review workspace revision) build exactly the tables the models declare, on
both databases."""

from __future__ import annotations

from datetime import datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from counter_app.district.db import create_district_engine
from counter_app.district.migrate import alembic_config, upgrade_to_head
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.settings import DistrictSettings
from counter_app.district.tables import Base
from counter_app.store.db import writing


def test_migrated_schema_matches_the_models(runtime: DistrictRuntime) -> None:
    with runtime.db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_cases_received_before_the_workspace_get_review_rows(settings: DistrictSettings) -> None:
    engine = create_district_engine(settings)
    try:
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = writing(connection) if engine.dialect.name == "sqlite" \
                else connection
            command.upgrade(config, "0001")
            connection.commit()
        now = datetime(2026, 11, 20, 2, 0)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO townships (code, name, created_at) VALUES "
                                    "('510411001', '仁和镇', :now)"), {"now": now})
            connection.execute(text(
                "INSERT INTO cases (case_id, township_code, case_number, status, version, submission_status, "
                "created_at, updated_at) VALUES ('c1', '510411001', 'N1', 'submitted', 1, 'accepted', :now, "
                ":now)"), {"now": now})
        upgrade_to_head(engine)
        with engine.connect() as connection:
            row = connection.execute(text("SELECT accepted_on, committed_due FROM review_cases")).one()
        assert str(row[0]) == "2026-11-20" and str(row[1]) == "2026-11-25"
    finally:
        engine.dispose()
