/** Firm-side fairness methods, the Pareto comparison and the defending firm (docs/methods.md §5). */
export { compare, type CompareInput, type CompareOptions, type CompareProgress, type CompareResult } from './compare';
export {
	FIRM_APPROACHES,
	FIRM_DEFAULTS,
	COLLECTIVE_COMPARE_DEFAULTS,
	resolveFirmParams,
	type FirmApproach,
	type FirmParams,
	type CollectiveCompareParams,
} from './params';
export { nonDominated, type Approach, type ApproachSummary, type CompareRow } from './pareto';
export {
	COST_CONSTRAINTS,
	fitCalibratedEqOdds,
	calibratedScores,
	calibratedLabels,
	generalizedCost,
	groupCostStats,
	trivialCost,
	type CostConstraint,
	type CalibratedEqOddsFit,
} from './calibratedEqOdds';
export { solveEqualizedOdds, applyThresholdMixtures, type EqOddsSolution, type ThresholdMixture } from './eqOddsThresholds';
export { solveLinearProgram, type LinearProgram, type LpResult } from './simplex';
export { growFareTree, assignCells, cellOf, fairGini, type FareTree, type FareTreeOptions } from './fareTree';
export { fareCertificate, certifyRows, cellMatrix, cellCentres, centreMatrix, type FareCertificate, type FareRepresentation } from './fare';
export { reweighingWeights, massagingPlan, massageLabels, type MassagingPlan } from './kamiranCalders';
export { filterSuspectedFlips, foldAssignment, DEFENSE_DEFAULTS, type DefenseOptions, type DefenseResult } from './defense';
export { defendedCollectiveSteps, type DefensePoint, type DefenseRunOptions } from './defendedCollective';
export { summariseDefense, type DefenseResultSummary, type DefenseRow } from './defenseSummary';
