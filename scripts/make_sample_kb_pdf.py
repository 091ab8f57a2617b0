"""Writes data/samples/knowledge/lost-device-sop.pdf, the sample knowledge PDF (reportlab).

Run: .venv/bin/python scripts/make_sample_kb_pdf.py"""

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer

OUT = (
    Path(__file__).resolve().parent.parent
    / "data"
    / "samples"
    / "knowledge"
    / "lost-device-sop.pdf"
)

SECTIONS = [
    ("h1", "Lost or Stolen Device SOP"),
    (
        "p",
        "Halvorsen &amp; Pike Logistics IT Service Desk. Owner: Information Security. "
        "Applies to company laptops, phones and tablets, and to personal phones enrolled "
        "in Intune for e-mail.",
    ),
    ("h2", "Act first: the first fifteen minutes"),
    (
        "p",
        "A lost or stolen device is a potential data breach. Raise the ticket at priority 2 "
        "(priority 1 if the device belongs to an executive or held customer data outside "
        "the managed apps) and start the steps below at once, before any paperwork.",
    ),
    (
        "list",
        [
            "Validate the caller with two checks as in the password reset SOP; a thief may "
            "call pretending to be the owner.",
            "In the Intune admin centre, lock the device and send a remote wipe for "
            "company-owned devices, or a selective wipe of company data for personal phones.",
            "Revoke the user's sign-in sessions in Entra ID and reset the password.",
            "Disable the laptop's BitLocker recovery key access and note its serial number.",
        ],
    ),
    ("h2", "Record the facts"),
    (
        "p",
        "Ask when and where the device was last seen, whether it was locked, whether it held "
        "customer documents outside OneDrive, and whether a police report was filed. Record "
        "the asset tag, serial number and IMEI for phones. Write the times of the lock and "
        "wipe commands in the work notes: Information Security relies on them.",
    ),
    ("h2", "Notify"),
    (
        "p",
        "Assign a task to Information Security (assignment group SEC-INCIDENT) within one "
        "hour. If the device held personal data of customers or staff, Information Security "
        "decides within 72 hours whether the data protection authority must be told; the "
        "service desk never contacts the authority or the press.",
    ),
    ("h2", "Replacement device"),
    (
        "p",
        'Order a replacement through the hardware catalogue item "Replacement laptop - '
        "loss or theft\" with the line manager's approval. The user's files return from "
        "OneDrive when they sign in; local files that were never synchronised are lost.",
    ),
    ("h2", "Closing the ticket"),
    (
        "p",
        "Category: Security / Lost or Stolen Device. Close notes must confirm the lock and "
        "wipe times, the password reset, the Information Security task number and the "
        "replacement order. If the device is found, keep it switched off and return it to "
        "IT for inspection before the user uses it again.",
    ),
]


def main() -> None:
    styles = getSampleStyleSheet()
    story = []
    for kind, content in SECTIONS:
        if kind == "list":
            story.append(
                ListFlowable(
                    [Paragraph(item, styles["BodyText"]) for item in content], bulletType="1"
                )
            )
        else:
            story.append(
                Paragraph(
                    content, styles[{"h1": "Heading1", "h2": "Heading2", "p": "BodyText"}[kind]]
                )
            )
        story.append(Spacer(1, 6))
    doc = SimpleDocTemplate(
        str(OUT),
        pagesize=A4,
        title="Lost or Stolen Device SOP",
        author="Halvorsen & Pike Logistics IT",
        invariant=1,
    )
    doc.build(story)
    print(OUT)


if __name__ == "__main__":
    main()
