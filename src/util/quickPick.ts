/**
 * A quick pick that settles exactly once: `wire` registers the pick's handlers and calls `finish`
 * with the answer; hiding the pick (Escape, focus elsewhere) finishes with undefined. The pick is
 * disposed when it settles.
 */
import type * as vscode from 'vscode';

export function settleOnce<T extends vscode.QuickPickItem, R>(
	qp: vscode.QuickPick<T>,
	wire: (finish: (value: R | undefined) => void) => void,
): Promise<R | undefined> {
	return new Promise((resolve) => {
		let done = false;
		const finish = (value: R | undefined): void => {
			if (!done) {
				done = true;
				resolve(value);
				qp.dispose();
			}
		};
		wire(finish);
		qp.onDidHide(() => finish(undefined));
		qp.show();
	});
}
