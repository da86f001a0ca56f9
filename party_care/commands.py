"""Bench commands: `bench --site SITE party-care-demo`, `bench --site SITE party-care-invite MEMBER`."""

import click
from frappe.commands import get_site, pass_context


@click.command("party-care-demo")
@click.option("--localize/--no-localize", default=True, help="Also set Chinese, Beijing time and CNY")
@click.option("--logins", is_flag=True, help="Only print the demo logins (scripts/serve ends with them)")
@pass_context
def party_care_demo(context, localize, logins):
	"""Fill the site with party_care demo data and print the demo logins."""
	import frappe

	from party_care import demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		if logins:
			demo.print_logins()
			return
		demo.skip_setup_wizard()
		if localize:
			demo.localize_site()
		demo.make_demo()
	finally:
		frappe.destroy()


@click.command("party-care-invite")
@click.argument("member")
@click.option("--email", is_flag=True, help="Also e-mail the link (needs an outgoing Email Account)")
@pass_context
def party_care_invite(context, member, email):
	"""Print a one-time link with which MEMBER sets his password and opens his pages (/my-care)."""
	import frappe

	from party_care.portal import invite_link

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		print(invite_link(member, send_email=int(email)))
		frappe.db.commit()
	finally:
		frappe.destroy()


commands = [party_care_demo, party_care_invite]
