"""Writes kvk's built-in Word template, templates/brevmal.docx (docxtpl: Jinja inside Word).

    .venv/bin/python -m tests.documents.make_word_template

A municipality makes its own from its letter template in Word: keep its header, styles and
margins, and put these tags in the body (each {%p %} tag in a paragraph of its own):

    {%p for b in blokker %}
    {%p if b.type == "h1" %}  {{ b.tekst }}   (style Heading 1; likewise h2, h3 with Heading 2, 3)
    {%p elif b.type == "p" %}  {{ b.tekst }}  (Normal; "li" with List Bullet)
    {%p elif b.type == "table" %}  a table of three columns and six rows (a {%tc %} tag takes its
        cell, a {%tr %} tag its row): {%tr if b.hode %}; {%tc for c in b.hode %} | {{ c }} | {%tc endfor %}; {%tr endif %};
        {%tr for r in b.rader %}; {%tc for c in r %} | {{ c }} | {%tc endfor %}; {%tr endfor %}
    {%p endif %}
    {%p endfor %}

and the letterhead fields anywhere (header, footer, body): {{ brev.navn }}, {{ brev.adresse_linje }},
{{ brev.organisasjonsnummer }}, {{ brev.variant }}, {{ tittel }}.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parents[2] / "templates" / "brevmal.docx"


def build(path: Path = OUT) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(25), Mm(22)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
        doc.styles[name].font.name = "DejaVu Serif"
    doc.styles["Normal"].font.size = Pt(11)

    header = section.header.paragraphs[0]
    header.text = "{{ brev.navn }}"
    header.runs[0].bold = True
    line = section.header.add_paragraph("{{ brev.adresse_linje }}")
    line.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.text = "{{ brev.variant }}"
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    body = doc.add_paragraph
    body("{%p for b in blokker %}")
    body('{%p if b.type == "h1" %}')
    doc.add_paragraph("{{ b.tekst }}", style="Heading 1")
    body('{%p elif b.type == "h2" %}')
    doc.add_paragraph("{{ b.tekst }}", style="Heading 2")
    body('{%p elif b.type == "h3" %}')
    doc.add_paragraph("{{ b.tekst }}", style="Heading 3")
    body('{%p elif b.type == "li" %}')
    doc.add_paragraph("{{ b.tekst }}", style="List Bullet")
    body('{%p elif b.type == "table" %}')
    # docxtpl: a {%tc %} tag takes its whole cell, a {%tr %} tag its whole row
    table = doc.add_table(rows=6, cols=3)
    table.style = "Table Grid"
    for row, cells in enumerate((("{%tr if b.hode %}", "", ""),
                                 ("{%tc for c in b.hode %}", "{{ c }}", "{%tc endfor %}"),
                                 ("{%tr endif %}", "", ""),
                                 ("{%tr for r in b.rader %}", "", ""),
                                 ("{%tc for c in r %}", "{{ c }}", "{%tc endfor %}"),
                                 ("{%tr endfor %}", "", ""))):
        for col, text in enumerate(cells):
            table.cell(row, col).text = text
    for cell in table.rows[1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    body("{%p else %}")
    body("{{ b.tekst }}")
    body("{%p endif %}")
    body("{%p endfor %}")
    doc.core_properties.title = "{{ tittel }}"
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
