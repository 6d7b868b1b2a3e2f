"""The dossier manifest (``*.dossier.json``): which PDFs, in which order, for which bill.

Pure pydantic models; the JSON Schema ``docs/dossier.schema.json`` is generated from
:class:`Manifest` (``python -m toetsapp.schemas``). File paths are relative to the
folder of the manifest and may not leave it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from toetsapp.i18n import _
from toetsapp.model.parliament import check_vergaderjaar, normalise_dossiernummer
from toetsapp.model.toets import Metadata, Person

FORMAT = "toetsapp/dossier"
FORMAT_VERSION = 1
MAX_DOCUMENTS = 500
SCHEMA_URL = "https://toetsapp.nl/schema/dossier.schema.json"

DocumentKind = Literal["toets", "document"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class DossierInfo(_Model):
    """The bill and the people behind the dossier."""

    dossiernummer: str = Field(description="Kamerstuknummer van het wetsvoorstel, zoals "
                                           "'36 812' of '36 600 VI'", max_length=20)
    joint_dossiernummers: list[str] = Field(
        default_factory=list, max_length=20,
        description="Andere wetsvoorstellen die de Kamers hiermee samen behandelen, zoals "
                    "['36 813']; de vermelding noemt ze allemaal")
    title: str = Field(min_length=1, max_length=1000, description="Titel van het dossier")
    vergaderjaar: str = Field(default="", pattern=r"^(\d{4}/\d{2})?$",
                              description="Vergaderjaar, zoals '2025/26'")
    kamer: Literal["II", "I"] = Field(default="II", description="II: Tweede Kamer; "
                                                                 "I: Eerste Kamer")
    ondernummer: str = Field(default="", max_length=10, pattern=r"^(\d{0,4}|[A-Z]{1,3})$",
                             description="Ondernummer (Tweede Kamer) of letter (Eerste "
                                         "Kamer) van het stuk waarbij het dossier hoort")
    coordinator: Person = Field(default_factory=Person,
                                description="Wie het dossier samenstelt")
    date: dt.date | None = Field(default=None, description="Datum van het dossier (leeg: de "
                                                        "dag van het samenstellen)")

    @field_validator("dossiernummer")
    @classmethod
    def _normalise_dossier(cls, value: str) -> str:
        return normalise_dossiernummer(value, required=True)

    @field_validator("joint_dossiernummers")
    @classmethod
    def _normalise_joint(cls, values: list[str]) -> list[str]:
        return [normalise_dossiernummer(v, required=True) for v in values]

    @field_validator("vergaderjaar")
    @classmethod
    def _consecutive_years(cls, value: str) -> str:
        return check_vergaderjaar(value)

    def dossiernummers(self) -> list[str]:
        """The main dossier, then those treated jointly."""
        return [self.dossiernummer] + [d for d in self.joint_dossiernummers
                                       if d != self.dossiernummer]

    def citation(self) -> str:
        """'Kamerstukken II 2025/26, 36 812' (with ', nr. 3' when an ondernummer is set;
        '36 812 en 36 813' for bills treated together)."""
        return Metadata(dossiernummer=self.dossiernummer, kamer=self.kamer,
                        joint_dossiernummers=self.joint_dossiernummers,
                        vergaderjaar=self.vergaderjaar, ondernummer=self.ondernummer).citation()


class DocumentEntry(_Model):
    """One PDF of the dossier, in the order it appears."""

    file: str = Field(min_length=1, max_length=1000,
                      description="Pad van de PDF, relatief aan de map van het manifest")
    kind: DocumentKind = Field(default="toets", description="'toets': een Toetsapp-PDF (de "
                               "toets erin wordt gelezen en vergeleken); 'document': een "
                               "andere PDF, zoals de memorie van toelichting")
    title: str = Field(default="", max_length=500, description="Titel in de inhoudsopgave "
                       "(leeg: uit de toets of de PDF)")
    proposal: str = Field(default="", max_length=200, description="Naam van het voorstel "
                          "of de variant, om concurrerende voorstellen te onderscheiden "
                          "(leeg: de korte titel uit de toets)")
    sha256: str = Field(default="", pattern=r"^([0-9a-f]{64})?$", description="SHA-256 "
                        "van het bestand (hexadecimaal). Ingevuld: het dossier wordt alleen "
                        "gemaakt als het bestand precies dit is. Het manifest in een dossier "
                        "heeft dit voor elk document ingevuld")

    @field_validator("file")
    @classmethod
    def _no_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(_("geef een bestandsnaam"))
        return value


class Manifest(_Model):
    """A dossier: the bill, the language of its own pages, and the documents in order."""

    schema_: str = Field(default=SCHEMA_URL, alias="$schema",
                         description="Het JSON Schema van dit bestand")
    format: Literal["toetsapp/dossier"] = FORMAT
    format_version: Literal[1] = FORMAT_VERSION
    language: Literal["nl", "en"] = Field(default="nl", description="Taal van het omslag, "
                                          "de inhoud en de vergelijking")
    dossier: DossierInfo
    documents: list[DocumentEntry] = Field(min_length=1, max_length=MAX_DOCUMENTS)

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True)

    @property
    def toets_entries(self) -> list[DocumentEntry]:
        return [d for d in self.documents if d.kind == "toets"]
