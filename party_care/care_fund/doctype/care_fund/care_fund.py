# Copyright (c) 2026, party_care contributors
# License: MIT. See LICENSE

from frappe.model.document import Document

from party_care.care_fund.ledger import get_balance
from party_care.integrations.erpnext import books


class CareFund(Document):
	def validate(self):
		books.validate_fund(self)

	@property
	def balance(self) -> float:
		return get_balance(self.name) if self.name and not self.is_new() else 0.0
