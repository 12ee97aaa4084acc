"""Printing settings: paper sizes and the local wording of the documents (domain.md marks them *local*).

They live in settings.json under `extra["printing"]`, so a district can change them by editing one file;
anything missing is derived from the counter's own settings (township, district, counter name, phone).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from counter_app.config import Settings
from counter_app.printing.data import CounterInfo
from counter_app.printing.layout import PaperSize

SETTINGS_KEY = "printing"
DEFAULT_RATING_URL = "https://zwfw.example.cn/hcp/rate?case={case_number}"


@dataclass(frozen=True)
class PrintOptions:
    slip_paper: PaperSize  # 受理回执 and 领取通知单 (slip printer: A5 or A6; A4 also works)
    notice_paper: PaperSize  # 容缺受理通知书, 补正通知, 不予登记通知
    centre_name: str
    authority_name: str
    review_body: str  # 行政复议机关
    court: str
    address: str
    hours: str
    pickup_place: str
    rating_url: str  # "{case_number}" is replaced; the 好差评 system's address for this district

    @classmethod
    def from_settings(cls, settings: Settings) -> PrintOptions:
        raw: dict[str, Any] = dict(settings.extra.get(SETTINGS_KEY) or {})
        centre = str(raw.get("centre_name") or f"{settings.township_name}便民服务中心")

        def text(key: str, default: str) -> str:
            value = raw.get(key)
            return str(value) if isinstance(value, str) and value.strip() else default

        return cls(
            slip_paper=PaperSize.parse(raw.get("slip_paper"), PaperSize.A5),
            notice_paper=PaperSize.parse(raw.get("notice_paper"), PaperSize.A4),
            centre_name=centre,
            authority_name=text("authority_name", f"{settings.district_name}市场监督管理局"),
            review_body=text("review_body", f"{settings.district_name}人民政府"),
            court=text("court", f"{settings.district_name}人民法院"),
            address=text("address", ""),
            hours=text("hours", "工作日 9:00-12:00，14:00-17:30（法定节假日除外）"),
            pickup_place=text("pickup_place", f"{centre}{settings.counter_name}"),
            rating_url=text("rating_url", DEFAULT_RATING_URL),
        )

    def store_in(self, settings: Settings) -> None:
        """Write these options into `settings.extra` (the caller saves the settings file)."""
        data = asdict(self)
        data["slip_paper"] = self.slip_paper.value
        data["notice_paper"] = self.notice_paper.value
        settings.extra[SETTINGS_KEY] = data

    def with_papers(self, slip: PaperSize, notice: PaperSize) -> PrintOptions:
        return replace(self, slip_paper=slip, notice_paper=notice)

    def counter_info(self, settings: Settings) -> CounterInfo:
        return CounterInfo(centre_name=self.centre_name, counter_name=settings.counter_name,
                           phone=settings.counter_phone, authority_name=self.authority_name,
                           address=self.address, hours=self.hours)

    def rating_link(self, case_number: str) -> str:
        return self.rating_url.replace("{case_number}", case_number)
