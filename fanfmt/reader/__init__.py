"""Turn decoded text into a :class:`~fanfmt.model.Document` of plain paragraphs.

The reader only finds paragraphs and the blank-line gaps between them; every
structural and typographic decision is a rule (``fanfmt rules``)::

    read_text("Title\\n\\nOne.\\nTwo.\\n")
    → Document(blocks=(Paragraph((Text("Title"),), line=1),
                       Paragraph((Text("One."),), line=3),
                       Paragraph((Text("Two."),), line=4)))
"""

from __future__ import annotations

from fanfmt.model import Document, Meta
from fanfmt.reader.paragraphs import split_paragraphs


def read_text(text: str, meta: Meta | None = None) -> Document:
    """Read a raw chapter (already decoded) into a document of paragraphs."""
    return Document(blocks=tuple(split_paragraphs(text)), meta=meta or Meta())
