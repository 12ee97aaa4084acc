"""Who is calling: the signed-in user on a registered device, as established by counter_app.district.auth."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.domain.status import Role


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    display_name: str
    role: Role
    township_code: str | None  # a clerk's township; None for district staff
    device_id: str
    device_township: str | None

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.REVIEWER, Role.ADMIN)

    def may_see_township(self, township_code: str) -> bool:
        """Clerks see their own township only; reviewers see the whole district."""
        if self.role is Role.REVIEWER:
            return True
        return self.role is Role.CLERK and self.township_code == township_code
