/** Column and table profiles: inferred types, counts, numeric summaries, per-group missingness and label rates. */
export { profileColumn, largestGap } from './column';
export { histogram } from './numeric';
export { profileTable, FAVOURABLE_MISSING } from './table';
export { inferType, formatCount, INFERENCE_THRESHOLDS } from './infer';
export type * from './types';
