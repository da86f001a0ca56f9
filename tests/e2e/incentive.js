// The incentive side in headless Chromium (playwright-core): a branch secretary opens his
// party-building assessment in the desk, writes his report (述职) and saves it — the assessors'
// scores stay closed to him — then reads his published grade with its rectification; a member on a
// phone (375×812) reads his own page: his honour with the rest or study arranged for it, his pioneer
// post and volunteer hours.
// Usage: node incentive.js <base-url> <secretary> <member> <password> <screenshot-dir> <draft> <published>
// Prints one JSON line with what it saw; exits non-zero on any failure.
const {
	DESK,
	DESKTOP,
	PHONE,
	finish,
	inDesk,
	launch,
	login,
	run,
	screenshots,
	waitForDesk,
} = require("./lib");

const [base, secretary, member, password, shots, draft, published] = process.argv.slice(2);
const shot = screenshots(shots);

async function openForm(page, doctype, name) {
	await page.goto(`${base}${DESK}/${doctype}/${name}`);
	await waitForDesk(page);
	await page.waitForFunction(
		(n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n,
		name,
		{
			timeout: 60000,
		}
	);
	await page.waitForTimeout(800);
}

run(async () => {
	const browser = await launch();
	const errors = [];
	const watch = (page) =>
		page.on("pageerror", (e) => {
			const stack = String(e.stack || "");
			if (/removeChild/.test(String(e)) && /boundDrawFn/.test(stack)) return; // Frappe Charts' own race
			errors.push(String(e) + "\n" + stack.split("\n").slice(0, 6).join("\n"));
		});
	const seen = {};

	// 1. the secretary's assessment in the desk
	const desk = await browser.newPage(DESKTOP);
	desk.setDefaultNavigationTimeout(90000);
	watch(desk);
	await login(desk, base, secretary, password, inDesk);
	await waitForDesk(desk);
	seen.lang = await desk.evaluate(() => frappe.boot.lang);

	await openForm(desk, "party-building-assessment", draft);
	seen.draft_state = await desk.evaluate(() => cur_frm.doc.workflow_state);
	seen.scores_writable = await desk.evaluate(() =>
		Boolean(cur_frm.perm[1] && cur_frm.perm[1].write)
	);
	seen.report_label = await desk.evaluate(() =>
		cur_frm.fields_dict.report_summary.$wrapper.find(".control-label").first().text().trim()
	);
	await desk.evaluate(async () => {
		await cur_frm.set_value(
			"report_summary",
			"一年来，支部落实党建工作责任制，坚持“三会一课”，结对帮扶困难党员三户。"
		);
	});
	await shot(desk, "incentive-01-assessment-report.png");
	await desk.keyboard.press("Control+s");
	await desk.waitForFunction(
		() => cur_frm && !cur_frm.is_dirty() && cur_frm.doc.report_submitted_on,
		null,
		{
			timeout: 30000,
		}
	);
	seen.report_submitted_on = await desk.evaluate(() => cur_frm.doc.report_submitted_on);
	await shot(desk, "incentive-02-assessment-saved.png");

	await openForm(desk, "party-building-assessment", published);
	seen.published_state = await desk.evaluate(() => cur_frm.doc.workflow_state);
	seen.grade_shown = await desk.evaluate(() => {
		const field = cur_frm.fields_dict.grade;
		return field && field.$wrapper.is(":visible") ? field.$wrapper.text().trim() : "";
	});
	seen.rectification = await desk.evaluate(() => cur_frm.doc.rectification || "");
	await shot(desk, "incentive-03-assessment-published.png");

	// 2. the member's own page on a phone
	const context = await browser.newContext(PHONE);
	const phone = await context.newPage();
	watch(phone);
	await login(phone, base, member, password, /\/my-care/);
	await phone.waitForSelector(".member-card");
	seen.member_landed = new URL(phone.url()).pathname;
	seen.honours = await phone.$$eval(".honour-row", (rows) =>
		rows.map((r) => r.innerText.trim())
	);
	seen.arrangements = await phone.$$eval(".arrangement-row", (rows) =>
		rows.map((r) => r.innerText.trim())
	);
	seen.pioneer = await phone.$$eval(".pioneer-row", (rows) =>
		rows.map((r) => r.innerText.trim())
	);
	seen.volunteer_hours = await phone.$eval(".volunteer-hours", (e) => e.innerText.trim());
	seen.overflow = await phone.evaluate(
		() => document.documentElement.scrollWidth > window.innerWidth + 1
	);
	const honours = await phone.$(".honour-row");
	if (honours) await honours.scrollIntoViewIfNeeded();
	await shot(phone, "incentive-04-member-page.png", true);

	await finish(browser, seen, errors);
});
