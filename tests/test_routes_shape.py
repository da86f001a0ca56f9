"""Every approval route's controller against the Workflow the app ships for it
(party_care/workflow/<doctype>.json): the Workflow says who may take which step, the controller
what each step must carry — so the two name the same states and the same transitions. A step
added to one side only (a new action in the JSON the controller does not check, or a handler for
a step no one can take) fails here, not in front of a user."""

from frappe.model.base_document import get_controller

from party_care.controllers.approval import ApprovalRoute
from party_care.controllers.notice import PublicNotice
from party_care.workflow import definitions
from tests.support.world import app_doctypes

NOTICE = "Public Notice"


def routes() -> dict[str, type]:
	"""The app's DocTypes whose controller is an approval route."""
	return {
		doctype: controller
		for doctype in app_doctypes()
		if issubclass(controller := get_controller(doctype), ApprovalRoute)
	}


def workflows() -> dict[str, dict]:
	return {definition["document_type"]: definition for definition in definitions()}


def mismatches(route: type, workflow: dict) -> list[str]:
	"""What the controller and its Workflow disagree on, in words."""
	states = [s["state"] for s in workflow["states"]]
	final = {s["state"] for s in workflow["states"] if str(s.get("doc_status", 0)) == "1"}
	shipped = {(t["state"], t["next_state"]) for t in workflow["transitions"]}
	declared = set(route.TRANSITIONS)
	name = route.__name__
	problems = [
		f"{name}: the workflow's transition {step} is not in TRANSITIONS (its method, or None if plain)"
		for step in sorted(shipped - declared)
	]
	problems += [
		f"{name}: TRANSITIONS {step} is no transition of the workflow" for step in sorted(declared - shipped)
	]
	problems += [
		f"{name}: TRANSITIONS {step} names {method!r}, which it does not have"
		for step, method in route.TRANSITIONS.items()
		if method is not None and not callable(getattr(route, method, None))
	]
	if route.DRAFT != states[0]:
		problems.append(f"{name}: DRAFT is {route.DRAFT!r}, the workflow starts in {states[0]!r}")
	if set(route.FINAL_STATES) != final:
		problems.append(
			f"{name}: FINAL_STATES {sorted(route.FINAL_STATES)} ≠ submitted states {sorted(final)}"
		)
	if unknown := set(route.EDITABLE) - set(states):
		problems.append(f"{name}: EDITABLE names states the workflow does not have: {sorted(unknown)}")
	if unsaid := set(states) - final - set(route.EDITABLE):
		problems.append(f"{name}: EDITABLE does not say what may change in {sorted(unsaid)}")
	if (NOTICE in states) != issubclass(route, PublicNotice):
		problems.append(f"{name}: a workflow with a {NOTICE!r} state goes with PublicNotice, and only it")
	return problems


def test_every_route_has_its_workflow_and_every_workflow_its_route():
	assert sorted(routes()) == sorted(workflows())


def test_every_route_matches_its_workflow():
	shipped = workflows()
	problems = [p for doctype, route in routes().items() for p in mismatches(route, shipped[doctype])]
	assert not problems, "\n".join(problems)


def test_a_step_added_on_one_side_only_is_found():
	"""The check itself: a transition only in the JSON, one only in the controller, a handler
	name that does not exist and a state the workflow lost are each reported."""
	route = get_controller("Fund Application")
	workflow = workflows()["Fund Application"]
	assert mismatches(route, workflow) == []

	json_only = {
		**workflow,
		"transitions": [*workflow["transitions"], {"state": "Approved", "next_state": "Rejected"}],
	}
	assert mismatches(route, json_only) == [
		"FundApplication: the workflow's transition ('Approved', 'Rejected') is not in TRANSITIONS"
		" (its method, or None if plain)"
	]

	class ControllerOnly(route):
		TRANSITIONS = {**route.TRANSITIONS, ("Paid", "Draft"): "on_return"}

	assert mismatches(ControllerOnly, workflow) == [
		"ControllerOnly: TRANSITIONS ('Paid', 'Draft') is no transition of the workflow"
	]

	class Misnamed(route):
		TRANSITIONS = {**route.TRANSITIONS, ("Approved", "Paid"): "on_payy"}

	assert mismatches(Misnamed, workflow) == [
		"Misnamed: TRANSITIONS ('Approved', 'Paid') names 'on_payy', which it does not have"
	]

	no_department = {
		**workflow,
		"states": [s for s in workflow["states"] if s["state"] != "Department Review"],
		"transitions": [
			t for t in workflow["transitions"] if "Department Review" not in (t["state"], t["next_state"])
		],
	}
	problems = mismatches(route, no_department)
	assert any(
		"EDITABLE names states the workflow does not have: ['Department Review']" in p for p in problems
	)
	assert any("('Department Review', 'Committee Review') is no transition" in p for p in problems)
