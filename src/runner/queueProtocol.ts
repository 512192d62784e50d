/**
 * What the distributed runner keeps in Redis, declared once for the coordinator and the workers.
 *
 *   queue `collective-fairness-units` (BullMQ)   one job per unit: {engine, run, dataset hash, key}
 *   cf:dataset:<sha256>                           the table, serialised once per content (24 h TTL)
 *   cf:run:<run id>:alive                         refreshed by the coordinator while it waits (TTL)
 *   cf:run:<run id>:cancelled                     set by a cancelled coordinator
 *
 * Tables and unit results travel as V8 structured-clone bytes (node:v8 serialize), not JSON:
 * typed arrays stay typed and every double (−0, NaN) arrives bit for bit, which is what makes the
 * distributed rows byte-identical to a local run's.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import type { Column, Table } from '../core/csv/table';
import type { SimulationParams } from '../core/collective/params';
import type { UnitKey, UnitResult } from '../core/collective/unit';
import type { Sidecar } from '../core/roles/sidecar';
import { VERSION } from '../shared/version';

export const QUEUE_NAME = 'collective-fairness-units';
/** The engine a job needs: workers refuse jobs queued by another version (their numbers could differ). */
export const ENGINE = `collective-fairness ${VERSION}`;
/** How long a coordinator's liveness key outlives its last refresh. */
export const ALIVE_TTL_SECONDS = 15;
export const ALIVE_REFRESH_MS = 3000;
/** A dataset nobody asked for in a day is dropped from Redis (workers keep their own copy). */
export const DATASET_TTL_SECONDS = 24 * 3600;

export const datasetKey = (hash: string): string => `cf:dataset:${hash}`;
export const aliveKey = (run: string): string => `cf:run:${run}:alive`;
export const cancelledKey = (run: string): string => `cf:run:${run}:cancelled`;

/** One unit of work on the queue. */
export interface UnitJob {
	readonly engine: string;
	readonly run: string;
	readonly dataset: string;
	/** Position of the unit in the run's plan. */
	readonly index: number;
	readonly key: UnitKey;
	/** The run's roles and parameters ({@link RunSpec}), structured-clone bytes in base64. */
	readonly spec: string;
}

/** The part of a run every unit shares. */
export interface RunSpec {
	readonly sidecar: Sidecar;
	readonly params: SimulationParams;
}

export function encodeSpec(spec: RunSpec): string {
	return serialize(spec).toString('base64');
}

export function decodeSpec(text: string): RunSpec {
	return deserialize(Buffer.from(text, 'base64')) as RunSpec;
}

/** Job id: the run and the unit's position, so a unit is queued once per run. */
export const jobId = (run: string, index: number): string => `${run}-${index}`;

/** The table as bytes (arrays copied to their exact length first, so equal tables give equal bytes) and its SHA-256. */
export function encodeTable(table: Table): { bytes: Buffer; hash: string } {
	const columns: Column[] = table.columns.map((c) =>
		c.kind === 'numeric' ? { ...c, values: c.values.slice() } : { ...c, codes: c.codes.slice(), levels: [...c.levels] },
	);
	const bytes = serialize({ columns, rowCount: table.rowCount });
	return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

export function decodeTable(bytes: Buffer, hash: string): Table {
	const actual = createHash('sha256').update(bytes).digest('hex');
	if (actual !== hash) {
		throw new Error(`the dataset stored under ${hash.slice(0, 12)}… has the hash ${actual.slice(0, 12)}…: it was damaged in Redis`);
	}
	return deserialize(bytes) as Table;
}

export function encodeResult(result: UnitResult): string {
	return serialize(result).toString('base64');
}

export function decodeResult(text: string): UnitResult {
	return deserialize(Buffer.from(text, 'base64')) as UnitResult;
}

/** A `redis://HOST:PORT[/DB]` (or `rediss://`) URL checked before any connection, with the reason when it is not one. */
export function checkRedisUrl(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `'${url}' is not a URL; give redis://HOST:PORT[/DB]`;
	}
	if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
		return `'${url}' is not a Redis URL (it must start with redis:// or rediss://)`;
	}
	if (parsed.hostname === '') {
		return `'${url}' names no host; give redis://HOST:PORT[/DB]`;
	}
	const db = parsed.pathname.replace(/^\//, '');
	if (db !== '' && !/^\d+$/.test(db)) {
		return `'${url}': the database after the port must be a number, got '${db}'`;
	}
	return undefined;
}

/** The URL without a password, for messages and logs. */
export function redactedUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password !== '') {
			parsed.password = '***';
		}
		return parsed.toString();
	} catch {
		return url;
	}
}
