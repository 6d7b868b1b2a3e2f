"""The ``.toets`` document: one filled-in toets, the source of truth."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from toetsapp.i18n import _
from toetsapp.model.parliament import check_vergaderjaar, normalise_dossiernummer

FORMAT = "toetsapp/toets"
FORMAT_VERSION = 1
MAX_EVIDENCE = 20_000
MAX_REVISIONS = 200
MIN_MOTIVATION = 30  # characters (and MIN_MOTIVATION_WORDS words): a real sentence
MIN_MOTIVATION_WORDS = 4

Status = Literal["concept", "in_review", "definitief", "vastgesteld"]
STATUSES: tuple[Status, ...] = ("concept", "in_review", "definitief", "vastgesteld")
Position = Literal["akkoord", "akkoord_met_kanttekeningen", "niet_akkoord"]
POSITIONS: tuple[Position, ...] = ("akkoord", "akkoord_met_kanttekeningen", "niet_akkoord")



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


class Metadata(_Model):
    """What the toets is about and who made it."""

    title: str = Field(default="", max_length=1000)
    short_title: str = Field(default="", max_length=200)
    dossiernummer: str = Field(default="", max_length=20)
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

    @field_validator("dossiernummer")
    @classmethod
    def _normalise_dossier(cls, value: str) -> str:
        return normalise_dossiernummer(value)

    @field_validator("vergaderjaar")
    @classmethod
    def _consecutive_years(cls, value: str) -> str:
        return check_vergaderjaar(value)

    def citation(self) -> str:
        """Parliamentary citation, e.g. 'Kamerstukken II 2025/26, 36 501, nr. 3'."""
        year = f" {self.vergaderjaar}" if self.vergaderjaar else ""
        parts = [f"Kamerstukken {self.kamer}{year}"]
        if self.dossiernummer:
            parts.append(self.dossiernummer)
        if self.ondernummer:
            parts.append(
                self.ondernummer if self.ondernummer.isalpha() else f"nr. {self.ondernummer}"
            )
        return ", ".join(parts) if self.dossiernummer else ""


class Answer(_Model):
    """An answer with its evidence ("hoe weet je dit?") and who was involved."""

    value: Any = None
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


class Revision(_Model):
    at: datetime = Field(default_factory=utcnow)
    by: str = Field(default="", max_length=300)
    summary: str = Field(max_length=1000)


class Toets(_Model):
    """One toets: metadata, answers, overrides, co-signatures, revisions."""

    format: Literal["toetsapp/toets"] = FORMAT
    format_version: Literal[1] = FORMAT_VERSION
    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    language: Literal["nl", "en"] = "nl"
    form: DefinitionRef
    rubric: DefinitionRef | None = None
    metadata: Metadata = Field(default_factory=Metadata)
    answers: dict[str, Answer] = Field(default_factory=dict)
    overrides: Overrides = Field(default_factory=Overrides)
    signatures: list[CoSignature] = Field(default_factory=list)
    revisions: list[Revision] = Field(default_factory=list, max_length=MAX_REVISIONS)

    def answer_values(self) -> dict[str, Any]:
        """Question id to raw answer value."""
        return {qid: a.value for qid, a in self.answers.items()}
