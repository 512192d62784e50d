/**
 * CSV ingestion engine: streaming, encoding-aware, RFC 4180 parsing into typed columns.
 * Pure (no file system): src/io/readCsvFile.ts streams files into {@link CsvIngest}.
 */
export { CsvIngest, parseCsv } from './ingest';
export { CsvError, DEFAULT_MISSING_TOKENS, type CsvOptions, type Delimiter, type Encoding, type ParseResult } from './options';
export {
	cellText,
	findColumn,
	type CategoricalColumn,
	type Column,
	type CsvIssue,
	type CsvIssueCode,
	type Dialect,
	type NumericColumn,
	type Table,
} from './table';
