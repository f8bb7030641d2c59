// Follow to log in: polls /follow/status until the scan is confirmed, then goes to the profile.
// In sandbox mode, "Simulate scan" asks the sandbox to push the scan without leaving the page.
(function () {
	'use strict';
	var status = document.getElementById('status');
	if (!status) {
		return;
	}
	var statusUrl = status.getAttribute('data-status-url');

	function show(text, state) {
		status.textContent = text;
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
					show('Scanned: logging you in…', 'confirmed');
					window.location.assign(answer.next);
				}
				else if (answer.status === 'expired') {
					show('This code has expired. Reload the page for a new one.', 'expired');
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
			result.textContent = 'Scanning…';
			fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' })
				.then(function (response) {
					return response.json();
				})
				.then(function (answer) {
					if (answer.error) {
						result.textContent = answer.error;
						return;
					}
					result.textContent = answer.nickname + ' scanned: WeChat pushed a ' + answer.event + ' event ('
						+ (answer.safeMode ? 'safe mode, AES-encrypted' : 'plaintext') + '), the app answered HTTP '
						+ answer.status + (answer.reply ? ' and replied "' + answer.reply + '"' : '') + '.';
				})
				.catch(function (error) {
					result.textContent = 'The scan could not be sent: ' + error.message;
				});
		});
	}
})();
