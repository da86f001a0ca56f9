// A branch secretary confirms his branch's lines of a holiday batch, in headless Chromium.
// Usage: node batch.js <base-url> <user> <password> <screenshot-dir> <batch>
// Prints one JSON line with what it saw; exits non-zero on any failure.
const path = require("path");
const { DESK, DESKTOP, finish, inDesk, launch, login, run, waitForDesk } = require("./lib");

const [base, user, password, shots, batch] = process.argv.slice(2);

run(async () => {
	const browser = await launch();
	const page = await browser.newPage(DESKTOP);
	page.setDefaultNavigationTimeout(90000); // the first desk load of a loaded ERPNext bench is slow
	const errors = [];
	page.on("pageerror", (e) => errors.push(String(e)));
	const seen = {};

	await login(page, base, user, password, inDesk);
	await waitForDesk(page);

	// the batch: the summary shows his branch's lines waiting for him
	await page.goto(`${base}${DESK}/care-payment-batch/${batch}`);
	await waitForDesk(page);
	await page.waitForSelector(".care-batch-summary tbody tr", { timeout: 60000 });
	seen.before = await page.$$eval(".care-batch-summary tbody tr", (rows) =>
		rows.map((r) => [r.dataset.organization, r.querySelector(".pending").textContent.trim()])
	);
	await page.screenshot({ path: path.join(shots, "batch-01-to-confirm.png") });

	await page.click(`button:has-text("确认本支部名单")`);
	await page.waitForFunction(
		() =>
			[...document.querySelectorAll(".care-batch-summary tbody tr .pending")].every(
				(td) => td.textContent.trim() === "0"
			),
		null,
		{ timeout: 60000 }
	);
	seen.after = await page.$$eval(".care-batch-summary tbody tr", (rows) =>
		rows.map((r) => [r.dataset.organization, r.querySelector(".pending").textContent.trim()])
	);
	seen.state_label = await page.evaluate(() => __(cur_frm.doc.workflow_state));
	await page.waitForTimeout(800);
	await page.screenshot({ path: path.join(shots, "batch-02-confirmed.png") });

	await finish(browser, seen, errors);
});
