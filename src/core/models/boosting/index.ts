/** Histogram gradient boosting: see fit.ts for the method, binning.ts and split.ts for the details. */
export { binFeatures, type BinnedFeatures } from './binning';
export { fitBoosting, type BoostingFit, type BoostingFitOptions } from './fit';
export {
	boostingDecisionFunction,
	boostingModelFromJSON,
	boostingModelToJSON,
	boostingPredictLabels,
	boostingPredictProba,
	treeCount,
	type BoostingModel,
	type BoostingModelJSON,
} from './model';
export { BOOSTING_DEFAULTS, resolveBoostingParams, type BoostingParams, type BoostingParamsInput } from './options';
