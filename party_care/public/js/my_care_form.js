// The member's forms on /my-care (apply, issues, letters): each posts its form to one app method
// as the site's own pages do (the session's CSRF token) and shows the answer as text — a server
// message is escaped HTML, so only its text is shown, never markup.
//   party_care_form({form, result, method, success, failure, body, refresh})
//   success: the message on success ({0}: the new record's name); failure: when the server says nothing
//   body(form): the FormData to send (default: the form's fields)
//   refresh: the id of the page's list the new record belongs in: on success it is read again from
//   the server (the same page, rendered and escaped there), so the member sees it without a reload
(function () {
	function messageOf(data) {
		let message = "";
		try {
			message = JSON.parse(JSON.parse(data._server_messages)[0]).message;
		} catch (e) {
			message = data._error_message || ""; // Frappe 16 sends a refused permission's message here
		}
		const holder = document.createElement("div");
		holder.innerHTML = message;
		return holder.textContent.trim();
	}

	async function refreshList(id) {
		const list = document.getElementById(id);
		if (!list) return;
		try {
			const response = await fetch(window.location.pathname, { credentials: "same-origin" });
			if (!response.ok) return;
			const page = new DOMParser().parseFromString(await response.text(), "text/html");
			const fresh = page.getElementById(id);
			if (fresh) list.replaceWith(document.adoptNode(fresh));
		} catch (e) {} // the list stays as it was; the message above says the record was sent
	}

	window.party_care_form = function ({ form, result, method, success, failure, body, refresh }) {
		const formElement = document.getElementById(form);
		const resultElement = document.getElementById(result);
		formElement.addEventListener("submit", async (event) => {
			event.preventDefault();
			const button = formElement.querySelector("button[type=submit]");
			button.disabled = true;
			resultElement.hidden = false;
			try {
				const response = await fetch(`/api/method/${method}`, {
					method: "POST",
					headers: {
						"X-Frappe-CSRF-Token": frappe.csrf_token,
						Accept: "application/json",
					},
					body: body ? body(formElement) : new FormData(formElement),
				});
				let data = {};
				try {
					data = await response.json();
				} catch (e) {}
				if (response.ok) {
					resultElement.className = "card-row mt-3 text-success";
					resultElement.textContent = success.replace("{0}", data.message.name);
					formElement.hidden = true;
					if (refresh) await refreshList(refresh);
					resultElement.dataset.name = data.message.name; // done: the list shows it too
				} else {
					resultElement.className = "card-row mt-3 text-danger";
					resultElement.textContent = messageOf(data) || failure;
				}
			} catch (e) {
				// no answer at all (the phone lost its connection): say so, keep what was typed
				resultElement.className = "card-row mt-3 text-danger";
				resultElement.textContent = failure;
			} finally {
				button.disabled = false;
			}
		});
	};
})();
