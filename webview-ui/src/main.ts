/**
 * Webview entry: build the panel, validate every incoming message, then say `webview/ready` so the
 * host flushes what it queued. A message that fails validation is dropped and logged, never drawn.
 */
import './styles.css';
import { describeInvalid, isHostMessage } from '../../src/shared/webviewValidate';
import { App } from './app';
import { ProfileView } from './views/profileTable';
import { log, post } from './vscodeApi';

function start(): void {
	const root = document.getElementById('app');
	if (root === null) {
		log('error', 'the panel page has no #app element');
		return;
	}
	// One bundle, two pages: the fairness panel, or the profile table of Profile Dataset.
	const profile = root.dataset.view === 'profile' ? new ProfileView(root) : undefined;
	const app = profile === undefined ? new App(root) : undefined;
	window.addEventListener('message', (event: MessageEvent<unknown>) => {
		if (!isHostMessage(event.data)) {
			log('error', `ignored a malformed message: ${describeInvalid(event.data)}`);
			return;
		}
		try {
			if (profile !== undefined) {
				if (event.data.type === 'profile/didChange') {
					profile.show(event.data.params.table);
				}
				return;
			}
			app?.handle(event.data);
		} catch (e) {
			log('error', `failed to handle ${event.data.type}: ${e instanceof Error ? e.message : String(e)}`);
		}
	});
	post({ type: 'webview/ready', params: { protocol: 1 } });
}

start();
