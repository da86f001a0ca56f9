"""Chart labels that read in Chinese: Frappe Charts writes each axis label in one line and cuts
a label longer than its slot to its first letters and " ..." ("离退休第一党支部 ...", or "办 ..."
on a workspace), with no rotation or wrapping. So organisations are named short on chart axes."""

import frappe

# what organisations' names end in, and how short an axis says it ("办公室党支部" → "办公室")
_SUFFIXES = (
	("党总支部", ""),
	("党总支", ""),
	("总支部", ""),
	("党支部", ""),
	("党小组", "小组"),
	("党委", ""),
	("总支", ""),
	("支部", ""),
)


def _short(name: str) -> str:
	for suffix, short in _SUFFIXES:
		if name.endswith(suffix) and len(name) - len(suffix) >= 2:
			return name[: -len(suffix)] + short
	return name


def short_org_labels(names: list[str]) -> list[str]:
	"""One short label per organisation, in order: the name without the organisation word it ends
	in, and one named after its parent by what follows the parent's name ("离退休第一党支部第一党小组"
	→ "第一小组"); the full name where two short ones would be the same."""
	parents = dict(
		frappe.get_all(
			"Party Organization",
			filters={"name": ["in", list(set(names)) or [""]]},
			fields=["name", "parent_party_organization"],
			as_list=True,
		)
	)
	labels = []
	for name in names:
		parent = parents.get(name) or ""
		rest = name[len(parent) :] if parent and name.startswith(parent) else name
		labels.append(_short(rest if len(rest) >= 2 else name))
	clashes = {label for label in labels if labels.count(label) > 1}
	return [name if label in clashes else label for name, label in zip(names, labels, strict=True)]


def in_wan(values: list[float]) -> tuple[list[float], bool]:
	"""Amounts for a chart: in 万元 (two decimals) once the largest reaches 1,000 yuan — Frappe
	Charts would write "6 K" on the axis — else in yuan. Returns the values and whether in 万元."""
	if max((abs(v or 0) for v in values), default=0) < 1000:
		return list(values), False
	return [round((v or 0) / 10000, 2) for v in values], True
