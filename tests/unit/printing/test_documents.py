"""Every document, read back: its text (Chinese extraction works through the ToUnicode maps), its QR
codes decoded from a rendering, masked ID numbers, the rare-character fallback font embedded, and the
paper sizes."""

from __future__ import annotations

import pytest

from counter_app.printing.correction_notice import build_correction_notice
from counter_app.printing.data import MaskedPerson
from counter_app.printing.deferral_notice import build_deferral_notice
from counter_app.printing.fonts import (
    BUNDLED_FALLBACK_FILES,
    PRIMARY_FONT_FILE,
    FontSet,
    MissingGlyph,
)
from counter_app.printing.layout import PaperSize, layout_for
from counter_app.printing.pickup_slip import build_pickup_slip
from counter_app.printing.receipt import build_receipt
from counter_app.printing.refusal_notice import build_refusal_notice
from counter_app.resource_paths import resource_path
from tests.unit.printing import samples
from tests.unit.printing.helpers import (
    LICENCE,
    embedded_fonts,
    page_sizes_mm,
    page_texts,
    pdf_text,
    qr_payloads,
    render,
    visible_id_characters,
)

A4 = layout_for(PaperSize.A4)
SIZES_MM = {PaperSize.A4: (210, 297), PaperSize.A5: (148, 210), PaperSize.A6: (105, 148)}


def assert_masked(text: str) -> None:
    assert samples.OPERATOR_ID not in text and samples.AGENT_ID not in text
    counts = visible_id_characters(text)
    assert counts, "an ID number (masked) should be on the page"
    assert max(counts) <= 10  # first 6 + last 4 at most (domain.md §7)


@pytest.mark.parametrize("paper", list(PaperSize))
def test_receipt(paper: PaperSize) -> None:
    pdf = build_receipt(samples.receipt(), layout_for(paper))
    text = pdf_text(pdf)
    for expected in ("个体工商户登记受理回执", samples.CASE_NUMBER, "2026年11月27日", samples.NAME,
                     "110105********002X", "个体工商户登记（备案）申请书", "经营者身份证件（人像面）",
                     "房屋产权证明", "到窗口提交", "结婚证", "网上提交", "2026年12月2日前作出决定",
                     "0812-2900000", "仁和镇便民服务中心", "容缺受理"):
        assert expected in text, expected
    assert_masked(text)
    assert page_sizes_mm(pdf) == [SIZES_MM[paper]]
    assert samples.CASE_NUMBER in qr_payloads(render(pdf)[0])


def test_receipt_without_deferrals_says_ordinary_acceptance() -> None:
    text = pdf_text(build_receipt(samples.receipt(deferred=()), A4))
    assert "一般受理" in text and "容缺（后补）材料" not in text


@pytest.mark.parametrize("paper", [PaperSize.A4, PaperSize.A5])
def test_deferral_notice_has_two_copies(paper: PaperSize) -> None:
    pdf = build_deferral_notice(samples.deferral(), layout_for(paper))
    pages = page_texts(pdf)
    assert len(pages) == 2
    assert "第一联：申请人留存" in pages[0] and "第二联：受理机关存档" in pages[1]
    for page in pages:
        for expected in ("容缺受理通知书", samples.CASE_NUMBER, "房屋产权证明", "结婚证", "无名称",
                         "请于2026年12月2日前", "撤销本次受理", "申请人（签字）"):
            assert expected in page, expected
        assert_masked(page)


def test_correction_notice_lists_every_item() -> None:
    data = samples.correction()
    text = pdf_text(build_correction_notice(data, A4))
    assert "补正通知书" in text and "共3项" in text and "2026年12月20日前" in text
    for item in data.items:
        assert item.target in text and item.problem in text and item.remedy in text
    assert_masked(text)


def test_refusal_notice_states_reasons_and_remedies() -> None:
    text = pdf_text(build_refusal_notice(samples.refusal(), A4))
    for expected in ("不予登记", "字号与同行业已登记名称相同", "经营场所位于禁止经营区域",
                     "60日内向攀枝花市仁和区人民政府申请行政复议",
                     "6个月内依法向攀枝花市仁和区人民法院提起行政诉讼"):
        assert expected in text, expected
    assert_masked(text)


@pytest.mark.parametrize("paper", list(PaperSize))
def test_pickup_slip_carries_everything_of_section_8(paper: PaperSize) -> None:
    pdf = build_pickup_slip(samples.slip(), layout_for(paper))
    text = pdf_text(pdf)
    for expected in ("营业执照领取通知单", samples.CASE_NUMBER, "无名称", samples.NAME, LICENCE.uscc,
                     LICENCE.authority, "2026年11月30日", "正本1份、副本2份", "仁和镇便民服务中心1号窗口",
                     "工作日 9:00-12:00", "2027年1月30日前", "042 917", "本人有效身份证件", "授权委托书",
                     "0812-2900000", "好差评", "个人信息保护提示", "赵六"):
        assert expected in text, expected
    assert_masked(text)
    assert len(page_texts(pdf)) == 1, "the slip fits on one sheet"
    assert set(qr_payloads(render(pdf)[0])) == {samples.CASE_NUMBER, samples.RATING_URL}


def test_rare_characters_print_with_the_fallback_font_and_extract_as_text() -> None:
    pdf = build_pickup_slip(samples.slip(name="𠮷䶮"), A4)
    assert "𠮷䶮" in pdf_text(pdf)  # supplementary-plane ToUnicode entries are valid UTF-16
    fonts = embedded_fonts(pdf)
    assert "CounterHanExt" in fonts  # the bundled HanaMinA subset, embedded
    assert any("WenQuanYi" in f for f in fonts)


def test_a_name_without_any_font_is_refused_before_printing() -> None:
    fonts = FontSet(resource_path("fonts", PRIMARY_FONT_FILE),
                    [resource_path("fonts", BUNDLED_FALLBACK_FILES[0])], system_dirs=[])
    with pytest.raises(MissingGlyph) as caught:
        build_pickup_slip(samples.slip(name="王\U00030000"), A4, fonts)
    assert "U+30000" in caught.value.message_zh


def test_masked_person_refuses_an_unmasked_number() -> None:
    with pytest.raises(ValueError):
        MaskedPerson("张三", samples.OPERATOR_ID)
    assert MaskedPerson.of("张三", "11010519491231002x").id_masked == "110105********002X"
