"""Code -> (Chinese, English) labels for the form's combo boxes.

The model stores the code (a stable key), never the label, so a changed translation does not change data.
Codes follow the national standards where one exists: 民族 GB/T 3304, 文化程度 GB/T 4658 top-level codes,
政治面貌 GB/T 4762.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from counter_app.domain.model import CompositionForm, Gender, IdDocType

Label = tuple[str, str]

# GB/T 3304-1991 民族代码 with its romanisation, plus 97/98.
ETHNICITIES: dict[str, Label] = {
    "01": ("汉族", "Han"), "02": ("蒙古族", "Mongol"), "03": ("回族", "Hui"),
    "04": ("藏族", "Tibetan"), "05": ("维吾尔族", "Uygur"), "06": ("苗族", "Miao"),
    "07": ("彝族", "Yi"), "08": ("壮族", "Zhuang"), "09": ("布依族", "Buyei"),
    "10": ("朝鲜族", "Korean"), "11": ("满族", "Manchu"), "12": ("侗族", "Dong"),
    "13": ("瑶族", "Yao"), "14": ("白族", "Bai"), "15": ("土家族", "Tujia"),
    "16": ("哈尼族", "Hani"), "17": ("哈萨克族", "Kazak"), "18": ("傣族", "Dai"),
    "19": ("黎族", "Li"), "20": ("傈僳族", "Lisu"), "21": ("佤族", "Va"),
    "22": ("畲族", "She"), "23": ("高山族", "Gaoshan"), "24": ("拉祜族", "Lahu"),
    "25": ("水族", "Sui"), "26": ("东乡族", "Dongxiang"), "27": ("纳西族", "Naxi"),
    "28": ("景颇族", "Jingpo"), "29": ("柯尔克孜族", "Kirgiz"), "30": ("土族", "Tu"),
    "31": ("达斡尔族", "Daur"), "32": ("仫佬族", "Mulao"), "33": ("羌族", "Qiang"),
    "34": ("布朗族", "Blang"), "35": ("撒拉族", "Salar"), "36": ("毛南族", "Maonan"),
    "37": ("仡佬族", "Gelao"), "38": ("锡伯族", "Xibe"), "39": ("阿昌族", "Achang"),
    "40": ("普米族", "Pumi"), "41": ("塔吉克族", "Tajik"), "42": ("怒族", "Nu"),
    "43": ("乌孜别克族", "Uzbek"), "44": ("俄罗斯族", "Russ"), "45": ("鄂温克族", "Ewenki"),
    "46": ("德昂族", "Deang"), "47": ("保安族", "Bonan"), "48": ("裕固族", "Yugur"),
    "49": ("京族", "Gin"), "50": ("塔塔尔族", "Tatar"), "51": ("独龙族", "Derung"),
    "52": ("鄂伦春族", "Oroqen"), "53": ("赫哲族", "Hezhen"), "54": ("门巴族", "Monba"),
    "55": ("珞巴族", "Lhoba"), "56": ("基诺族", "Jino"), "97": ("其他", "Other"),
    "98": ("外国血统中国籍人士", "Chinese citizen of foreign origin"),
}

# GB/T 4658 top-level codes; 90 文盲或半文盲 as on the older registration forms, 99 其他.
EDUCATION_LEVELS: dict[str, Label] = {
    "10": ("研究生", "Postgraduate"),
    "20": ("大学本科", "Bachelor's degree"),
    "30": ("大学专科", "Junior college"),
    "40": ("中等专科", "Secondary vocational school"),
    "60": ("高中", "Senior high school"),
    "70": ("初中", "Junior high school"),
    "80": ("小学", "Primary school"),
    "90": ("文盲或半文盲", "Illiterate or semi-literate"),
    "99": ("其他", "Other"),
}

# GB/T 4762 政治面貌代码, including the eight democratic parties.
POLITICAL_STATUSES: dict[str, Label] = {
    "01": ("中共党员", "CPC member"),
    "02": ("中共预备党员", "CPC probationary member"),
    "03": ("共青团员", "Communist Youth League member"),
    "04": ("民革党员", "RCCK member"),
    "05": ("民盟盟员", "China Democratic League member"),
    "06": ("民建会员", "China National Democratic Construction Association member"),
    "07": ("民进会员", "China Association for Promoting Democracy member"),
    "08": ("农工党党员", "Chinese Peasants' and Workers' Democratic Party member"),
    "09": ("致公党党员", "China Zhi Gong Party member"),
    "10": ("九三学社社员", "Jiusan Society member"),
    "11": ("台盟盟员", "Taiwan Democratic Self-Government League member"),
    "12": ("无党派人士", "Non-party personage"),
    "13": ("群众", "Ordinary citizen (no affiliation)"),
}

# 与经营者关系 of a participating family member.
RELATIONSHIPS: dict[str, Label] = {
    "spouse": ("配偶", "Spouse"),
    "child": ("子女", "Child"),
    "parent": ("父母", "Parent"),
    "sibling": ("兄弟姐妹", "Sibling"),
    "other": ("其他", "Other"),
}

ID_DOC_TYPE_LABELS: dict[IdDocType, Label] = {
    IdDocType.RESIDENT_ID: ("中华人民共和国居民身份证", "PRC resident ID card"),
    IdDocType.HK_MACAU_PERMIT: ("港澳居民来往内地通行证",
                                "Mainland travel permit for Hong Kong and Macau residents"),
    IdDocType.TAIWAN_PERMIT: ("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents"),
    IdDocType.HKMT_RESIDENCE_PERMIT: ("港澳台居民居住证",
                                      "Residence permit for Hong Kong, Macau and Taiwan residents"),
}

GENDER_LABELS: dict[Gender, Label] = {
    Gender.MALE: ("男", "Male"),
    Gender.FEMALE: ("女", "Female"),
}

COMPOSITION_LABELS: dict[CompositionForm, Label] = {
    CompositionForm.INDIVIDUAL: ("个人经营", "Individual"),
    CompositionForm.FAMILY: ("家庭经营", "Family"),
}


def label(mapping: Mapping[Any, Label], key: object, language: str = "zh") -> str:
    """The label of `key` in `language` ("zh…" or "en…"); "" for an empty key, the key itself if unknown
    (a code from a newer catalogue still shows something rather than nothing). Enum keys also accept
    their string value (``label(GENDER_LABELS, "male")``)."""
    if key is None or key == "":
        return ""
    try:
        pair = mapping.get(key)
    except TypeError:  # unhashable
        pair = None
    if pair is None:
        return str(key)
    return pair[1] if language.startswith("en") else pair[0]
