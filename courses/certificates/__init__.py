"""Certificates: issued once when a learner completes a course, shown as a
printable page and a PDF, verifiable by anyone who has the code, and
downloadable as an Open Badges 3.0 credential.

- codes.py    certificate codes, and finding a certificate by its code
- issuing.py  the rules: issue once (on `course_completed`), revoke, reinstate, what a certificate shows
- pdf.py      the PDF (fpdf2 with HarfBuzz shaping, the site's own Noto fonts)
- qr.py       the QR code to the verification page, as SVG and as PDF drawing
- badge.py    the Open Badges 3.0 credential and the issuer profile, signed
- signing.py  the issuer's Ed25519 key and the Data Integrity proof
"""
