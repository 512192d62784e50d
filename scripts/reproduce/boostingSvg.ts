/**
 * The boosting section's figures as plain SVG (no browser needed): two panels side by side, the
 * logistic firm left and the boosting firm right, one line per method on a shared y scale so the
 * two firms read against each other. Flips: mean EqOd against M at α = 0.3 with the target
 * dashed. Size: the lowest mean EqOd over M against α.
 */
import { m, type Row, type Simulation } from './analysis';
import { methodName } from './claims';

const WIDTH = 760;
const HEIGHT = 340;
const PANEL = { top: 40, bottom: 58, left: 56, gap: 40 };
const COLOURS: Record<string, string> = { 'rb-prob': '#1f77b4', 'rb-label': '#ff7f0e', 'rb-dist': '#2ca02c', random: '#7f7f7f' };

interface Series {
	readonly method: string;
	readonly points: ReadonlyArray<readonly [number, number]>;
}

interface Panel {
	readonly title: string;
	readonly series: readonly Series[];
	readonly target?: number;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Mean EqOd against M per method (the flips experiment, one α). */
function flipsSeries(s: Simulation): Series[] {
	const methods = [...new Set(s.rows.map((r) => r.method))];
	return methods.map((method) => ({
		method,
		points: s.rows
			.filter((r) => r.method === method && r.knowledge === 'all' && Number.isFinite(m(r.eqod)))
			.sort((a, b) => a.flips - b.flips)
			.map((r) => [r.flips, m(r.eqod)] as const),
	}));
}

/** The lowest mean EqOd over M at each α, per method (the size experiment). */
function sizeSeries(s: Simulation): Series[] {
	const methods = [...new Set(s.rows.map((r) => r.method))];
	return methods.map((method) => {
		const best = new Map<number, Row>();
		for (const r of s.rows.filter((x) => x.method === method && Number.isFinite(m(x.eqod)))) {
			const cur = best.get(r.alpha);
			if (cur === undefined || m(r.eqod) < m(cur.eqod)) {
				best.set(r.alpha, r);
			}
		}
		return { method, points: [...best.entries()].sort((a, b) => a[0] - b[0]).map(([alpha, r]) => [alpha, m(r.eqod)] as const) };
	});
}

function chart(title: string, xLabel: string, panels: readonly [Panel, Panel]): string {
	const panelWidth = (WIDTH - PANEL.left * 2 - PANEL.gap) / 2;
	const plotHeight = HEIGHT - PANEL.top - PANEL.bottom;
	const all = panels.flatMap((p) => p.series.flatMap((s) => s.points));
	const yMax = Math.max(0.01, ...all.map(([, y]) => y), ...panels.map((p) => p.target ?? 0)) * 1.08;
	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
		`<title>${escape(title)}</title>`,
		`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
		`<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${escape(title)}</text>`,
	];
	panels.forEach((panel, i) => {
		const x0 = PANEL.left + i * (panelWidth + PANEL.gap + PANEL.left / 2);
		const xs = panel.series.flatMap((s) => s.points.map(([x]) => x));
		const xMax = Math.max(...xs, 1e-9);
		const px = (x: number): number => x0 + (x / xMax) * panelWidth;
		const py = (y: number): number => PANEL.top + plotHeight - (y / yMax) * plotHeight;
		out.push(`<text x="${x0 + panelWidth / 2}" y="${PANEL.top - 8}" text-anchor="middle" font-size="12">${escape(panel.title)}</text>`);
		out.push(`<rect x="${x0}" y="${PANEL.top}" width="${panelWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`);
		for (let t = 0; t <= 4; t++) {
			const y = (yMax * t) / 4;
			out.push(`<line x1="${x0 - 4}" x2="${x0}" y1="${py(y).toFixed(1)}" y2="${py(y).toFixed(1)}" stroke="#999"/>`);
			out.push(`<text x="${x0 - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${y.toFixed(2)}</text>`);
			const x = (xMax * t) / 4;
			out.push(
				`<text x="${px(x).toFixed(1)}" y="${PANEL.top + plotHeight + 14}" text-anchor="middle">${xMax > 2 ? Math.round(x) : x.toFixed(2)}</text>`,
			);
		}
		out.push(`<text x="${x0 + panelWidth / 2}" y="${HEIGHT - 26}" text-anchor="middle">${escape(xLabel)}</text>`);
		if (panel.target !== undefined) {
			out.push(
				`<line x1="${x0}" x2="${x0 + panelWidth}" y1="${py(panel.target).toFixed(1)}" y2="${py(panel.target).toFixed(1)}" stroke="#d62728" stroke-dasharray="5 4"/>`,
				`<text x="${x0 + panelWidth - 4}" y="${(py(panel.target) - 4).toFixed(1)}" text-anchor="end" fill="#d62728">target ${panel.target.toFixed(3)}</text>`,
			);
		}
		for (const s of panel.series) {
			const colour = COLOURS[s.method] ?? '#000000';
			const d = s.points.map(([x, y], k) => `${k === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
			out.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.8"/>`);
			for (const [x, y] of s.points) {
				out.push(`<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="2.2" fill="${colour}"/>`);
			}
		}
	});
	out.push(
		`<text x="6" y="${PANEL.top + plotHeight / 2}" transform="rotate(-90 10 ${PANEL.top + plotHeight / 2})" text-anchor="middle">EqOd (mean over seeds)</text>`,
	);
	const methods = [...new Set(panels.flatMap((p) => p.series.map((s) => s.method)))];
	methods.forEach((method, k) => {
		const x = PANEL.left + k * 120;
		out.push(
			`<line x1="${x}" x2="${x + 18}" y1="${HEIGHT - 10}" y2="${HEIGHT - 10}" stroke="${COLOURS[method] ?? '#000000'}" stroke-width="2"/>`,
			`<text x="${x + 22}" y="${HEIGHT - 6}">${escape(methodName(method))}</text>`,
		);
	});
	out.push('</svg>');
	return `${out.join('\n')}\n`;
}

export function flipsSvg(title: string, logistic: Simulation, boosting: Simulation): string {
	return chart(`${title}: EqOd against M at α = ${logistic.params.alpha}`, 'M (labels flipped)', [
		{ title: 'logistic regression', series: flipsSeries(logistic), target: logistic.target ?? undefined },
		{ title: 'gradient boosting', series: flipsSeries(boosting), target: boosting.target ?? undefined },
	]);
}

export function sizeSvg(title: string, logistic: Simulation, boosting: Simulation): string {
	return chart(`${title}: lowest EqOd over M against α`, 'α (share of the minority in the collective)', [
		{ title: 'logistic regression', series: sizeSeries(logistic) },
		{ title: 'gradient boosting', series: sizeSeries(boosting) },
	]);
}
