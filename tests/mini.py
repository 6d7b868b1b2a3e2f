"""A small form and rubric that use every question type and condition operator."""

from __future__ import annotations


def t(nl: str, en: str | None = None) -> dict:
    return {"nl": nl, "en": en or nl + " (en)"}


def choices(*values: str) -> list[dict]:
    return [{"value": v, "label": t(v.capitalize())} for v in values]


MINI_FORM: dict = {
    "id": "mini",
    "version": "1.0.0",
    "toets_type": "uitvoerbaarheid",
    "title": t("Mini-toets"),
    "description": t("Een kleine vragenlijst voor tests."),
    "sections": [
        {
            "id": "basis",
            "title": t("Basis"),
            "questions": [
                {"id": "titel", "type": "text", "label": t("Titel?"), "required": True,
                 "evidence": False, "involved": False, "allow_not_applicable": False},
                {"id": "toelichting", "type": "textarea", "label": t("Toelichting?")},
                {"id": "gevolgen", "type": "scale", "label": t("Gevolgen?"), "required": True,
                 "choices": choices("beperkt", "middelgroot", "ingrijpend")},
                {"id": "aspecten", "type": "multichoice", "label": t("Aspecten?"),
                 "choices": choices("ict", "handhaving", "fraude")},
                {"id": "ict_detail", "type": "textarea", "label": t("ICT-gevolgen?"),
                 "visible_when": {"question": "aspecten", "op": "contains", "value": "ict"},
                 "required_when": {"question": "gevolgen", "op": "gte", "value": "middelgroot"}},
                {"id": "soort", "type": "choice", "label": t("Soort regeling?"),
                 "choices": choices("wet", "amvb", "regeling")},
                {"id": "digitaal", "type": "boolean", "label": t("Digitaal?")},
            ],
        },
        {
            "id": "cijfers",
            "title": t("Cijfers"),
            "questions": [
                {"id": "aantal", "type": "number", "label": t("Aantal?"), "min": 0,
                 "unit": t("personen", "people")},
                {"id": "kosten", "type": "money", "label": t("Kosten?")},
                {"id": "fte", "type": "fte", "label": t("FTE?"), "max": 10000},
                {"id": "start", "type": "date", "label": t("Start?")},
                {"id": "risicos", "type": "table", "label": t("Risico's?"), "max_rows": 50,
                 "columns": [
                     {"id": "risico", "type": "text", "label": t("Risico"), "required": True},
                     {"id": "ernst", "type": "scale", "label": t("Ernst"),
                      "choices": choices("laag", "midden", "hoog")},
                     {"id": "bedrag", "type": "money", "label": t("Bedrag")},
                 ]},
            ],
        },
        {
            "id": "extra",
            "title": t("Extra"),
            "visible_when": {"question": "gevolgen", "op": "equals", "value": "ingrijpend"},
            "questions": [
                {"id": "maatregelen", "type": "textarea", "label": t("Maatregelen?"),
                 "required": True},
            ],
        },
    ],
    "key_figures": [
        {"id": "k_kosten", "label": t("Kosten"), "question": "kosten"},
        {"id": "k_risicos", "label": t("Risico's"), "question": "risicos",
         "aggregate": "row_count"},
        {"id": "k_bedrag", "label": t("Risicobedrag"), "question": "risicos",
         "aggregate": "table_total", "columns": ["bedrag"]},
    ],
    "key_lists": [
        {"id": "top", "label": t("Top"), "question": "risicos", "column": "risico",
         "order_by": "ernst", "limit": 2},
    ],
}


def rule(when: dict, level: str, because: str) -> dict:
    return {"when": when, "level": level, "because": t(because)}


MINI_RUBRIC: dict = {
    "id": "mini-rubric",
    "version": "1.0.0",
    "form": "mini",
    "title": t("Mini-rubric"),
    "levels": [
        {"value": "goed", "label": t("Goed"), "color": "#1B7F4B"},
        {"value": "aandacht", "label": t("Aandacht"), "color": "#E3B505"},
        {"value": "slecht", "label": t("Slecht"), "color": "#B3261E"},
    ],
    "dimensions": [
        {
            "id": "impact", "label": t("Impact"), "description": t("Hoe groot"),
            "critical": True, "inputs": ["gevolgen", "aantal"],
            "rules": [
                rule({"question": "gevolgen", "op": "gte", "value": "middelgroot"}, "aandacht",
                     "Middelgrote of grotere gevolgen."),
                rule({"question": "gevolgen", "op": "equals", "value": "ingrijpend"}, "slecht",
                     "Ingrijpende gevolgen."),
                rule({"question": "aantal", "op": "gt", "value": 100000}, "slecht",
                     "Meer dan 100.000 personen."),
            ],
            "default_level": "goed", "default_because": t("Beperkte gevolgen."),
            "monotone": [{"question": "gevolgen", "worse_when": "later"},
                         {"question": "aantal", "worse_when": "higher"}],
        },
        {
            "id": "risico", "label": t("Risico"), "description": t("Risico's"),
            "inputs": ["risicos", "aspecten"],
            "rules": [
                rule({"question": "risicos", "op": "any_row", "column": "ernst",
                      "row_op": "gte", "value": "hoog"}, "slecht", "Een hoog risico."),
                rule({"question": "risicos", "op": "rows_at_least", "value": 3}, "aandacht",
                     "Drie of meer risico's."),
                rule({"question": "aspecten", "op": "contains", "value": "fraude"}, "aandacht",
                     "Fraudegevoelig."),
            ],
            "default_level": "goed", "default_because": t("Geen bijzondere risico's."),
            "monotone": [{"question": "aspecten", "worse_when": "more"}],
        },
        {
            "id": "digitaal", "label": t("Digitaal"), "description": t("Digitaal"),
            "inputs": ["digitaal"],
            "rules": [rule({"question": "digitaal", "op": "equals", "value": True}, "aandacht",
                           "Digitaal proces.")],
            "default_level": "goed", "default_because": t("Niet digitaal."),
            "monotone": [{"question": "digitaal", "worse_when": "yes"}],
        },
    ],
    "verdict_label": t("Eindoordeel"),
    "verdicts": [
        {"value": "ja", "label": t("Uitvoerbaar"), "color": "#1B7F4B"},
        {"value": "voorwaarden", "label": t("Onder voorwaarden"), "color": "#E3B505"},
        {"value": "nee", "label": t("Niet uitvoerbaar"), "color": "#B3261E"},
    ],
    "verdict_rules": [
        {"when": {"dimension": "impact", "op": "at_least", "value": "slecht"},
         "verdict": "nee", "because": t("Kritieke dimensie op slecht.")},
        {"when": {"any": [{"dimension": "risico", "op": "at_least", "value": "aandacht"},
                          {"dimension": "impact", "op": "equals", "value": "aandacht"}]},
         "verdict": "voorwaarden", "because": t("Aandachtspunten.")},
    ],
    "default_verdict": "ja",
    "default_verdict_because": t("Geen knelpunten."),
}
