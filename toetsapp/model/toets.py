"""The ``.toets`` document: one filled-in toets, the source of truth."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from toetsapp.i18n import _
from toetsapp.model.parliament import (
    check_vergaderjaar,
    joint_citation,
    normalise_dossiernummer,
)

FORMAT = "toetsapp/toets"
FORMAT_VERSION = 4
MAX_EVIDENCE = 20_000
MAX_REVISIONS = 200
MAX_CHANGES = 2000
MAX_COMMENTS = 5000
MIN_MOTIVATION = 30  # characters (and MIN_MOTIVATION_WORDS words): a real sentence
MIN_MOTIVATION_WORDS = 4

Status = Literal["concept", "in_review", "definitief", "vastgesteld"]
STATUSES: tuple[Status, ...] = ("concept", "in_review", "definitief", "vastgesteld")
Position = Literal["akkoord", "akkoord_met_kanttekeningen", "niet_akkoord"]
POSITIONS: tuple[Position, ...] = ("akkoord", "akkoord_met_kanttekeningen", "niet_akkoord")
MAX_NOTE = 2000


def utcnow() -> datetime:
    """Now, in UTC, to the second (files stay readable and diffable)."""
    return datetime.now(UTC).replace(microsecond=0)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class DefinitionRef(_Model):
    """Which form or rubric (id, version, content hash) a toets was filled against."""

    id: str = Field(min_length=1, max_length=100)
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")


class Organisation(_Model):
    name: str = Field(min_length=1, max_length=300)
    abbreviation: str = Field(default="", max_length=40)
    role: Literal["lead", "co"] = "co"


class Person(_Model):
    name: str = Field(default="", max_length=300)
    organisation: str = Field(default="", max_length=300)
    role: str = Field(default="", max_length=300)
    email: str = Field(default="", max_length=300)


class KamerstukRef(_Model):
    """Another Kamerstuk this toets refers to (e.g. the advice of the Raad van State)."""

    title: str = Field(default="", max_length=300)
    kamer: Literal["II", "I"] = "II"
    vergaderjaar: str = Field(default="", pattern=r"^(\d{4}/\d{2})?$")
    dossiernummer: str = Field(min_length=1, max_length=20)
    ondernummer: str = Field(default="", max_length=10, pattern=r"^(\d{0,4}|[A-Z]{1,3})$")

    @field_validator("dossiernummer")
    @classmethod
    def _normalise_dossier(cls, value: str) -> str:
        return normalise_dossiernummer(value, required=True)

    @field_validator("vergaderjaar")
    @classmethod
    def _consecutive_years(cls, value: str) -> str:
        return check_vergaderjaar(value)

    def citation(self) -> str:
        return joint_citation(self.kamer, self.vergaderjaar, [self.dossiernummer],
                              self.ondernummer)


class Metadata(_Model):
    """What the toets is about and who made it."""

    title: str = Field(default="", max_length=1000)
    short_title: str = Field(default="", max_length=200)
    dossiernummer: str = Field(default="", max_length=20)
    joint_dossiernummers: list[str] = Field(default_factory=list, max_length=20)
    ondernummer: str = Field(default="", max_length=10, pattern=r"^(\d{0,4}|[A-Z]{1,3})$")
    kamer: Literal["II", "I"] = "II"
    vergaderjaar: str = Field(default="", pattern=r"^(\d{4}/\d{2})?$")
    kamerstuk_document: str = Field(default="", pattern=r"^(\d{4}D\d{5})?$")
    zaaknummer: str = Field(default="", pattern=r"^(\d{4}Z\d{5})?$")
    ministry: str = Field(default="", max_length=300)
    organisations: list[Organisation] = Field(default_factory=list, max_length=50)
    toetser: Person = Field(default_factory=Person)
    toets_date: date | None = None
    deadline: date | None = None
    created: datetime = Field(default_factory=utcnow)
    modified: datetime = Field(default_factory=utcnow)
    status: Status = "concept"

    related_kamerstukken: list[KamerstukRef] = Field(default_factory=list, max_length=50)

    @field_validator("dossiernummer")
    @classmethod
    def _normalise_dossier(cls, value: str) -> str:
        return normalise_dossiernummer(value)

    @field_validator("joint_dossiernummers")
    @classmethod
    def _normalise_joint(cls, values: list[str]) -> list[str]:
        return [normalise_dossiernummer(v, required=True) for v in values]

    def dossiernummers(self) -> list[str]:
        """Every dossier this toets belongs to: the main one, then those treated jointly."""
        main = [self.dossiernummer] if self.dossiernummer else []
        return main + [d for d in self.joint_dossiernummers if d not in main]

    @field_validator("vergaderjaar")
    @classmethod
    def _consecutive_years(cls, value: str) -> str:
        return check_vergaderjaar(value)

    def citation(self) -> str:
        """Parliamentary citation, e.g. 'Kamerstukken II 2025/26, 36 501, nr. 3'; bills
        treated jointly read 'Kamerstukken II 2025/26, 36 501 en 36 502, nr. 3'."""
        return joint_citation(self.kamer, self.vergaderjaar, self.dossiernummers(),
                              self.ondernummer)


class NotApplicable(_Model):
    """'Niet van toepassing' as an answer, with its short reason."""

    reason: str = Field(default="", max_length=MAX_NOTE)


class Answer(_Model):
    """An answer with its evidence ("hoe weet je dit?") and who was involved.

    ``value`` is kept as entered, also when it breaks a form rule (the engine reports
    it as invalid). ``not_applicable`` makes the answer 'n.v.t.' (the value is kept
    but does not count); ``note`` is a short toelichting beside a closed answer;
    ``other`` the text of an 'anders, namelijk …' choice; ``not_applicable_choices`` the
    choices of a per-choice multichoice (e.g. the U&H aspects) that are 'n.v.t.'.
    """

    value: Any = None
    not_applicable: NotApplicable | None = None
    note: str = Field(default="", max_length=MAX_NOTE)
    other: str = Field(default="", max_length=MAX_NOTE)
    not_applicable_choices: list[str] = Field(default_factory=list, max_length=200)
    evidence: str = Field(default="", max_length=MAX_EVIDENCE)
    involved: str = Field(default="", max_length=MAX_EVIDENCE)


class Override(_Model):
    """The toetser's motivated choice over a computed level or verdict."""

    value: str = Field(min_length=1, max_length=100)
    motivation: str = Field(min_length=1, max_length=MAX_EVIDENCE)
    computed: str | None = None
    by: str = Field(default="", max_length=300)
    at: datetime = Field(default_factory=utcnow)

    @field_validator("motivation")
    @classmethod
    def _motivated(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(_("een afwijking van de berekende score heeft een motivering nodig"))
        return value


class Overrides(_Model):
    dimensions: dict[str, Override] = Field(default_factory=dict)
    verdict: Override | None = None


class CoSignature(_Model):
    """A co-signing organisation's position, signed over the toets content."""

    organisation: str = Field(min_length=1, max_length=300)
    name: str = Field(min_length=1, max_length=300)
    role: str = Field(default="", max_length=300)
    position: Position
    remarks: str = Field(default="", max_length=MAX_EVIDENCE)
    signed_at: datetime
    content_digest: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    algorithm: str = Field(max_length=60)
    signature: str = Field(max_length=20_000)
    certificate: str = Field(max_length=40_000)
    chain: list[str] = Field(default_factory=list, max_length=10)
    open_problems: int | None = Field(default=None, ge=0, le=100_000)
    """How many open problems the toets had when the signer signed (signed; None: not
    recorded, as in signatures made before Toetsapp recorded it)."""
    timestamp: str = Field(default="", max_length=40_000)
    """An RFC 3161 timestamp token (base64 DER) over the SHA-256 of the signature value,
    from a timestamp service (``sign --tsa``; format 4): it proves when the signature
    existed. Not part of the signed message (it is made after it); empty: none."""


class Change(_Model):
    """One changed item of the content (see :mod:`toetsapp.review.items` for the keys).

    ``dropped`` marks a change whose values were left out to keep the file small
    (the key is still recorded)."""

    key: str = Field(min_length=1, max_length=400)
    old: Any = None
    new: Any = None
    dropped: bool = False


class Revision(_Model):
    """One save: who, when, why, which items changed (old and new values) and the
    content digest after the save (to find the version a co-signature was made over)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    at: datetime = Field(default_factory=utcnow)
    by: str = Field(default="", max_length=300)
    summary: str = Field(max_length=1000)
    changes: list[Change] = Field(default_factory=list, max_length=MAX_CHANGES)
    more_changes: int = Field(default=0, ge=0)
    digest: str | None = Field(default=None, pattern=r"^sha256:[0-9a-f]{64}$")


ReviewVerdict = Literal["akkoord", "aanpassen", "vraag"]
REVIEW_VERDICTS: tuple[ReviewVerdict, ...] = ("akkoord", "aanpassen", "vraag")


class Reply(_Model):
    """A reply in a comment thread."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    author: str = Field(default="", max_length=300)
    organisation: str = Field(default="", max_length=300)
    at: datetime = Field(default_factory=utcnow)
    text: str = Field(min_length=1, max_length=MAX_EVIDENCE)


class Resolution(_Model):
    """Who marked a comment resolved, and when."""

    by: str = Field(default="", max_length=300)
    organisation: str = Field(default="", max_length=300)
    at: datetime = Field(default_factory=utcnow)


class Comment(_Model):
    """A reviewer's comment on one question (``question`` set) or a whole section."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    section: str = Field(min_length=1, max_length=100)
    question: str | None = Field(default=None, max_length=100)
    author: str = Field(default="", max_length=300)
    organisation: str = Field(default="", max_length=300)
    at: datetime = Field(default_factory=utcnow)
    text: str = Field(min_length=1, max_length=MAX_EVIDENCE)
    replies: list[Reply] = Field(default_factory=list, max_length=500)
    resolved: Resolution | None = None


class SectionReview(_Model):
    """A reviewer's verdict on one section: akkoord, aanpassen or vraag."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    section: str = Field(min_length=1, max_length=100)
    verdict: ReviewVerdict
    author: str = Field(default="", max_length=300)
    organisation: str = Field(default="", max_length=300)
    at: datetime = Field(default_factory=utcnow)
    comment: str = Field(default="", max_length=MAX_EVIDENCE)


class EarlierVersion(_Model):
    """The signed content of a toets as an earlier format version held it.

    Kept when a co-signed toets is migrated, so its co-signatures can still be
    checked: they are valid when this content has their digest and migrating it
    gives exactly the current content (see ``docs/FORMATS.md``, "Migration").
    """

    format_version: int = Field(ge=1)
    content: dict[str, Any]


class Toets(_Model):
    """One toets: metadata, answers, overrides, co-signatures, revisions."""

    format: Literal["toetsapp/toets"] = FORMAT
    format_version: Literal[4] = FORMAT_VERSION
    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    language: Literal["nl", "en"] = "nl"
    form: DefinitionRef
    rubric: DefinitionRef | None = None
    metadata: Metadata = Field(default_factory=Metadata)
    answers: dict[str, Answer] = Field(default_factory=dict)
    not_applicable_sections: dict[str, NotApplicable] = Field(default_factory=dict)
    overrides: Overrides = Field(default_factory=Overrides)
    signatures: list[CoSignature] = Field(default_factory=list)
    revisions: list[Revision] = Field(default_factory=list, max_length=MAX_REVISIONS)
    comments: list[Comment] = Field(default_factory=list, max_length=MAX_COMMENTS)
    reviews: list[SectionReview] = Field(default_factory=list, max_length=MAX_COMMENTS)
    migrated_from: list[EarlierVersion] = Field(default_factory=list, max_length=20)
    _migration_notes: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _migrate_older(cls, data: Any) -> Any:
        """Data of an earlier format version is migrated first (never refused)."""
        version = data.get("format_version") if isinstance(data, dict) else None
        if isinstance(version, int) and not isinstance(version, bool) and (
                1 <= version < FORMAT_VERSION):
            from toetsapp.files.migration import migrated_copy

            data, _notes = migrated_copy(data)
        return data

    @property
    def migration_notes(self) -> list[str]:
        """What was migrated when this toets was read from an older format (not saved)."""
        return self._migration_notes

    @migration_notes.setter
    def migration_notes(self, notes: list[str]) -> None:
        self._migration_notes = list(notes)

    def not_applicable(self) -> dict[str, str]:
        """Question id to reason, for answers marked 'n.v.t.'."""
        return {qid: a.not_applicable.reason for qid, a in self.answers.items()
                if a.not_applicable is not None}

    def not_applicable_choices(self) -> dict[str, list[str]]:
        """Question id to the choices marked 'n.v.t.' (per-choice multichoices)."""
        return {qid: list(a.not_applicable_choices) for qid, a in self.answers.items()
                if a.not_applicable_choices}

    def not_applicable_section_reasons(self) -> dict[str, str]:
        return {sid: na.reason for sid, na in self.not_applicable_sections.items()}

    def answer_values(self) -> dict[str, Any]:
        """Question id to raw answer value."""
        return {qid: a.value for qid, a in self.answers.items()}
