/**
 * Typed host → webview sending that queues until the webview says `webview/ready` (GitLens's
 * pending-notification pattern): a message posted before the script listens would be lost.
 * Written against a two-method interface, not vscode.Webview, so it is unit-tested in plain Node.
 */
import type { HostMessage, WebviewMessage } from '../shared/webviewProtocol';
import { describeInvalid, isWebviewMessage } from '../shared/webviewValidate';

export interface MessageTarget {
	postMessage(message: unknown): PromiseLike<boolean>;
	onDidReceiveMessage(listener: (message: unknown) => void): { dispose(): void };
}

export interface MessengerLog {
	warn(message: string): void;
}

/** Queue bound: a panel that never gets ready must not grow without limit (newest kept). */
const MAX_PENDING = 200;

export class Messenger {
	private ready = false;
	private pending: HostMessage[] = [];
	private readonly subscription: { dispose(): void };

	constructor(
		private readonly target: MessageTarget,
		onMessage: (msg: WebviewMessage) => void,
		private readonly log: MessengerLog,
	) {
		this.subscription = target.onDidReceiveMessage((raw) => {
			if (!isWebviewMessage(raw)) {
				this.log.warn(`fairness panel: ignored a malformed message from the webview: ${describeInvalid(raw)}`);
				return;
			}
			if (raw.type === 'webview/ready') {
				this.ready = true;
				this.flush();
			}
			onMessage(raw);
		});
	}

	get isReady(): boolean {
		return this.ready;
	}

	post(message: HostMessage): PromiseLike<boolean> {
		if (!this.ready) {
			this.pending.push(message);
			if (this.pending.length > MAX_PENDING) {
				this.pending.shift();
			}
			return Promise.resolve(false);
		}
		return this.target.postMessage(message);
	}

	/** The webview reloaded (e.g. revealed after being hidden without retainContext): queue again. */
	reset(): void {
		this.ready = false;
	}

	private flush(): void {
		const queued = this.pending;
		this.pending = [];
		for (const m of queued) {
			void this.target.postMessage(m);
		}
	}

	dispose(): void {
		this.subscription.dispose();
		this.pending = [];
	}
}
