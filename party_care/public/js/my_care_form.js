// The member's forms on /my-care (apply, issues, letters): each posts its form to one app method
// as the site's own pages do (the session's CSRF token) and shows the answer as text — a server
// message is escaped HTML, so only its text is shown, never markup.
//   party_care_form({form, result, method, success, failure, body})
//   success: the message on success ({0}: the new record's name); failure: when the server says nothing
//   body(form): the FormData to send (default: the form's fields)
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

	window.party_care_form = function ({ form, result, method, success, failure, body }) {
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
					headers: { "X-Frappe-CSRF-Token": frappe.csrf_token, Accept: "application/json" },
					body: body ? body(formElement) : new FormData(formElement),
				});
				let data = {};
				try {
					data = await response.json();
				} catch (e) {}
				if (response.ok) {
					resultElement.className = "card-row mt-3 text-success";
					resultElement.textContent = success.replace("{0}", data.message.name);
					resultElement.dataset.name = data.message.name;
					formElement.hidden = true;
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
