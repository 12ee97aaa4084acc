"""People's names (经营者, family members, liaison, agent): 规范汉字 with room for real names.

Accepted without comment: Chinese characters including the CJK extensions (𠮷, 䶮), a variation selector
after a rare character, and the middle dot of transliterated ethnic-minority names (阿依古丽·买买提).
Latin letters: an error for a resident-ID holder (the card carries a Chinese name), a warning for holders of
Hong Kong/Macau/Taiwan documents, whose permit may show a name the clerk must copy as printed.
"""

from __future__ import annotations

import itertools

from counter_app.domain.findings import error, warning
from counter_app.domain.hanzi import (
    CANONICAL_MIDDLE_DOT,
    MIDDLE_DOTS,
    graphemes,
    is_han,
    is_latin_letter,
)
from counter_app.domain.issues import Issue
from counter_app.domain.model import IdDocType

MAX_NAME_LENGTH = 50  # longer than any real name; guards against pasted text


def check_person_name(name: str, *, path: str, doc_type: IdDocType = IdDocType.RESIDENT_ID,
                      required: bool = True, what_zh: str = "姓名", what_en: str = "name") -> list[Issue]:
    text = name.strip()
    if not text:
        if required:
            return [error(path, "person.name_required", f"请填写{what_zh}", f"Enter the {what_en}.")]
        return []
    chars = graphemes(text)
    if len(chars) > MAX_NAME_LENGTH:
        return [error(path, "person.name_too_long", f"{what_zh}过长（超过{MAX_NAME_LENGTH}个字符），请核对",
                      f"The {what_en} is too long (over {MAX_NAME_LENGTH} characters).")]
    bases = [g[0] for g in chars]
    latin = any(is_latin_letter(ch) for ch in bases)
    allowed_space = latin  # "Chan Tai Man" is written with spaces; a Chinese name is not
    invalid = [ch for ch in bases if not (is_han(ch) or ch in MIDDLE_DOTS or is_latin_letter(ch)
                                          or (allowed_space and ch == " "))]
    if invalid:
        shown = "".join(dict.fromkeys("空格" if ch.isspace() else ch for ch in invalid))
        return [error(path, "person.name_invalid_chars", f"{what_zh}中不能含有数字、标点或其他符号：{shown}",
                      f"The {what_en} may not contain digits, punctuation or symbols.")]
    issues: list[Issue] = []
    dots = [i for i, ch in enumerate(bases) if ch in MIDDLE_DOTS]
    misplaced = bool(dots) and (dots[0] == 0 or dots[-1] == len(bases) - 1
                                or any(b - a == 1 for a, b in itertools.pairwise(dots)))
    if misplaced:
        issues.append(error(path, "person.name_dot_position", f"{what_zh}中的间隔号“·”位置不正确",
                            f"The middle dot in the {what_en} is misplaced."))
    elif any(bases[i] != CANONICAL_MIDDLE_DOT for i in dots):
        issues.append(warning(path, "person.name_dot_variant", f"{what_zh}中的间隔号请使用与证件一致的“·”",
                              f"Use the middle dot · as printed on the ID document in the {what_en}."))
    if latin:
        if doc_type == IdDocType.RESIDENT_ID:
            issues.append(error(path, "person.name_latin", f"{what_zh}应使用规范汉字，与身份证上的姓名一致",
                                f"The {what_en} must be written in Chinese characters as on the ID card."))
        else:
            issues.append(warning(path, "person.name_latin_permit",
                                  f"{what_zh}含外文字母：请按证件上的中文姓名填写；证件上没有中文姓名的，请核实后继续",
                                  f"The {what_en} contains Latin letters: use the Chinese name on the "
                                  "permit if there is one, otherwise check and continue."))
    elif len(bases) - len(dots) < 2:
        issues.append(error(path, "person.name_too_short", f"{what_zh}至少应有两个汉字，请核对",
                            f"The {what_en} needs at least two Chinese characters."))
    return issues
