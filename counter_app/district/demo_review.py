"""The reviewer's part of `counter-app demo`: sign in as demo-reviewer, claim and approve a case (a USCC is
issued) and record the licence's dispatch — all over the real HTTP protocol, like the desktop client.

    lines = review_demo_case(embedded.base_url, case_id)   # or pass the EmbeddedDistrict itself
"""

from __future__ import annotations

from typing import Any, Protocol

import httpx

from counter_app.district.seed import DEMO_DEVICE_CODES, DEMO_PASSWORD
from counter_app.errors import UserFacingError
from counter_app.sync import protocol as p
from counter_app.sync import review_protocol as rp

DEMO_REVIEWER = "demo-reviewer"
DEMO_TRACKING_NUMBER = "EA000000001CN"


class HasBaseUrl(Protocol):
    @property
    def base_url(self) -> str: ...


class DemoReviewError(UserFacingError):
    pass


def _check(response: httpx.Response, what_zh: str, what_en: str) -> dict[str, Any]:
    if response.status_code >= 400:
        try:
            problem = response.json()
            zh, en = problem.get("message_zh", ""), problem.get("message_en", "")
        except ValueError:
            zh, en = "", ""
        raise DemoReviewError(f"演示审核失败：{what_zh}（{zh or response.status_code}）",
                              f"Demo review failed: {what_en} ({en or response.status_code})")
    body: dict[str, Any] = response.json() if response.content else {}
    return body


def review_demo_case(base_url_or_runtime: str | HasBaseUrl, case_id: str, *,
                     timeout: float = 30.0) -> list[str]:
    """Claim, approve and dispatch `case_id` as the demo reviewer; printable lines of what happened."""
    base_url = base_url_or_runtime if isinstance(base_url_or_runtime, str) else base_url_or_runtime.base_url
    lines: list[str] = []
    with httpx.Client(base_url=base_url, timeout=timeout) as http:
        device = _check(http.post(p.PATH_DEVICES, json={
            "registration_code": DEMO_DEVICE_CODES[None], "township_code": None,
            "counter_name": "区县审核演示"}), "登记审核终端", "registering the review device")
        credentials = {"username": DEMO_REVIEWER, "password": DEMO_PASSWORD}
        session = _check(http.post(p.PATH_SESSIONS, json=credentials,
                                   headers={p.HEADER_DEVICE_TOKEN: device["device_token"]}),
                         "审核员登录", "reviewer sign-in")
        headers = {p.HEADER_DEVICE_TOKEN: device["device_token"],
                   p.HEADER_AUTHORIZATION: f"Bearer {session['session_token']}"}
        lines.append(f"审核员已登录 / Reviewer signed in: {session['user']['display_name']}")
        claimed = rp.ReviewState.model_validate(_check(
            http.post(rp.review_case_path(case_id, "claim"), headers=headers, json={}),
            "领取案件", "claiming"))
        lines.append(f"已领取案件 / Case claimed: {case_id}（承诺办结 / committed due "
                     f"{claimed.committed_due.isoformat()}，法定 / legal {claimed.legal_due.isoformat()}）")
        approved = rp.ReviewState.model_validate(_check(
            http.post(rp.review_case_path(case_id, "approve"), headers=headers,
                      json={"reason": "材料齐全，符合法定形式", "original_copies": 1, "duplicate_copies": 1}),
            "核准", "approving"))
        lines.append(f"已核准 / Approved: 统一社会信用代码 USCC {approved.uscc}，执照编号 / licence no. "
                     f"{approved.licence_number}，核准日期 / approval date {approved.approval_date}")
        _check(http.post(rp.review_case_path(case_id, "dispatch"), headers=headers,
                         json={"method": "mail", "carrier": "EMS", "tracking_number": DEMO_TRACKING_NUMBER}),
               "登记执照寄送", "recording the dispatch")
        lines.append(f"执照已寄出 / Licence dispatched: EMS {DEMO_TRACKING_NUMBER}")
        http.delete(f"{p.API_PREFIX}/sessions/current", headers=headers)
    return lines
