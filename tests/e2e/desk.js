// A branch secretary's first hour in the desk, in headless Chromium (playwright-core).
// Usage: node desk.js <base-url> <user> <password> <screenshot-dir> <fund-application> <member>
// Prints one JSON line with what it saw; exits non-zero on any failure.
const {
	DESK,
	DESKTOP,
	finish,
	inDesk,
	launch,
	login,
	run,
	screenshots,
	waitForDesk,
} = require("./lib");

const [base, user, password, shots, application, member] = process.argv.slice(2);

const shot = screenshots(shots);

run(async () => {
	const browser = await launch();
	const page = await browser.newPage(DESKTOP);
	page.setDefaultNavigationTimeout(90000); // the first desk load of a loaded ERPNext bench is slow
	const errors = [];
	page.on("pageerror", (e) => {
		const stack = String(e.stack || "");
		// Frappe Charts (in Frappe's own desk bundle) redraws a chart bound to window resize after the
		// test has navigated away and fails to remove its old node: Frappe's race, not the app's
		if (
			/removeChild/.test(String(e)) &&
			/boundDrawFn/.test(stack) &&
			/assets\/frappe\/dist\/js\/desk\.bundle/.test(stack)
		)
			return;
		errors.push(String(e) + "\n" + stack.split("\n").slice(0, 6).join("\n"));
	});
	const seen = {};

	// 1. log in
	await login(page, base, user, password, inDesk);
	await waitForDesk(page);
	seen.lang = await page.evaluate(() => frappe.boot.lang);
	seen.landed = new URL(page.url()).pathname;
	await shot(page, "00-landing.png");

	// 2. the workspace
	await page.goto(`${base}${DESK}/party-care`);
	await waitForDesk(page);
	await page.waitForSelector(".widget.number-widget-box", { timeout: 30000 });
	seen.workspace_title = await page.title();
	// Frappe 15: the sidebar lists the workspaces (.desk-sidebar); 16: the desktop's icons do, and the
	// sidebar (.body-sidebar) holds this workspace's links
	seen.sidebar = await page.evaluate(() =>
		[
			...document.querySelectorAll(
				".desk-sidebar .sidebar-item-container[item-name], .body-sidebar .sidebar-item-container[item-name]"
			),
		].map((el) => el.getAttribute("item-name"))
	);
	seen.desktop = await page.evaluate(() =>
		(frappe.boot.desktop_icons || [])
			.filter((i) => !i.hidden)
			.map((i) => [i.label, i.parent_icon || ""])
	);
	await shot(page, "01-workspace.png");
	// the cards show their figures (no "K"), the charts' axes read whole and in Chinese, and
	// 待我办理 opens the list of what waits on him (issue 21)
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll(".widget.number-widget-box")].every((w) =>
				w.querySelector(".widget-content .number")
			),
		null,
		{ timeout: 60000 }
	);
	seen.cards = await page.evaluate(() =>
		[...document.querySelectorAll(".widget.number-widget-box .widget-content .number")].map(
			(e) => e.textContent.trim()
		)
	);
	await page.waitForTimeout(3000);
	seen.axis_labels = await page.evaluate(() =>
		[...document.querySelectorAll(".widget .x.axis text")].map((t) => t.textContent)
	);
	await page
		.locator(".widget.number-widget-box", { hasText: "待我办理" })
		.locator(".widget-body")
		.click();
	await page.waitForURL((url) => !url.pathname.endsWith("/party-care"), { timeout: 30000 });
	seen.waiting_route = new URL(page.url()).pathname;

	// 3. create a visit through the form
	await page.goto(`${base}${DESK}/visit/new`);
	await waitForDesk(page);
	// under load the new form may render after the desk is ready
	await page.waitForFunction(
		() => window.cur_frm && cur_frm.doctype === "Visit" && cur_frm.is_new(),
		null,
		{
			timeout: 60000,
		}
	);
	await page.evaluate(async (m) => {
		await cur_frm.set_value("member", m);
		await cur_frm.set_value("visit_reason", "Routine Visit");
		await cur_frm.set_value("due_date", frappe.datetime.get_today());
		await cur_frm.set_value("place", "党员家中");
	}, member);
	await shot(page, "02-new-visit.png");
	await page.keyboard.press("Control+s");
	await page.waitForFunction(() => cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty(), null, {
		timeout: 30000,
	});
	seen.visit = await page.evaluate(() => cur_frm.doc.name);
	await shot(page, "03-visit-saved.png");

	// 4. move a fund application one step with the workflow action button
	await page.goto(`${base}${DESK}/fund-application/${application}`);
	await waitForDesk(page);
	// under load the form may render after the desk is ready
	await page.waitForFunction(
		(name) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === name,
		application,
		{
			timeout: 60000,
		}
	);
	await page.evaluate(async () => {
		await cur_frm.set_value("branch_meeting_date", frappe.datetime.get_today());
		await cur_frm.set_value("branch_resolution", "经支部党员大会评议，同意上报");
		await cur_frm.set_value("votes_for", 21);
		await cur_frm.set_value("votes_against", 0);
		await cur_frm.save();
	});
	await page.waitForFunction(() => !cur_frm.is_dirty(), null, { timeout: 30000 });
	await shot(page, "04-application-branch-review.png");
	await page.click(".actions-btn-group > button");
	await page.click(`.actions-btn-group .dropdown-menu a:has-text("支部评议通过")`);
	await page.waitForFunction(() => cur_frm.doc.workflow_state === "Department Review", null, {
		timeout: 30000,
	});
	seen.application_state = await page.evaluate(() => cur_frm.doc.workflow_state);
	await shot(page, "05-application-passed.png");

	// 5. a report
	await page.goto(`${base}${DESK}/query-report/Care Coverage`);
	await waitForDesk(page);
	await page.waitForSelector(".dt-scrollable", { timeout: 30000 });
	seen.report_title = await page.title();
	seen.total_row = await page.evaluate(() =>
		[...document.querySelectorAll(".dt-row-totalRow .dt-cell__content")]
			.map((e) => e.textContent.trim())
			.filter(Boolean)
	);
	await shot(page, "06-report-care-coverage.png");

	// 6. a print preview
	await page.goto(`${base}${DESK}/print/Fund Application/${application}`);
	await waitForDesk(page);
	await page.waitForSelector(
		".print-format-container, iframe.print-format-container, .print-preview",
		{ timeout: 30000 }
	);
	await page.waitForTimeout(1500);
	seen.print_title = await page.title();
	await shot(page, "07-print-preview.png");

	await finish(browser, seen, errors);
});
