/** Association measures between columns (proxy detection): contingency, Cramér's V, mutual information. */
export { contingency, cramersV, mutualInformation, type Coding, type Contingency } from './contingency';
export { codeColumn, DEFAULT_BINS } from './coding';
