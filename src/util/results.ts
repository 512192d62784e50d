/**
 * Results remembered per dataset in the workspace state (so they survive a reload and stay with
 * the workspace, not the machine): the last audit, the last simulation of each experiment and the
 * firm-side comparison. The datasets view, the panel and Export Report read them from here.
 */
import * as vscode from 'vscode';
import type { AuditResult, Experiment, SimulationResult } from '../shared/model';
import type { ComparisonResult, PanelResults } from '../shared/webviewProtocol';

const PREFIX = 'collectiveFairness.results:';

export interface StoredResults extends PanelResults {
	/** ISO time of the last audit, shown in the datasets view. */
	readonly auditedAt?: string;
}

export class ResultStore implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changed.event;

	constructor(private readonly memento: vscode.Memento) {}

	get(uri: vscode.Uri): StoredResults | undefined {
		return this.memento.get<StoredResults>(PREFIX + uri.toString());
	}

	/** Every dataset with results (its URI string). */
	keys(): string[] {
		return this.memento.keys().filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
	}

	async setAudit(uri: vscode.Uri, audit: AuditResult): Promise<void> {
		await this.update(uri, (r) => ({ ...r, audit, auditedAt: new Date().toISOString() }));
	}

	async addSimulation(uri: vscode.Uri, result: SimulationResult): Promise<void> {
		await this.update(uri, (r) => {
			const simulations: { [E in Experiment]?: SimulationResult } = { ...r.simulations };
			// As in the panel: size and minimum feed the same figures, so the newer one replaces the other.
			if (result.experiment === 'size') {
				delete simulations.minimum;
			} else if (result.experiment === 'minimum') {
				delete simulations.size;
			}
			simulations[result.experiment] = result;
			return { ...r, simulations };
		});
	}

	async setComparison(uri: vscode.Uri, comparison: ComparisonResult): Promise<void> {
		await this.update(uri, (r) => ({ ...r, comparison }));
	}

	async clear(uri: vscode.Uri): Promise<void> {
		await this.memento.update(PREFIX + uri.toString(), undefined);
		this.changed.fire(uri);
	}

	private async update(uri: vscode.Uri, f: (r: StoredResults) => StoredResults): Promise<void> {
		const current = this.get(uri) ?? { simulations: {} };
		await this.memento.update(PREFIX + uri.toString(), f(current));
		this.changed.fire(uri);
	}

	dispose(): void {
		this.changed.dispose();
	}
}
