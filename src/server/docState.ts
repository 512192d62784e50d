/**
 * What the server knows about one CSV file after analysis: the parse (shared through the content
 * cache), the roles from the sidecar (resolved against the table, or the reason they cannot be),
 * and column profiles computed on first use — a hover profiles one column, not the whole table,
 * which is what keeps the first hover on a large file fast.
 */
import type { ParseResult } from '../core/csv/index';
import { profileColumn, profileTable, type ColumnProfile, type GroupsProfile } from '../core/profile';
import { resolveRoles, type ResolvedRoles } from '../core/roles/resolve';
import type { LabelRole, SensitiveRole, Sidecar } from '../core/roles/sidecar';
import type { FieldSpan } from './locate';

/** A parsed file, shared by every document with the same bytes and missing-value tokens. */
export interface ParsedFile {
	readonly key: string;
	readonly hash: string;
	readonly parse: ParseResult;
	/** Profiles without groups, by column index. */
	readonly profiles: Map<number, ColumnProfile>;
}

/** A role chosen in the editor before the other one exists (a sidecar needs both). */
export interface PendingRoles {
	readonly sensitive?: SensitiveRole;
	readonly label?: LabelRole;
}

export interface RolesInput {
	/** The sidecar read from disk (or passed in), undefined when there is none. */
	readonly sidecar: Sidecar | undefined;
	readonly sidecarPath: string | undefined;
	/** Why the sidecar could not be read (invalid JSON, schema), undefined when fine. */
	readonly sidecarError: string | undefined;
}

export class DocState {
	readonly resolved: ResolvedRoles | undefined;
	/** Why the roles do not apply (invalid sidecar, unknown column or value). */
	readonly rolesError: string | undefined;
	private readonly groupProfiles = new Map<number, ColumnProfile>();
	private groupsSummary: GroupsProfile | undefined;

	constructor(
		readonly uri: string,
		readonly source: 'editor' | 'disk',
		readonly version: number | undefined,
		readonly parsed: ParsedFile,
		readonly roles: RolesInput,
		/** Header fields as text offsets into `headerText`, and that text's line layout. */
		readonly headerSpans: readonly FieldSpan[],
		readonly headerText: string,
		/** Set on the provisional state built from the head of a large document while the rest parses. */
		readonly sample?: { readonly bytes: number; readonly totalBytes: number },
	) {
		let resolved: ResolvedRoles | undefined;
		let error = roles.sidecarError;
		if (roles.sidecar !== undefined && error === undefined) {
			try {
				resolved = resolveRoles(parsed.parse.table, roles.sidecar);
			} catch (e) {
				error = e instanceof Error ? e.message : String(e);
			}
		}
		this.resolved = resolved;
		this.rolesError = error;
	}

	get parse(): ParseResult {
		return this.parsed.parse;
	}

	columnIndex(name: string): number {
		return this.parse.table.columns.findIndex((c) => c.name === name);
	}

	/** The column's profile, with per-group missing rates when roles resolve. Cached. */
	columnProfile(index: number): ColumnProfile {
		const table = this.parse.table;
		const column = table.columns[index];
		if (column === undefined) {
			throw new RangeError(`no column ${index}`);
		}
		const cache = this.resolved !== undefined ? this.groupProfiles : this.parsed.profiles;
		let p = cache.get(index);
		if (p === undefined) {
			p = profileColumn(
				column,
				table.rowCount,
				this.resolved !== undefined ? { topValues: 5, groups: this.groupAssignment()! } : { topValues: 5 },
			);
			cache.set(index, p);
		}
		return p;
	}

	/** Group sizes and favourable rates (no column work: the table is profiled with no columns). */
	groups(): GroupsProfile | undefined {
		if (this.resolved === undefined) {
			return undefined;
		}
		if (this.groupsSummary === undefined) {
			this.groupsSummary = profileTable({ columns: [], rowCount: this.parse.table.rowCount }, { groups: this.groupAssignment()! }).groups;
		}
		return this.groupsSummary;
	}

	groupAssignment(): { group: Int32Array; groupNames: readonly string[]; favourable: Uint8Array } | undefined {
		const r = this.resolved;
		return r === undefined ? undefined : { group: r.group, groupNames: r.groupNames, favourable: r.favourable };
	}
}
