/**
 * Group-fairness metrics with seeded, stratified bootstrap intervals.
 *
 * - {@link auditPredictions} / {@link auditLabels}: the full JSON report.
 * - {@link pointMetrics}: error, SPD and both EqOd variants as plain numbers, for hot loops.
 */
export type { GroupedOutcomes, ConfusionTable } from './confusion.js';
export { tabulate } from './confusion.js';
export type { PointMetrics } from './metrics.js';
export { pointMetrics } from './metrics.js';
export type { BootstrapOptions } from './bootstrap.js';
export { BOOTSTRAP_DEFAULTS, MIN_VALID_FRACTION } from './bootstrap.js';
export type { Estimate, FairnessReport, GroupComparison, GroupCounts, GroupRates, WorstCase, WorstCases } from './types.js';
export { auditLabels, auditPredictions } from './report.js';
