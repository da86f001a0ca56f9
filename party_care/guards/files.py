"""Files attached to the app's records are what they claim to be, and only who may read the record
reads (or counts) them.

* Content, not the name: a file's first bytes must be those of its extension's format (a PDF
  starts with `%PDF-`, a PNG with its signature, …); an image must decode, a PDF must open, be
  unencrypted and carry no JavaScript (Frappe 16 refuses such a PDF with a 500 from its PDF
  library; 15 does not look); markup that a browser would run (HTML, SVG, XML) is refused
  whatever it is called. Checked where files arrive — the
  member's application (portal.apply), the desk's upload (`frappe.handler.upload_file`,
  overrides/files.py) and every File row attached to an app record (doc_events) — with a
  translated 417, nothing saved (Frappe deletes a written file when the insert rolls back).
* Served with `X-Content-Type-Options: nosniff` (guards/request.py), so a browser never guesses
  another type.
* Frappe lets any desk user list File rows attached to any DocType he may read at all (a
  secretary of branch B saw the names and URLs of branch A's diagnosis PDFs) and counts them
  without permissions: `query_conditions` narrows File rows of app records to records the user
  may read, and the count override counts Files that way too.
"""

import io

import frappe
from frappe import _, bold

from party_care.guards.visibility import is_app_doctype

# extension → the formats its content may have
FORMATS = {
	"pdf": {"pdf"},
	"jpg": {"jpeg"},
	"jpeg": {"jpeg"},
	"png": {"png"},
	"gif": {"gif"},
	"docx": {"zip"},
	"xlsx": {"zip"},
	"pptx": {"zip"},
	"odt": {"zip"},
	"ods": {"zip"},
	"doc": {"ole"},
	"xls": {"ole"},
	"ppt": {"ole"},
	"txt": {"text"},
	"csv": {"text"},
}
IMAGES = {"jpeg", "png", "gif"}
SIGNATURES = (
	(b"%PDF-", "pdf"),
	(b"\xff\xd8\xff", "jpeg"),
	(b"\x89PNG\r\n\x1a\n", "png"),
	(b"GIF87a", "gif"),
	(b"GIF89a", "gif"),
	(b"PK\x03\x04", "zip"),
	(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
)
ACTIVE_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe", b"<head")


def sniff(content: bytes) -> str | None:
	"""The format of `content` from its first bytes (None: unknown)."""
	for signature, kind in SIGNATURES:
		if content.startswith(signature):
			return kind
	head = content[:2048].lstrip().lower()
	if any(tag in head for tag in ACTIVE_MARKUP):
		return "markup"
	try:
		content[:65536].decode("utf-8")
	except UnicodeDecodeError:
		return None
	return "text"


def check_content(filename: str, content, extensions=None) -> None:
	"""Refuse (417, translated) a file whose content is not what its name says."""
	if isinstance(content, str):
		content = content.encode("utf-8")
	extension = filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
	allowed = FORMATS if extensions is None else {e: FORMATS[e] for e in extensions}
	if extension not in allowed:
		frappe.throw(
			_("{0}: files of this type cannot be attached.").format(bold(filename)), title=_("Invalid File")
		)
	kind = sniff(content or b"")
	if kind not in allowed[extension]:
		frappe.throw(
			_("{0} is not a real {1} file: its content is of another kind.").format(
				bold(filename), extension.upper()
			),
			title=_("Invalid File"),
		)
	if kind in IMAGES:
		from PIL import Image

		try:
			with Image.open(io.BytesIO(content)) as image:
				image.verify()
		except Exception:
			frappe.throw(
				_("{0} is not a picture that can be opened.").format(bold(filename)), title=_("Invalid File")
			)
	if kind == "pdf":
		problem = pdf_problem(content)
		if problem:
			frappe.throw(problem.format(bold(filename)), title=_("Invalid File"))


def pdf_problem(content: bytes) -> str | None:
	"""Why a PDF may not be attached (a translated message with {0} for its name), or None."""
	from pypdf import PdfReader
	from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

	try:
		reader = PdfReader(io.BytesIO(content))
		# many bank and scanner PDFs are "encrypted" with an empty password (to restrict printing):
		# they open for anyone and are taken; one that needs a password is not
		if reader.is_encrypted and not reader.decrypt(""):
			return _("{0} is an encrypted PDF: upload it without a password, so the officers can read it.")
		root = reader.trailer["/Root"].get_object()
		len(reader.pages)
	except Exception:
		return _("{0} is not a PDF that can be opened.")
	# JavaScript anywhere in the document's objects (actions, names, annotations), each object once
	seen, stack = set(), [root]
	while stack and len(seen) < 100_000:
		obj = stack.pop()
		if isinstance(obj, IndirectObject):
			if (obj.idnum, obj.generation) in seen:
				continue
			seen.add((obj.idnum, obj.generation))
			try:
				obj = obj.get_object()
			except Exception:
				return _("{0} is not a PDF that can be opened.")
		if isinstance(obj, DictionaryObject):
			if "/JS" in obj or "/JavaScript" in obj:
				return _("{0} contains JavaScript: PDFs with scripts cannot be attached.")
			stack.extend(obj.values())
		elif isinstance(obj, ArrayObject):
			stack.extend(obj)
	return None


def on_file_validate(doc) -> None:
	"""A new File on an app record: its content is what its name says."""
	if doc.is_folder or not doc.is_new() or not is_app_doctype(doc.attached_to_doctype):
		return
	if doc.file_url and doc.file_url.startswith(("http://", "https://")):
		frappe.throw(_("Files on these records are uploaded, not linked."), title=_("Invalid File"))
	check_content(doc.file_name or doc.file_url or "", doc.get_content())


# --- who lists and counts them ------------------------------------------------------------------


def attached_app_doctypes() -> list[str]:
	cached = getattr(frappe.local, "party_care_attached_doctypes", None)
	if cached is None:
		file = frappe.qb.DocType("File")
		found = (
			frappe.qb.from_(file)
			.select(file.attached_to_doctype)
			.distinct()
			.where(file.attached_to_doctype.isnotnull())
			.run(pluck=True)
		)
		cached = frappe.local.party_care_attached_doctypes = [dt for dt in found if is_app_doctype(dt)]
	return cached


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""File rows attached to an app record: only those of records the user may list."""
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	app_doctypes = attached_app_doctypes()
	if not app_doctypes:
		return ""
	table = "`tabFile`"
	allowed = []
	for dt in app_doctypes:
		if frappe.has_permission(dt, "read", user=user):
			names = frappe.get_list(dt, fields=["name"], order_by=None, user=user, run=False)
			allowed.append(
				f"({table}.`attached_to_doctype` = {frappe.db.escape(dt)} and {table}.`attached_to_name` in ({names}))"
			)
	listed = ", ".join(frappe.db.escape(dt) for dt in app_doctypes)
	return "({})".format(
		" or ".join([f"ifnull({table}.`attached_to_doctype`, '') not in ({listed})", *allowed])
	)
