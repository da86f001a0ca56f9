// A branch secretary confirms his branch's lines of a holiday batch, in headless Chromium.
// Usage: node batch.js <base-url> <user> <password> <screenshot-dir> <batch>
// Prints one JSON line with what it saw; exits non-zero on any failure.
const path = require("path");
const { chromium } = require("playwright-core");

const [base, user, password, shots, batch] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// the desk's address: /app on Frappe 15, /desk on 16 (the test passes party_care.compat.DESK_PREFIX)
const DESK = process.env.PARTY_CARE_DESK || "/app";

async function waitForDesk(page) {
	await page.waitForFunction(() => window.frappe && frappe.boot && !frappe.dom.freeze_count, null, {
		timeout: 60000,
	});
	await page.waitForLoadState("load");
	await page.waitForTimeout(1500);
}

(async () => {
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync"],
	});
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
	page.setDefaultNavigationTimeout(90000); // the first desk load of a loaded ERPNext bench is slow
	const errors = [];
	page.on("pageerror", (e) => errors.push(String(e)));
	const seen = {};

	await page.goto(`${base}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForURL((url) => url.pathname.startsWith(DESK), { timeout: 60000 });
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
		() => [...document.querySelectorAll(".care-batch-summary tbody tr .pending")].every((td) => td.textContent.trim() === "0"),
		null,
		{ timeout: 60000 }
	);
	seen.after = await page.$$eval(".care-batch-summary tbody tr", (rows) =>
		rows.map((r) => [r.dataset.organization, r.querySelector(".pending").textContent.trim()])
	);
	seen.state_label = await page.evaluate(() => __(cur_frm.doc.workflow_state));
	await page.waitForTimeout(800);
	await page.screenshot({ path: path.join(shots, "batch-02-confirmed.png") });

	seen.errors = errors;
	console.log(JSON.stringify(seen));
	await browser.close();
})().catch((e) => {
	console.error(e);
	process.exit(1);
});
