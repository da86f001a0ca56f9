"""China resident identity card numbers (GB 11643-1999): checksum, birth date, gender, masking."""

import datetime
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


def normalize(value: str | None) -> str:
	return (value or "").strip().upper()


def check_char(first17: str) -> str:
	return _CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def is_well_formed(value: str) -> bool:
	"""18 characters, the last a digit or X, and the check character right."""
	return bool(_PATTERN.match(value)) and check_char(value[:17]) == value[17]


def birth_date(value: str) -> datetime.date | None:
	"""The birth date embedded in positions 7–14, or None when it is no real date."""
	try:
		return datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
	except ValueError:
		return None


def gender(value: str) -> str:
	"""Position 17 is odd for men, even for women."""
	return "Male" if int(value[16]) % 2 else "Female"


def mask(value: str | None) -> str:
	"""Keep the region's first four and the last four characters: 3201**********123X."""
	value = normalize(value)
	if len(value) < 8:
		return "*" * len(value)
	return value[:4] + "*" * (len(value) - 8) + value[-4:]


def make(region: str, born: datetime.date, sequence: int) -> str:
	"""Build a valid number (demo data and tests): 6-digit region, birth date, 3-digit sequence."""
	first17 = f"{region}{born:%Y%m%d}{sequence % 1000:03d}"
	return first17 + check_char(first17)
