/**
 * The plain-JSON data shapes that cross a process boundary — CLI `--json` output today, language
 * server responses and webview messages as those land — declared once. They are defined next to
 * the engine code that produces them and re-exported here, type-only, so every consumer imports
 * them from one place and no runtime code enters another bundle.
 */
export type { AuditResult } from '../core/audit';
export type { SimulationResult, SimulationProgress } from '../core/collective/simulate';
export type { SimulationRow, SeedSummary, BaseSummary, MinimumCollective } from '../core/collective/aggregate';
export type { SimulationParams, Method, Experiment, Knowledge } from '../core/collective/params';
export type { FairnessReport, Estimate, GroupRates, GroupComparison } from '../core/fairness';
export type { TableProfile, ColumnProfile, InferredType } from '../core/profile';
export type { Sidecar, SensitiveRole, LabelRole, FeatureRoles, OtherGroups } from '../core/roles/sidecar';
export type { Figure, Interval } from '../core/figure';
export type { Dialect, CsvIssue } from '../core/csv/table';
export type { CompareResult, CompareInput } from '../core/firm/compare';
export type { CompareRow } from '../core/firm/pareto';
export type { FirmModelSpec } from '../core/models/firmModel';
