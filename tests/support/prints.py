"""PDF prints and the browser tests: this bench's own asset map (and the `own_assets_json` fixture in
tests/conftest.py), the text of a PDF."""

import io
import unicodedata

import frappe


def pdf_text(pdf: bytes) -> str:
	from pypdf import PdfReader

	reader = PdfReader(io.BytesIO(pdf))
	# CJK fonts map some characters to Kangxi radicals (⾦ for 金): NFKC folds them back
	return unicodedata.normalize("NFKC", "".join(page.extract_text() or "" for page in reader.pages))


def own_assets_cache(server: str | None = None):
	"""Frappe 15 caches its asset map under the Redis key `assets_json` shared by every bench on
	the Redis server; a neighbour bench on another Frappe version leaves an entry this one cannot
	unpickle (pages then fail with "No module named frappe.types.frappedict"). Drop it and let this
	bench's server write its own before a browser run."""
	import requests

	from tests.support.site import SITE

	frappe.cache.delete_value("assets_json", shared=True)
	if server:
		requests.get(f"{server}/login", headers={"X-Frappe-Site-Name": SITE}, timeout=60)


def _pdf(script: str | None = None, password: str | None = None) -> bytes:
	from pypdf import PdfWriter

	writer = PdfWriter()
	writer.add_blank_page(width=72, height=72)
	if script:
		writer.add_js(script)
	if password is not None:
		writer.encrypt(user_password=password, owner_password="owner-only")
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


# A real one-page PDF: Frappe 16 opens every uploaded PDF, and so does the app's content check on both
# lines; the same page opening a script; one locked by a password, one "encrypted" with an empty
# password (as banks' and scanners' PDFs are: it opens for anyone); a file that only starts like a PDF.
PDF = _pdf()
PDF_WITH_SCRIPT = _pdf("app.alert(1)")
PDF_LOCKED = _pdf(password="123456")
PDF_OPEN_ENCRYPTED = _pdf(password="")
NOT_A_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
