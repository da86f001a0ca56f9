"""Bench commands: `bench --site SITE party-care-demo`."""

import click
from frappe.commands import get_site, pass_context


@click.command("party-care-demo")
@click.option("--localize/--no-localize", default=True, help="Also set Chinese, Beijing time and CNY")
@pass_context
def party_care_demo(context, localize):
	"""Fill the site with party_care demo data and print the demo logins."""
	import frappe

	from party_care import demo

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		demo.skip_setup_wizard()
		if localize:
			demo.localize_site()
		demo.make_demo()
	finally:
		frappe.destroy()


commands = [party_care_demo]
