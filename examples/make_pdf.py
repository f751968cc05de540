#!/usr/bin/env python3
"""Renders the example academic paper to PDF (uyghur-militancy-paper.pdf).

Not needed at build time: the PDF is committed. Re-run after editing the text:
    pip install fpdf2==2.8.9 && python3 make_pdf.py
The text is original, written for Evident's example corpus; the author and
university are invented. Core PDF fonts are used so the file stays small;
they cover Latin-1 only, so keep the text to that range.
"""

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).parent / "corpus" / "uyghur-militancy-paper.pdf"

TITLE = "Counting Uyghur Militants Abroad: Sources, Incentives and Uncertainty"
AUTHOR = "Helena Marsk"
AFFILIATION = "Institute of Conflict Studies, University of Northmoor"

ABSTRACT = (
    "Estimates of the number of Uyghurs who joined armed groups in Syria differ by more "
    "than an order of magnitude. This paper compares the published figures, asks who "
    "produced them and why, and traces the organisations and routes behind them."
)

SECTIONS = [
    (
        "1. Organisations",
        [
            "The East Turkestan Islamic Movement (ETIM), a predecessor of the Turkestan "
            "Islamic Party (TIP), was founded in the 1990s by Hasan Mahsum. Mahsum, the "
            "leader of ETIM, was killed by Pakistani troops in South Waziristan on 2 October "
            "2003. Under his successor Abdul Haq al-Turkistani, the leader of the TIP, the "
            "group rebuilt itself in the tribal areas of Pakistan. Abdul Haq was reported "
            "killed in a drone strike in 2010 but later reappeared in the group's videos.",
            "From 2013 the TIP sent fighters to Syria. Its Syrian branch fought alongside "
            "Jabhat al-Nusra and took part in the capture of Jisr al-Shughur in Idlib province "
            "in April 2015. The TIP is allied with al-Qaeda and is a rival of the Islamic "
            "State, which recruited a smaller number of Uyghurs.",
        ],
    ),
    (
        "2. Routes",
        [
            "Most travellers left China without passports. Interviews with returnees and "
            "court records describe a journey from Xinjiang through Yunnan and Southeast Asia "
            "to Turkey and then Syria. Smugglers moved people across the border into Laos or "
            "Vietnam, then through Thailand to Malaysia, from where they flew to Istanbul on "
            "forged documents. A smaller number travelled from Xinjiang through Pakistan to "
            "Turkey.",
        ],
    ),
    (
        "3. Estimates",
        [
            "Table 1 lists the main published figures. They range from about 300 to up to "
            "5,000 Uyghur fighters.",
        ],
    ),
    (
        "4. Discussion",
        [
            "The highest figures come from the Syrian government, which seeks Chinese "
            "support, and the lowest from Chinese state media, which for years avoided "
            "admitting that many citizens had joined jihadist groups. Neither side has "
            "published its method. Counts of named fighters in TIP propaganda suggest a "
            "total in the low thousands including family members, of whom perhaps half "
            "were combatants.",
            "We conclude that any figure above 2,000 fighters should be treated as "
            "unsupported until its source explains how it was reached.",
        ],
    ),
]

TABLE = [
    ("Source", "Date", "Estimate"),
    ("Global Times (China)", "December 2014", "about 300 with the Islamic State"),
    ("Imad Moustapha, Syrian ambassador to China", "May 2017", "up to 5,000"),
    ("Lena Hartwig, Baltic Institute for Security Studies", "May 2017", "1,000 to 2,000"),
    ("Daniel Okafor, University of Northmoor", "May 2017", "no evidence of thousands"),
]

REFERENCES = [
    "Eastbridge Wire (2017) 'How many Uyghur fighters are in Syria? Nobody agrees', 20 May.",
    "Meridian Forum for Conflict Data (2016) Foreign fighters in Syria and Iraq, January.",
]


def build() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_compression(True)
    pdf.set_title(TITLE)
    pdf.set_author(AUTHOR)
    pdf.set_subject("Working paper, example corpus of Evident")
    pdf.set_creator("make_pdf.py (fpdf2)")
    # A fixed date keeps the bytes, and so the document id, stable across runs.
    pdf.set_creation_date(datetime(2021, 6, 15, tzinfo=timezone.utc))
    pdf.set_margins(22, 20, 22)
    pdf.add_page()

    pdf.set_font("Times", "B", 15)
    pdf.multi_cell(0, 7, TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Times", "", 11)
    pdf.cell(0, 6, AUTHOR, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "I", 10)
    pdf.cell(0, 5, AFFILIATION, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, "Working Paper 7, June 2021", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    pdf.set_font("Times", "B", 11)
    pdf.cell(0, 6, "Abstract", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "I", 10.5)
    pdf.multi_cell(0, 5, ABSTRACT, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    for heading, paragraphs in SECTIONS:
        pdf.set_font("Times", "B", 12)
        pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Times", "", 11)
        for para in paragraphs:
            pdf.multi_cell(0, 5.5, para, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        if heading.startswith("3."):
            table(pdf)

    pdf.set_font("Times", "B", 12)
    pdf.cell(0, 7, "References", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "", 10)
    for ref in REFERENCES:
        pdf.multi_cell(0, 5, ref, new_x="LMARGIN", new_y="NEXT")
    return pdf


def table(pdf: FPDF) -> None:
    pdf.set_font("Times", "B", 10)
    pdf.cell(0, 6, "Table 1. Published estimates of Uyghur fighters in Syria", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", "", 10)
    with pdf.table(col_widths=(80, 30, 56), text_align="LEFT", line_height=5.5) as t:
        for row in TABLE:
            r = t.row()
            for cell in row:
                r.cell(cell)
    pdf.ln(3)


if __name__ == "__main__":
    build().output(str(OUT))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
