/**
 * Webview entry: build the panel, validate every incoming message, then say `webview/ready` so the
 * host flushes what it queued. A message that fails validation is dropped and logged, never drawn.
 */
import './styles.css';
import { describeInvalid, isHostMessage } from '../../src/shared/webviewValidate';
import { App } from './app';
import { log, post } from './vscodeApi';

function start(): void {
	const root = document.getElementById('app');
	if (root === null) {
		log('error', 'the panel page has no #app element');
		return;
	}
	const app = new App(root);
	window.addEventListener('message', (event: MessageEvent<unknown>) => {
		if (!isHostMessage(event.data)) {
			log('error', `ignored a malformed message: ${describeInvalid(event.data)}`);
			return;
		}
		try {
			app.handle(event.data);
		} catch (e) {
			log('error', `failed to handle ${event.data.type}: ${e instanceof Error ? e.message : String(e)}`);
		}
	});
	post({ type: 'webview/ready', params: { protocol: 1 } });
}

start();
