"""Exceptions a REST client may want to tell apart; all are ValidationErrors (HTTP 417)."""

import frappe


class InvalidIDNumberError(frappe.ValidationError):
	pass


class DuplicateIDNumberError(frappe.ValidationError):
	pass


class InvalidMemberDatesError(frappe.ValidationError):
	pass


class InvalidOrganizationError(frappe.ValidationError):
	pass


class OrganizationInUseError(frappe.ValidationError):
	pass


class InsufficientFundError(frappe.ValidationError):
	pass


class DuplicatePaymentError(frappe.ValidationError):
	pass


class SelfApprovalError(frappe.PermissionError):
	pass


class PolicyLimitError(frappe.ValidationError):
	pass


class NoticePeriodError(frappe.ValidationError):
	pass


class LedgerEntryError(frappe.ValidationError):
	pass


class QuotaExceededError(frappe.ValidationError):
	pass


class DuplicateNominationError(frappe.ValidationError):
	pass


class IneligibleNomineeError(frappe.ValidationError):
	pass


class SelfNominationError(frappe.PermissionError):
	pass


class DuplicateHardshipCaseError(frappe.ValidationError):
	pass


class InvalidPairingError(frappe.ValidationError):
	pass


class BooksError(frappe.ValidationError):
	"""ERPNext's books cannot take a care-fund entry (settings, accounts)."""


class EmployeeMemberError(frappe.ValidationError):
	"""An Employee cannot become, or act as, a Member (ERPNext integration)."""


class DuplicateDuesShareError(frappe.DuplicateEntryError):
	"""A unit's dues share of one period to one fund is recorded once (HTTP 409)."""
