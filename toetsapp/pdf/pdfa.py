"""PDF/A-3a and PDF/UA-1 identification: XMP metadata, sRGB output intent, catalog flags.

The XMP repeats the document information dictionary (title, author, subject,
keywords, creator tool, producer, dates: PDF/A wants them equal) and adds the
language, the organisations, the PDF/A-3a and PDF/UA-1 identification and the
Kamerstuk identifiers in Toetsapp's own schema, described in a ``pdfaExtension``
block as PDF/A requires for a schema it does not know. The sRGB ICC profile is
made by Little CMS through Pillow (no binary shipped).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format

NAMESPACE = "https://toetsapp.nl/ns/kamerstuk/1.0/"
PREFIX = "kamerstuk"
FIELDS = {
    "dossiernummers": "Dossiernummer(s) van het Kamerstuk, door komma's gescheiden",
    "ondernummer": "Ondernummer of letter van het Kamerstuk",
    "vergaderjaar": "Vergaderjaar, zoals 2025/26",
    "kamer": "Kamer: II (Tweede Kamer) of I (Eerste Kamer)",
    "citation": "Citeertitel, zoals 'Kamerstukken II 2025/26, 36 501, nr. 3'",
    "document": "Kamerstukdocumentnummer (zoals 2025D12345)",
    "zaaknummer": "Zaaknummer (zoals 2025Z12345)",
}


@dataclass(frozen=True)
class Archive:
    """What the XMP says beyond the information dictionary."""

    language: str
    """BCP 47, e.g. 'nl-NL'."""
    identifiers: Sequence[tuple[str, str]] = ()
    """(field of :data:`FIELDS`, value) pairs; empty values are left out."""


class PlainStream(PDFStream):
    """A stream written as it is, without /Filter (PDF/A wants readable XMP)."""

    def format(self, document: Any) -> bytes:
        d = PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        d["Length"] = len(content)
        return (pdf_format(d, document) + b"\nstream\n" + pdf_format(content, document)
                + b"endstream\n")


@cache
def srgb_profile() -> bytes:
    """An sRGB IEC 61966-2.1 ICC profile, made by Little CMS."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def _xmp_date(doc: Any) -> str:
    ts = doc._timeStamp
    y, mo, d, h, mi, s = ts.YMDhms
    sign = "+" if ts.dhh >= 0 else "-"
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{sign}{abs(ts.dhh):02d}:{ts.dmm:02d}"


def _text(value: object) -> str:
    return escape(str(value), {'"': "&quot;"})


def _property(name: str, kind: str, description: str) -> str:
    return ('<rdf:li rdf:parseType="Resource">'
            f"<pdfaProperty:name>{name}</pdfaProperty:name>"
            f"<pdfaProperty:valueType>{kind}</pdfaProperty:valueType>"
            "<pdfaProperty:category>external</pdfaProperty:category>"
            f"<pdfaProperty:description>{_text(description)}</pdfaProperty:description>"
            "</rdf:li>")


def _schema(title: str, uri: str, prefix: str, properties: str) -> str:
    return ('<rdf:li rdf:parseType="Resource">'
            f"<pdfaSchema:schema>{title}</pdfaSchema:schema>"
            f"<pdfaSchema:namespaceURI>{uri}</pdfaSchema:namespaceURI>"
            f"<pdfaSchema:prefix>{prefix}</pdfaSchema:prefix>"
            f"<pdfaSchema:property><rdf:Seq>{properties}</rdf:Seq></pdfaSchema:property>"
            "</rdf:li>")


def xmp(info: Any, date: str, archive: Archive) -> bytes:
    """The XMP packet for a document with information dictionary ``info``."""
    lang = _text(archive.language)
    ids = "".join(f"<{PREFIX}:{key}>{_text(value)}</{PREFIX}:{key}>"
                  for key, value in archive.identifiers if value and key in FIELDS)
    schemas = _schema("Toetsapp Kamerstuk", NAMESPACE, PREFIX, "".join(
        _property(key, "Text", text) for key, text in FIELDS.items()))
    schemas += _schema("PDF/UA Universal Accessibility", "http://www.aiim.org/pdfua/ns/id/",
                       "pdfuaid", _property("part", "Integer", "PDF/UA part"))
    body = f"""<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:{PREFIX}="{NAMESPACE}"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_text(info.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{_text(info.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_text(info.subject)}</rdf:li></rdf:Alt>\
</dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{_text(info.keywords)}</pdf:Keywords>
<pdf:Producer>{_text(info.producer)}</pdf:Producer>
<xmp:CreatorTool>{_text(info.creator)}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfaid:part>3</pdfaid:part>
<pdfaid:conformance>A</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
{ids}
<pdfaExtension:schemas><rdf:Bag>{schemas}</rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""
    packet = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
              '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
              '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
              f"{body}\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
    return packet.encode("utf-8")


def write_archive(canv: Any, archive: Archive | None) -> None:
    """Add XMP metadata, the sRGB output intent and the catalog flags PDF/UA asks."""
    doc = canv._doc
    catalog = doc.Catalog
    if archive is None:
        lang = getattr(catalog, "Lang", None)
        archive = Archive(str(getattr(lang, "s", lang) or "nl-NL"))
    if not getattr(catalog, "Lang", None):
        catalog.Lang = PDFString(archive.language)
    canv.setViewerPreference("DisplayDocTitle", "true")
    metadata = PlainStream(PDFDictionary({"Type": PDFName("Metadata"),
                                          "Subtype": PDFName("XML")}),
                           xmp(doc.info, _xmp_date(doc), archive))
    catalog.Metadata = doc.Reference(metadata)
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary({
        "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
        "RegistryName": PDFString("http://www.color.org"),
        "Info": PDFString("sRGB IEC61966-2.1"), "DestOutputProfile": doc.Reference(profile)})
    catalog.OutputIntents = PDFArray([intent])
    keys = list(getattr(catalog, "__NoDefault__", type(catalog).__NoDefault__))
    catalog.__NoDefault__ = [*keys, *(k for k in ("OutputIntents", "AF") if k not in keys)]
