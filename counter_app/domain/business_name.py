"""The optional business name (名称) of a sole proprietor, domain.md §2.1.

Structure: 行政区划 + 字号 + 行业 + 组织形式, e.g. 攀枝花市仁和区 + 张三 + 百货 + 店. The word lists (forms,
industry words, the local "（个体工商户）" suffix) live in resources/catalogue/name_rules.json so a district
can extend them; the region names come from `counter_app.domain.regions`.

Hard rules (errors): only Chinese characters, an organisation form at the end, never 公司/企业/合作社, a
字号 of at least two characters that is neither a place name nor an industry word. Rules the bundled lists
cannot decide for sure (no recognised region, no recognised industry word) are warnings.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from counter_app.domain.findings import error, warning
from counter_app.domain.hanzi import is_ascii_letter, is_han, is_latin_letter
from counter_app.domain.issues import Issue
from counter_app.domain.regions import RegionIndex, load_default_regions
from counter_app.resource_paths import resource_path


@dataclass(frozen=True)
class NameRules:
    organisation_forms: tuple[str, ...]
    combined_forms: tuple[str, ...]  # trade and form in one word: 超市, 饭店, 经营部
    forbidden_forms: tuple[str, ...]
    forbidden_anywhere: tuple[str, ...]
    local_suffixes: tuple[str, ...]
    industry_words: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> NameRules:
        data = json.loads(path.read_text(encoding="utf-8"))

        def longest_first(key: str) -> tuple[str, ...]:
            return tuple(sorted({str(w) for w in data[key]}, key=len, reverse=True))

        return cls(longest_first("organisation_forms"), longest_first("combined_forms"),
                   longest_first("forbidden_forms"), longest_first("forbidden_anywhere"),
                   longest_first("local_suffixes"), frozenset(str(w) for w in data["industry_words"]))

    @functools.cached_property
    def _max_industry_len(self) -> int:
        return max((len(w) for w in self.industry_words), default=0)

    def longest_industry_word_ending_at(self, text: str, end: int) -> str:
        """The longest industry word w with text[:end].endswith(w), or ""."""
        for size in range(min(self._max_industry_len, end), 0, -1):
            if text[end - size:end] in self.industry_words:
                return text[end - size:end]
        return ""


@functools.cache
def load_name_rules() -> NameRules:
    return NameRules.load(resource_path("catalogue", "name_rules.json"))


@dataclass(frozen=True)
class NameParts:
    region: str  # e.g. 攀枝花市仁和区, "" if none recognised
    locality: str  # optional township after the region, e.g. 仁和镇
    trade_name: str  # 字号
    industry: str  # 行业, "" if none recognised
    organisation_form: str  # 组织形式, "" if none recognised
    local_suffix: str = ""  # "（个体工商户）" when present
    region_is_bare_district: bool = False  # 仁和区 without its city


def _strip_spaces(name: str) -> str:
    return "".join(name.split())


def parse_business_name(name: str, *, rules: NameRules | None = None,
                        regions: RegionIndex | None = None) -> NameParts | None:
    """Decompose a name; None for an empty one. Parts that cannot be recognised are ""."""
    rules = rules or load_name_rules()
    regions = regions or load_default_regions()
    text = _strip_spaces(name)
    if not text:
        return None
    suffix = next((s for s in rules.local_suffixes if text.endswith(s)), "")
    text = text[: len(text) - len(suffix)]
    forms = sorted(rules.organisation_forms + rules.combined_forms + rules.forbidden_forms, key=len,
                   reverse=True)
    form = next((f for f in forms if text.endswith(f)), "")
    body = text[: len(text) - len(form)]

    region, bare = "", False
    for prefix, county in regions.name_prefixes():
        if body.startswith(prefix):
            region, bare = prefix, county.is_district and prefix == county.name
            body = body[len(prefix):]
            locality = next((t for t in sorted(county.townships, key=len, reverse=True)
                             if body.startswith(t)), "")
            body = body[len(locality):]
            break
    else:
        locality = ""

    trade_name, industry = _split_trade_and_industry(body, rules)
    return NameParts(region, locality, trade_name, industry, form, suffix, bare)


def _split_trade_and_industry(body: str, rules: NameRules) -> tuple[str, str]:
    """Find the chain of industry words at the end of `body`: 百货 in 张三百货, 家电维修 in 张三家电维修.

    Scans from the right for the last industry word, then extends left over adjacent industry words while
    at least two characters remain for the 字号.
    """
    end = len(body)
    while end > 0 and not rules.longest_industry_word_ending_at(body, end):
        end -= 1
    if end == 0:
        return body, ""
    start = end - len(rules.longest_industry_word_ending_at(body, end))
    while start > 2:
        word = rules.longest_industry_word_ending_at(body, start)
        if not word or start - len(word) < 2:
            break
        start -= len(word)
    return body[:start], body[start:]


def check_business_name(name: str, *, path: str, rules: NameRules | None = None,
                        regions: RegionIndex | None = None,
                        local_suffix_allowed: bool = False) -> list[Issue]:
    """Findings for the optional business name; an empty name has none."""
    rules = rules or load_name_rules()
    regions = regions or load_default_regions()
    parts = parse_business_name(name, rules=rules, regions=regions)
    if parts is None:
        return []
    issues: list[Issue] = []
    if parts.local_suffix and not local_suffix_allowed:
        issues.append(error(path, "name.local_suffix_not_allowed",
                            f"本地区名称不使用“{parts.local_suffix}”后缀，请删除",
                            f"This district does not use the suffix {parts.local_suffix}; remove it."))
    stripped = name.strip()
    core = stripped[: len(stripped) - len(parts.local_suffix)] if parts.local_suffix else stripped
    char_issues = _character_issues(core, path)
    if char_issues:
        return issues + char_issues
    issues += _form_issues(parts, core, rules, path)
    issues += _region_issues(parts, regions, path)
    issues += _trade_name_issues(parts, rules, regions, path)
    return issues


def _character_issues(core: str, path: str) -> list[Issue]:
    latin = [ch for ch in core if is_latin_letter(ch)]
    digits = [ch for ch in core if ch.isdigit()]
    other = [ch for ch in core if not (is_han(ch) or is_latin_letter(ch) or ch.isdigit())]
    issues: list[Issue] = []
    if latin:
        pinyin_hint = "或拼音" if all(is_ascii_letter(c) for c in latin) else ""
        issues.append(error(path, "name.latin", f"名称只能使用规范汉字，不能含有外文字母{pinyin_hint}",
                            "A business name may contain Chinese characters only, no Latin letters or "
                            "pinyin."))
    if digits:
        issues.append(error(path, "name.digits", "名称中不能含有数字（阿拉伯数字请改写为汉字）",
                            "A business name may not contain digits (write numbers in Chinese characters)."))
    if other:
        shown = "".join(dict.fromkeys("空格" if ch.isspace() else ch for ch in other))
        issues.append(error(path, "name.punctuation", f"名称中不能含有标点符号或其他字符：{shown}",
                            "A business name may not contain punctuation, spaces or symbols."))
    return issues


def _form_issues(parts: NameParts, core: str, rules: NameRules, path: str) -> list[Issue]:
    if parts.organisation_form in rules.forbidden_forms:
        return [error(path, "name.forbidden_form",
                      f"个体工商户名称不能使用“{parts.organisation_form}”作为组织形式，"
                      "可使用店、厂、馆、部、行、中心等",
                      f"A sole proprietor's name may not end in {parts.organisation_form}; use 店, 厂, 馆, "
                      "部, 行, 中心 or similar.")]
    issues: list[Issue] = []
    inner = core[: len(core) - len(parts.organisation_form)]
    for word in rules.forbidden_anywhere:
        if word in inner:
            issues.append(error(path, "name.forbidden_word", f"个体工商户名称中不能含有“{word}”字样",
                                f"A sole proprietor's name may not contain {word}."))
            break
    if not parts.organisation_form:
        issues.append(error(path, "name.organisation_form_missing",
                            "名称应以组织形式结尾，如店、厂、馆、部、行、中心等",
                            "The name must end with an organisation form such as 店, 厂, 馆, 部, 行 or "
                            "中心."))
    elif not parts.industry and parts.organisation_form not in rules.combined_forms:
        issues.append(warning(path, "name.industry_missing",
                              "名称中未识别到行业用语（如百货、餐饮、五金），请核实名称是否含有行业表述",
                              "No industry word (such as 百货, 餐饮, 五金) was recognised in the name; "
                              "please check."))
    return issues


def _region_issues(parts: NameParts, regions: RegionIndex, path: str) -> list[Issue]:
    home = regions.home_county
    example = regions.city_name + (home.name if home else "")
    if not parts.region:
        return [warning(path, "name.region_missing",
                        f"名称一般应以行政区划开头（如“{example}”），请核实",
                        f"A name normally starts with the administrative region (e.g. {example}); "
                        "please check.")]
    if parts.region_is_bare_district:
        return [warning(path, "name.region_city_missing",
                        f"市辖区名称前应冠以所在市名称，如“{regions.city_name}{parts.region}”",
                        f"A city district needs its city in front: {regions.city_name}{parts.region}.")]
    return []


def _trade_name_issues(parts: NameParts, rules: NameRules, regions: RegionIndex, path: str) -> list[Issue]:
    if not parts.organisation_form:
        return []  # cannot tell where the 字号 ends
    trade = parts.trade_name
    if not trade:
        return [error(path, "name.trade_name_missing",
                      "名称中缺少字号（至少两个汉字），如“张三百货店”中的“张三”",
                      "The name lacks a trade name (字号) of at least two characters.")]
    if len(trade) < 2:
        return [error(path, "name.trade_name_short", f"字号“{trade}”过短，字号应至少由两个汉字组成",
                      f"The trade name {trade} is too short: at least two Chinese characters.")]
    if trade in regions.place_names():
        return [error(path, "name.trade_name_place", f"字号“{trade}”是县级以上行政区划名称，不能作为字号",
                      f"The trade name {trade} is a county-or-higher place name and cannot be used.")]
    if trade in rules.industry_words:
        return [error(path, "name.trade_name_industry", f"字号“{trade}”是行业用语，不能单独作为字号",
                      f"The trade name {trade} is an industry word and cannot be used on its own.")]
    place = next((p for p in regions.place_names_longest_first if len(p) >= 2 and p in trade),
                 "")
    if place:
        return [warning(path, "name.trade_name_contains_place",
                        f"字号“{trade}”中含有行政区划名称“{place}”，请核实是否符合名称登记规定",
                        f"The trade name {trade} contains the place name {place}; please check.")]
    return []
