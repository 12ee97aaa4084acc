"""The reviewer's part of `counter-app demo`: sign in as demo-reviewer, claim and approve a case (a USCC is
issued) and record the licence's dispatch; return a second case for correction and approve its corrected
version after reading what changed — all over the real HTTP protocol, like the desktop client.

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


class DemoReviewer:
    """The demo reviewer's HTTP session: `with DemoReviewer(url) as reviewer: reviewer.claim(case_id)`."""

    def __init__(self, base_url_or_runtime: str | HasBaseUrl, *, timeout: float = 30.0) -> None:
        base_url = (base_url_or_runtime if isinstance(base_url_or_runtime, str)
                    else base_url_or_runtime.base_url)
        self.http = httpx.Client(base_url=base_url, timeout=timeout)
        self.headers: dict[str, str] = {}
        self.display_name = ""

    def __enter__(self) -> DemoReviewer:
        try:
            device = _check(self.http.post(p.PATH_DEVICES, json={
                "registration_code": DEMO_DEVICE_CODES[None], "township_code": None,
                "counter_name": "区县审核演示"}), "登记审核终端", "registering the review device")
            credentials = {"username": DEMO_REVIEWER, "password": DEMO_PASSWORD}
            session = _check(self.http.post(p.PATH_SESSIONS, json=credentials,
                                            headers={p.HEADER_DEVICE_TOKEN: device["device_token"]}),
                             "审核员登录", "reviewer sign-in")
        except BaseException:
            self.http.close()
            raise
        self.headers = {p.HEADER_DEVICE_TOKEN: device["device_token"],
                        p.HEADER_AUTHORIZATION: f"Bearer {session['session_token']}"}
        self.display_name = str(session["user"]["display_name"])
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            self.http.delete(f"{p.API_PREFIX}/sessions/current", headers=self.headers)
        except httpx.HTTPError:
            pass  # signing out is a courtesy: the session expires anyway
        finally:
            self.http.close()

    def _post(self, case_id: str, action: str, body: dict[str, Any], what_zh: str,
              what_en: str) -> rp.ReviewState:
        return rp.ReviewState.model_validate(_check(
            self.http.post(rp.review_case_path(case_id, action), headers=self.headers, json=body),
            what_zh, what_en))

    def claim(self, case_id: str) -> rp.ReviewState:
        return self._post(case_id, "claim", {}, "领取案件", "claiming")

    def detail(self, case_id: str) -> rp.ReviewCaseDetail:
        return rp.ReviewCaseDetail.model_validate(_check(
            self.http.get(rp.review_case_path(case_id), headers=self.headers), "读取案件",
            "reading the case"))

    def approve(self, case_id: str) -> rp.ReviewState:
        return self._post(case_id, "approve", {"reason": "材料齐全，符合法定形式", "original_copies": 1,
                                                "duplicate_copies": 1}, "核准", "approving")

    def return_for_correction(self, case_id: str, items: list[dict[str, str]], reason: str) -> rp.ReviewState:
        return self._post(case_id, "return", {"items": items, "reason": reason}, "退回补正",
                          "returning for correction")

    def refuse(self, case_id: str, reasons: list[str]) -> rp.ReviewState:
        return self._post(case_id, "refuse", {"reasons": reasons}, "不予登记", "refusing")

    def dispatch(self, case_id: str) -> rp.ReviewState:
        return self._post(case_id, "dispatch", {"method": "mail", "carrier": "EMS",
                                                 "tracking_number": DEMO_TRACKING_NUMBER},
                          "登记执照寄送", "recording the dispatch")


def _approved_line(approved: rp.ReviewState) -> str:
    return (f"已核准 / Approved: 统一社会信用代码 USCC {approved.uscc}，执照编号 / licence no. "
            f"{approved.licence_number}，核准日期 / approval date {approved.approval_date}")


def review_demo_case(base_url_or_runtime: str | HasBaseUrl, case_id: str, *,
                     timeout: float = 30.0, dispatch: bool = True) -> list[str]:
    """Claim, approve and dispatch `case_id` as the demo reviewer; printable lines of what happened."""
    lines: list[str] = []
    with DemoReviewer(base_url_or_runtime, timeout=timeout) as reviewer:
        lines.append(f"审核员已登录 / Reviewer signed in: {reviewer.display_name}")
        claimed = reviewer.claim(case_id)
        lines.append(f"已领取案件 / Case claimed: {case_id}（承诺办结 / committed due "
                     f"{claimed.committed_due.isoformat()}，法定 / legal {claimed.legal_due.isoformat()}）")
        lines.append(_approved_line(reviewer.approve(case_id)))
        if dispatch:
            reviewer.dispatch(case_id)
            lines.append(f"执照已寄出 / Licence dispatched: EMS {DEMO_TRACKING_NUMBER}")
    return lines


# What the demo reviewer finds wrong with the second case: one field and one document.
DEMO_RETURN_ITEMS: list[dict[str, str]] = [
    {"target": "field", "path": "operator.mobile", "phrase": "inconsistent",
     "text": "手机号与申请人签字的申请书不一致，请与申请人核对"},
    {"target": "document", "path": "operator_id_front", "phrase": "illegible",
     "text": "身份证人像面反光，请重新拍摄"},
]


def return_demo_case(base_url_or_runtime: str | HasBaseUrl, case_id: str, *,
                     items: list[dict[str, str]] | None = None, timeout: float = 30.0) -> list[str]:
    """Claim `case_id` and return it for correction with `items` (default: DEMO_RETURN_ITEMS)."""
    items = items if items is not None else DEMO_RETURN_ITEMS
    with DemoReviewer(base_url_or_runtime, timeout=timeout) as reviewer:
        reviewer.claim(case_id)
        reviewer.return_for_correction(case_id, items, "材料需补正")
        return [f"已退回补正 / Returned for correction: {len(items)} 项 item(s)"] + [
            f"  补正项 / item: {item['path']} — {item['text']}" for item in items]


def approve_resubmission(base_url_or_runtime: str | HasBaseUrl, case_id: str, *,
                         timeout: float = 30.0) -> tuple[rp.ReviewCaseDetail, list[str]]:
    """Claim the corrected case, read what changed against the returned version, approve it."""
    with DemoReviewer(base_url_or_runtime, timeout=timeout) as reviewer:
        reviewer.claim(case_id)
        detail = reviewer.detail(case_id)
        lines = [f"第{detail.view.version}版与第{detail.previous_version}版相比 / version "
                 f"{detail.view.version} against {detail.previous_version}: "
                 f"{len(detail.changes_from_previous)} 个字段 field(s), "
                 f"{len(detail.replaced_documents)} 份材料 document(s) changed"]
        lines += [f"  字段 / field {c.path}" for c in detail.changes_from_previous]
        lines += [f"  材料 / document {d.slot}: {d.change}" for d in detail.replaced_documents]
        lines.append(_approved_line(reviewer.approve(case_id)))
    return detail, lines
