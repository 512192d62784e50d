/**
 * A progress bar on standard error, drawn only on a terminal and only once the work has taken
 * more than a second (short commands stay quiet; pipes and CI logs never see control codes).
 * While a bar is live it also shows the iterations of any model fit in this thread: a fit on
 * millions of rows can take minutes, and without it the terminal looked hung.
 */
import { observeFits } from '../core/models/solver';
export interface ProgressSink {
	update(stage: string, done: number, total: number): void;
	finish(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, delayMs = 1000): ProgressSink {
	const started = Date.now();
	let drawn = false;
	let lastDraw = 0;
	const enabled = stream.isTTY === true && process.env['CI'] === undefined;
	const sink: ProgressSink = {
		update(stage, done, total) {
			const now = Date.now();
			if (!enabled || now - started < delayMs || now - lastDraw < 100) {
				return;
			}
			lastDraw = now;
			drawn = true;
			const elapsedText = `${Math.round((now - started) / 1000)} s`;
			if (total <= 0) {
				// No known total (a fit's iterations): the stage and the time so far.
				stream.write(`\r${stage} (${elapsedText})\x1b[K`);
				return;
			}
			const fraction = total > 0 ? Math.min(1, done / total) : 0;
			const width = 24;
			const filled = Math.round(fraction * width);
			const elapsed = (now - started) / 1000;
			const eta = fraction > 0 && fraction < 1 ? ` ETA ${Math.ceil((elapsed * (1 - fraction)) / fraction)} s` : '';
			stream.write(
				`\r${stage.padEnd(18).slice(0, 18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}%${eta}\x1b[K`,
			);
		},
		finish() {
			observeFits(undefined);
			if (drawn) {
				stream.write('\r\x1b[K');
			}
		},
	};
	if (enabled) {
		observeFits((p) => sink.update(`fitting the model (${p.solver === 'newton' ? 'Newton' : 'L-BFGS'}), iteration ${p.iteration}`, 0, 0));
	}
	return sink;
}
