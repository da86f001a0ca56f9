// scripts/probe-serve.js BASE SITE PASSWORD PUBLISH_COMMAND…: proves a site served by scripts/serve works
// as the desk uses it: log in as Administrator, open the realtime socket through nginx as the desk does
// (the site's namespace, the session cookie: the realtime server asks the web server who it is), then run
// PUBLISH_COMMAND (it publishes `party_care_serve_probe` to Administrator through Redis, as a background
// job's progress is) and wait for the event. Exits 0 on success, 1 with the reason.
// socket.io-client comes from Frappe's own node_modules (NODE_PATH=apps/frappe/node_modules).
const { execFileSync } = require("child_process");
const { io } = require("socket.io-client");

const [base, site, password, ...publish] = process.argv.slice(2);
const fail = (why) => {
	console.error(`[probe-serve] ${why}`);
	process.exit(1);
};
const timer = setTimeout(() => fail("no realtime event within 60 s"), 60000);

(async () => {
	const login = await fetch(`${base}/api/method/login`, {
		method: "POST",
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({ usr: "Administrator", pwd: password }),
	});
	if (!login.ok) fail(`login answered ${login.status}`);
	const sid = (login.headers.get("set-cookie") || "").match(/sid=([^;]+)/);
	if (!sid) fail("login set no session cookie");
	const socket = io(`${base}/${site}`, {
		extraHeaders: { Cookie: `sid=${sid[1]}` },
		transports: ["polling", "websocket"],
		reconnection: false,
	});
	socket.on("connect_error", (e) => fail(`the realtime socket was refused: ${e.message}`));
	socket.on("party_care_serve_probe", (message) => {
		console.log(`[probe-serve] realtime event received: ${JSON.stringify(message)}`);
		clearTimeout(timer);
		socket.close(); // nothing else holds the process: it ends, its output written, with status 0
	});
	socket.on("connect", () => {
		console.log("[probe-serve] realtime socket connected; publishing an event");
		try {
			execFileSync(publish[0], publish.slice(1), { stdio: "inherit" });
		} catch (e) {
			fail(`the event could not be published: ${e.message}`);
		}
	});
})().catch((e) => fail(e.message));
