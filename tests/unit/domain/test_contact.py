from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from counter_app.domain.contact import (
    check_any_phone,
    check_email,
    check_landline,
    check_mobile,
    check_postal_code,
)
from counter_app.domain.issues import Issue, Severity


def codes(issues: Sequence[Issue]) -> list[str]:
    return [i.code for i in issues]


def test_mobile() -> None:
    assert check_mobile("13800138000", path="p", required=True) == []
    assert codes(check_mobile("", path="p", required=True)) == ["phone.mobile_required"]
    assert check_mobile("", path="p", required=False) == []
    assert codes(check_mobile("1380013800", path="p", required=False)) == ["phone.mobile_invalid"]


def test_landline() -> None:
    assert check_landline("", path="p") == []
    assert check_landline("0812-3331234", path="p") == []
    [issue] = check_landline("3331234", path="p")
    assert issue.code == "phone.landline_no_area_code" and issue.severity is Severity.WARNING
    [issue] = check_landline("12345", path="p")
    assert issue.code == "phone.landline_invalid" and issue.severity is Severity.ERROR


def test_any_phone() -> None:
    assert check_any_phone("", path="p") == check_any_phone("13800138000", path="p") == []
    assert check_any_phone("0812-3331234", path="p") == []
    assert [i.code for i in check_any_phone("12", path="p")] == ["phone.invalid"]


def test_email_and_postal_code() -> None:
    for good in ("", "zhangsan@example.com", "a.b+c@mail.example.cn", "ｚｓ＠ｅｘａｍｐｌｅ．ｃｏｍ"):
        assert check_email(good, path="p") == [], good
    for bad in ("zhangsan", "a@b", "a@@b.cn", "a b@c.cn", "@example.com"):
        assert [i.code for i in check_email(bad, path="p")] == ["email.invalid"], bad
    assert check_postal_code("617000", path="p") == check_postal_code("", path="p") == []
    assert check_postal_code("６１７０００", path="p") == []
    for bad in ("61700", "6170000", "61700a"):
        assert [i.code for i in check_postal_code(bad, path="p")] == ["postal_code.invalid"]


@given(st.text())
def test_never_raise(text: str) -> None:
    for check in (check_landline, check_any_phone, check_email, check_postal_code):
        assert all(i.path == "p" for i in check(text, path="p"))
    check_mobile(text, path="p", required=True)
