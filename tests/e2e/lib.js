// What the browser tests share (tests/e2e/*.js, run through node by tests/test_e2e_*.py): headless
// Chromium (playwright-core), the desk's address, logging in, waiting for the desk, screenshots,
// and the one JSON line each script prints.
const path = require("path");
const { chromium } = require("playwright-core");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// the desk's address: /app on Frappe 15, /desk on 16 (the test passes party_care.compat.DESK_PREFIX)
const DESK = process.env.PARTY_CARE_DESK || "/app";
const DESKTOP = { viewport: { width: 1400, height: 900 }, locale: "zh-CN" };
const PHONE = {
	viewport: { width: 375, height: 812 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true,
	locale: "zh-CN",
};

function launch() {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
		],
	});
}

async function waitForDesk(page) {
	await page.waitForFunction(
		() => window.frappe && frappe.boot && !frappe.dom.freeze_count,
		null,
		{
			timeout: 60000,
		}
	);
	await page.waitForLoadState("load");
	await page.waitForTimeout(1500);
}

// shot(page, name[, fullPage]): a screenshot into `shots` after `wait` ms
function screenshots(shots, { wait = 800, fullPage = false } = {}) {
	return async (page, name, full = fullPage) => {
		await page.waitForTimeout(wait);
		await page.screenshot({ path: path.join(shots, name), fullPage: full });
	};
}

// log in through /login and wait for the landing page (`landing`: a URL predicate or pattern)
async function login(page, base, user, password, landing) {
	await page.goto(`${base}/login`);
	await page.fill("#login_email", user);
	await page.fill("#login_password", password);
	await page.click(".btn-login");
	await page.waitForURL(landing, { timeout: 60000 });
}

const inDesk = (url) => url.pathname.startsWith(DESK);

// run the script's body; any failure prints it and exits non-zero
function run(body) {
	body().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}

// the one JSON line of what the script saw (with the page errors), then close the browser
async function finish(browser, seen, errors) {
	seen.errors = errors;
	console.log(JSON.stringify(seen));
	await browser.close();
}

module.exports = {
	DESK,
	DESKTOP,
	PHONE,
	launch,
	waitForDesk,
	screenshots,
	login,
	inDesk,
	run,
	finish,
};
