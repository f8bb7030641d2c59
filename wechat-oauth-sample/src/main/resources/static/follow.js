// Follow to log in: polls /follow/status until the scan is confirmed, then goes to the profile.
// In sandbox mode, "Simulate scan" asks the sandbox to push the scan without leaving the page.
// Its words come from the page (data-text-* attributes), in the page's language.
(function () {
	'use strict';
	var status = document.getElementById('status');
	if (!status) {
		return;
	}
	var statusUrl = status.getAttribute('data-status-url');

	// The element's data-text-<name>, with {0}, {1}... replaced by the arguments.
	function text(element, name) {
		var args = Array.prototype.slice.call(arguments, 2);
		return element.getAttribute('data-text-' + name).replace(/\{(\d+)\}/g, function (match, index) {
			return String(args[Number(index)]);
		});
	}

	function show(name, state) {
		status.textContent = text(status, name);
		status.setAttribute('data-status', state);
	}

	function poll() {
		fetch(statusUrl, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
			.then(function (response) {
				if (!response.ok) {
					throw new Error('HTTP ' + response.status);
				}
				return response.json();
			})
			.then(function (answer) {
				if (answer.status === 'confirmed') {
					show('confirmed', 'confirmed');
					window.location.assign(answer.next);
				}
				else if (answer.status === 'expired') {
					show('expired', 'expired');
				}
				else {
					window.setTimeout(poll, 1000);
				}
			})
			.catch(function () {
				window.setTimeout(poll, 3000);
			});
	}

	window.setTimeout(poll, 1000);

	var form = document.getElementById('simulate');
	if (form) {
		var result = document.getElementById('scan-result');
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			result.textContent = text(form, 'scanning');
			// The form's fields include its CSRF token.
			fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' })
				.then(function (response) {
					return response.json();
				})
				.then(function (answer) {
					if (answer.error) {
						result.textContent = answer.error;
						return;
					}
					var mode = text(form, answer.safeMode ? 'safe-mode' : 'plaintext');
					result.textContent = answer.reply
						? text(form, 'replied', answer.nickname, answer.event, mode, answer.status, answer.reply)
						: text(form, 'scanned', answer.nickname, answer.event, mode, answer.status);
				})
				.catch(function (error) {
					result.textContent = text(form, 'failed', error.message);
				});
		});
	}
})();
