// A member on a phone (375×812, headless Chromium via playwright-core): logs in, lands on his own
// pages, applies for help with an attachment, raises an objection to a running notice, downloads
// his political-birthday card.
// Usage: node portal.js <base-url> <user> <password> <screenshot-dir> <fund> <application-on-notice>
// Prints one JSON line with what it saw; exits non-zero on any failure.
const fs = require("fs");
const path = require("path");
const { PHONE, finish, launch, login, run, screenshots } = require("./lib");

const [base, user, password, shots, fund, onNotice] = process.argv.slice(2);

// A real one-page PDF (the app opens every uploaded PDF): three objects and their cross-reference table.
function tinyPdf() {
	const objects = [
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] /Resources << >> >>",
	];
	let out = "%PDF-1.4\n";
	const offsets = objects.map((object, i) => {
		const at = out.length;
		out += `${i + 1} 0 obj\n${object}\nendobj\n`;
		return at;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	out += offsets.map((at) => `${String(at).padStart(10, "0")} 00000 n \n`).join("");
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, "latin1");
}

const shot = screenshots(shots, { wait: 500, fullPage: true });

const overflows = (page) =>
	page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

run(async () => {
	const browser = await launch();
	const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
	const page = await context.newPage();
	const errors = [];
	page.on("pageerror", (e) => errors.push(String(e)));
	const seen = { overflow: {} };

	// 1. log in: a member lands on his own pages, not the desk
	await login(page, base, user, password, /\/my-care/);
	await page.waitForSelector(".member-card");
	seen.landed = new URL(page.url()).pathname;
	seen.overflow.record = await overflows(page);
	await shot(page, "portal-01-my-record.png");

	// 2. apply for help with an attachment
	await page.goto(`${base}/my-care/apply`);
	await page.selectOption("#care_fund", fund);
	await page.selectOption("#purpose", "Serious Illness or Disaster Relief");
	await page.fill("#amount_requested", "500");
	await page.fill("#reason", "住院治疗，自付部分较多");
	await page.setInputFiles("#attachments", {
		name: "住院证明.pdf",
		mimeType: "application/pdf",
		buffer: tinyPdf(),
	});
	seen.overflow.apply = await overflows(page);
	await shot(page, "portal-02-apply.png");
	await page.click("#apply-form button[type=submit]");
	await page.waitForSelector("#apply-result[data-name]", { timeout: 60000 });
	seen.application = await page.getAttribute("#apply-result", "data-name");
	seen.apply_message = await page.textContent("#apply-result");
	await shot(page, "portal-03-applied.png");

	// 3. my applications
	await page.goto(`${base}/my-care/applications`);
	seen.applications_text = await page.textContent(
		`.application-row[data-name="${seen.application}"]`
	);
	seen.overflow.applications = await overflows(page);
	await shot(page, "portal-04-applications.png");

	// 4. an objection to a running notice: one button per row opens a short form
	await page.goto(`${base}/notices`);
	const row = page.locator(`tr[data-name="${onNotice}"]`);
	seen.overflow.notices = await overflows(page);
	seen.notices_nav = await page.locator(".party-care-notices .my-care-nav a").count();
	seen.notices_amount = await row.locator("td").nth(3).textContent();
	// the search finds the notice by its number and opens its group
	await page.fill("#notice-search", onNotice);
	seen.search_rows = await page.locator("tr[data-name]:not(.search-hidden)").count();
	await row.locator(".objection-open").click();
	await row.locator("textarea[name=reason]").fill("据我所知申请人家庭收入较高");
	// every control a finger can hit on the page is at least 44 px tall (issue 21)
	seen.small_targets = await page.evaluate(() =>
		[
			...document.querySelectorAll(
				".party-care-notices button, .party-care-notices input, .party-care-notices summary, .party-care-notices textarea, .party-care-notices a"
			),
		]
			.filter((e) => e.offsetParent !== null)
			.map((e) => [e.className || e.tagName, Math.round(e.getBoundingClientRect().height)])
			.filter(([, h]) => h < 44)
	);
	await shot(page, "portal-05-objection-form.png");
	await row.locator("button[type=submit]").click();
	await row.locator(".text-success").waitFor({ timeout: 60000 });
	seen.objection_message = await row.locator(".text-success").textContent();
	await shot(page, "portal-06-objection-sent.png");

	// 5. the political-birthday card; his study hours of the year against 32, on the same page
	await page.goto(`${base}/my-care`);
	seen.study_text = await page.locator(".study-collective").textContent();
	seen.overflow.study = await overflows(page);
	seen.probe = await page.evaluate(async () => {
		const r = await fetch("/api/method/party_care.portal.birthday_card");
		return [
			r.status,
			r.headers.get("content-type"),
			r.headers.get("content-disposition"),
			(await r.arrayBuffer()).byteLength,
		];
	});
	const [download] = await Promise.all([
		page.waitForEvent("download", { timeout: 120000 }),
		page.click(".birthday-card"),
	]);
	const card = path.join(shots, "portal-07-birthday-card.pdf");
	await download.saveAs(card);
	seen.card_bytes = fs.statSync(card).size;
	seen.card_head = fs.readFileSync(card).subarray(0, 4).toString();

	// 7. the yearly account of his organisation (党务公开): the list, then the account itself
	await page.goto(`${base}/my-care/disclosures`);
	await page.click(".disclosure-row a");
	await page.waitForSelector(".disclosure[data-name]", { timeout: 60000 });
	seen.disclosure = await page.getAttribute(".disclosure", "data-name");
	seen.disclosure_fund_lines = await page.locator(".disclosure .fund-line").count();
	seen.disclosure_text = await page.textContent(".disclosure");
	seen.overflow.disclosure = await overflows(page);
	await shot(page, "portal-10-yearly-account.png");

	// 6. a letter in confidence, and an issue for the branch's meeting (the forms share my_care_form.js)
	await page.goto(`${base}/my-care/letters`);
	await page.click("#letter-form button[type=submit]"); // nothing typed: the browser asks for the text
	seen.letter_empty_sent = await page.locator("#letter-result").isVisible();
	await page.fill("#subject", "想找支部谈一谈");
	await page.fill("#letter_text", "最近家里有些困难，想当面和书记谈谈。");
	await page.check("#wants_talk");
	seen.overflow.letters = await overflows(page);
	await page.click("#letter-form button[type=submit]");
	await page.waitForSelector("#letter-result[data-name]", { timeout: 60000 });
	seen.letter = await page.getAttribute("#letter-result", "data-name");
	seen.letter_message = await page.textContent("#letter-result");
	seen.letter_listed = await page.locator(`#my-letters [data-name="${seen.letter}"]`).count(); // no reload
	await shot(page, "portal-08-letter-sent.png");
	await page.goto(`${base}/my-care/issues`);
	await page.fill("#title", "小区党员活动室开放时间");
	await page.fill("#description", "建议周末也开放活动室，方便在职党员参加活动。");
	seen.overflow.issues = await overflows(page);
	await page.click("#issue-form button[type=submit]");
	await page.waitForSelector("#issue-result[data-name]", { timeout: 60000 });
	seen.issue = await page.getAttribute("#issue-result", "data-name");
	seen.issue_message = await page.textContent("#issue-result");
	seen.issue_listed = await page.locator(`#branch-issues [data-name="${seen.issue}"]`).count();
	await shot(page, "portal-09-issue-raised.png");

	await finish(browser, seen, errors);
});
