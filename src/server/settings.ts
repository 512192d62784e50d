/**
 * Per-resource settings through workspace/configuration (section `collectiveFairness`), cached
 * until workspace/didChangeConfiguration (lsp-sample). A client without the configuration
 * capability gets the settings from initializationOptions.settings, else the defaults.
 */
import type { Connection } from 'vscode-languageserver';
import { ServerSettings } from '../shared/settings';

export const SETTINGS_SECTION = 'collectiveFairness';

export class SettingsCache {
	private readonly cache = new Map<string, Promise<ServerSettings>>();
	private fallback: ServerSettings;

	constructor(
		private readonly connection: Connection,
		private supportsConfiguration: boolean,
		initial: unknown,
	) {
		this.fallback = ServerSettings.from(initial);
	}

	get(uri: string): Promise<ServerSettings> {
		if (!this.supportsConfiguration) {
			return Promise.resolve(this.fallback);
		}
		let s = this.cache.get(uri);
		if (s === undefined) {
			s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
				(raw: unknown) => ServerSettings.from(raw),
				() => this.fallback,
			);
			this.cache.set(uri, s);
		}
		return s;
	}

	/** didChangeConfiguration: forget everything; a push-model client sends the new values. */
	changed(pushed: unknown): void {
		this.cache.clear();
		const section = pushed !== null && typeof pushed === 'object' ? (pushed as Record<string, unknown>)[SETTINGS_SECTION] : undefined;
		if (section !== undefined) {
			this.fallback = ServerSettings.from(section);
		}
	}
}
