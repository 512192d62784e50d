/**
 * The Pareto plane: error against unfairness, the collective's front against one front per
 * firm-side approach. Variants of an approach ("calibrated-eqodds (fnr)", "… (fnr/randomized)")
 * join their approach's series (the variant is in the table's setting column), so the legend
 * lists approaches, not combinations; each series draws its non-dominated points as a line and
 * its dominated points faded; the collective is drawn on top of everything.
 */
import { paretoConclusion, type PlanePoint } from './conclusions';
import {
	emptyFigure,
	fmt,
	fmtCount,
	fmtInterval,
	methodLabel,
	METRIC_LABELS,
	METRIC_SHORT,
	nonDominated,
	shapeAt,
	summaryPoint,
	type FigurePoint,
	type FigureSeries,
	type FigureSpec,
} from './figureSpec';
import type { ComparisonResult, FairnessMetric, FirmFrontPoint, SimulationResult } from './webviewProtocol';

const PARETO_TITLE = 'Pareto plane: the collective against firm-side fronts';

/** "calibrated-eqodds (fnr/randomized)" → approach "calibrated-eqodds", variant "fnr/randomized". */
export function approachOf(name: string): { approach: string; variant?: string } {
	const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(name);
	return m === null ? { approach: name } : { approach: m[1]!, variant: m[2]! };
}

interface FamilyPoint {
	readonly point: FirmFrontPoint;
	readonly variant?: string;
}

export function paretoFigure(
	collective: SimulationResult | undefined,
	comparison: ComparisonResult | undefined,
	metric: FairnessMetric,
	hiddenVariants: ReadonlySet<string> = new Set(),
): FigureSpec {
	const yLabel = METRIC_LABELS[metric];
	if (comparison === undefined && collective === undefined) {
		return emptyFigure(
			'pareto',
			PARETO_TITLE,
			'error',
			yLabel,
			'Run a simulation (flips or size) and a firm-side comparison to draw this figure.',
			'flips',
		);
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	const statements: string[] = [];
	const collectivePlane: PlanePoint[] = [];
	const firmPlane: PlanePoint[] = [];
	if (collective !== undefined) {
		const rows = (collective.grid ?? collective.rows).filter((x) => x.error.mean !== null && x[metric].mean !== null);
		const points = rows.map((x) => summaryPoint(x.error.mean as number, x[metric])!);
		const front = nonDominated(points);
		// The theme's text colour and layer 0: never a palette colour of a firm front, always on top.
		series.push({
			label: `Collective (${collective.experiment} run)`,
			kind: 'front',
			colour: -1,
			shape: 'circle',
			layer: 0,
			points: points.map((p, i) => ({ ...p, highlight: front[i]! })),
		});
		rows.forEach((x, i) => {
			rowsOut.push([
				`collective ${methodLabel(x.method)} α=${x.alpha}`,
				`M=${fmtCount(x.flips)}`,
				fmt(x.error.mean),
				fmt(x[metric].mean),
				fmtInterval(points[i]!.lo, points[i]!.hi),
				front[i]! ? 'yes' : 'no',
			]);
			collectivePlane.push({ ...points[i]!, series: 'collective' });
		});
	}
	const families = new Map<string, FamilyPoint[]>();
	const certificates: Array<{ approach: string; cert: NonNullable<ComparisonResult['fronts'][number]['certificate']> }> = [];
	const variants: Array<{ key: string; approach: string; variant: string; shown: boolean }> = [];
	for (const f of comparison?.fronts ?? []) {
		const { approach, variant } = approachOf(f.approach);
		const list = families.get(approach) ?? [];
		// A variant the user switched off keeps its toggle but adds no points (its approach keeps its colour).
		const shown = variant === undefined || !hiddenVariants.has(f.approach);
		if (variant !== undefined) {
			variants.push({ key: f.approach, approach, variant, shown });
		}
		for (const p of shown ? f.points : []) {
			list.push({ point: p, ...(variant !== undefined ? { variant } : {}) });
		}
		families.set(approach, list);
		if (f.certificate !== undefined && f.certificate.bounds.length > 0) {
			certificates.push({ approach: f.approach, cert: f.certificate });
		}
	}
	let colour = 0;
	for (const [approach, members] of families) {
		const defined = members.filter((m) => m.point.error.mean !== null && (m.point[metric]?.mean ?? null) !== null);
		const points: FigurePoint[] = defined.map((m) => summaryPoint(m.point.error.mean as number, m.point[metric])!);
		// Non-dominated on the plane shown, over all variants (the firm-side flags are for EqOd only).
		const front = nonDominated(points);
		series.push({
			label: `Firm: ${approach}`,
			kind: 'front',
			colour,
			shape: shapeAt(colour + 1),
			points: points.map((p, k) => ({ ...p, highlight: front[k]! })),
		});
		defined.forEach((m, k) => {
			const setting = [
				m.variant,
				m.point.setting ?? `${comparison?.fronts.find((f) => f.points.includes(m.point))?.sweepParameter ?? 'sweep'}=${fmt(m.point.sweep)}`,
			]
				.filter((s) => s !== undefined)
				.join(', ');
			rowsOut.push([
				`firm ${approach}`,
				setting,
				fmt(m.point.error.mean),
				fmt(m.point[metric]?.mean),
				fmtInterval(points[k]!.lo, points[k]!.hi),
				front[k]! ? 'yes' : 'no',
			]);
			firmPlane.push({ ...points[k]!, series: approach });
		});
		const cert = certificates.find((c) => approachOf(c.approach).approach === approach);
		if (cert !== undefined && cert.cert.metric === metric) {
			// Points, not a line: bounds of different (γ, k̄) at similar error need not be ordered.
			series.push({
				label: `FARE certified bound (${approach})`,
				kind: 'points',
				colour,
				shape: 'star',
				points: cert.cert.bounds.map((c) => ({ x: c.error, y: c.bound })),
			});
		}
		colour++;
	}
	for (const { approach, cert } of certificates) {
		const tightest = [...cert.bounds].sort((a, b) => a.bound - b.bound)[0]!;
		statements.push(
			`${approach}: FARE certifies ${METRIC_SHORT[cert.metric]} ≤ ${fmt(tightest.bound)} for any classifier on its representation (${fmt(cert.level * 100)}% confidence) at error ${fmt(tightest.error)}.`,
		);
		if (cert.metric !== metric) {
			statements.push(`The certificate bounds ${METRIC_SHORT[cert.metric]}; choose that metric to see it on the plane.`);
		}
	}
	if (comparison === undefined) {
		statements.push("No firm-side comparison yet: only the collective's points are drawn. Run the comparison to add the firm's fronts.");
	}
	const seeds = collective?.params.seeds ?? comparison?.seeds ?? 0;
	return {
		id: 'pareto',
		title: PARETO_TITLE,
		xLabel: 'error',
		yLabel,
		series,
		markers: [],
		statements,
		conclusion: paretoConclusion(collectivePlane, firmPlane, metric, seeds),
		table: { columns: ['series', 'setting', 'error', METRIC_SHORT[metric], '95% interval', 'non-dominated'], rows: rowsOut },
		summary: `Scatter of error against ${METRIC_SHORT[metric]} for ${series.length} series; each series' non-dominated points are joined by a line, dominated points are faded.`,
		...(comparison === undefined ? { runs: 'comparison' as const } : {}),
		...(variants.length > 0 ? { variants } : {}),
	};
}
