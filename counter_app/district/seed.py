"""Demo data for the embedded default and for trying the service: two townships, one account per role
(and a clerk of the second township), and known device registration codes.

The demo codes are reusable (every demo machine and test registers with them); real codes from
`counter-app district add-device-code` work once. Never seed a production database.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from counter_app.district.accounts import NewUser, add_registration_code, add_township, add_user
from counter_app.district.runtime import DistrictRuntime
from counter_app.district.tables import User
from counter_app.domain.status import Role

DEMO_PASSWORD = "demo1234"
DEMO_TOWNSHIPS = {"510411001": "仁和镇", "510411002": "平地镇"}
DEMO_TOWNSHIP_A = "510411001"
DEMO_TOWNSHIP_B = "510411002"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    township_code: str | None
    display_name: str


DEMO_ACCOUNTS = (
    DemoAccount("demo-clerk", Role.CLERK, DEMO_TOWNSHIP_A, "演示受理员（仁和镇）"),
    DemoAccount("demo-clerk-2", Role.CLERK, DEMO_TOWNSHIP_B, "演示受理员（平地镇）"),
    DemoAccount("demo-reviewer", Role.REVIEWER, None, "演示审核员"),
    DemoAccount("demo-admin", Role.ADMIN, None, "演示管理员"),
)
# Registration code per township; None = a district device (reviewers, administrators).
DEMO_DEVICE_CODES: dict[str | None, str] = {
    DEMO_TOWNSHIP_A: "DEMO-RENH-E001",
    DEMO_TOWNSHIP_B: "DEMO-PING-D002",
    None: "DEMO-DIST-RICT",
}


def seed_demo(runtime: DistrictRuntime) -> None:
    """Create the demo data; running it again changes nothing."""
    with runtime.db.write() as session:
        for code, name in DEMO_TOWNSHIPS.items():
            add_township(session, code, name, district_code=runtime.settings.district_code)
        session.flush()
        existing = set(session.scalars(select(User.username)))
        for account in DEMO_ACCOUNTS:
            if account.username not in existing:
                add_user(session, runtime.passwords,
                         NewUser(account.username, account.role, account.township_code, account.display_name),
                         DEMO_PASSWORD)
        for township, code in DEMO_DEVICE_CODES.items():
            add_registration_code(session, township, created_by="seed-demo", valid_for=None, uses=None,
                                  code=code)
