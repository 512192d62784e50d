import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveRoles, RolesError, LABEL_MISSING } from '../../../../src/core/roles/resolve';
import type { Sidecar } from '../../../../src/core/roles/sidecar';
import { table } from '../../../support/table';

const data = table({
	race: ['White', 'Black', 'White', 'Asian', 'Black', null, 'White', 'Other'],
	sex: ['M', 'F', 'F', 'M', 'M', 'F', 'F', 'M'],
	income: ['>50K', '<=50K', '<=50K', '>50K', null, '>50K', '<=50K', '<=50K'],
	age: [30, 40, 50, 60, 70, 80, 90, 20],
	id: [1, 2, 3, 4, 5, 6, 7, 8],
});

const roles = (sensitive: Sidecar['sensitive'], extra: Partial<Sidecar> = {}): Sidecar => ({
	version: 1,
	sensitive,
	label: { column: 'income', favourable: ['>50K'] },
	...extra,
});

describe('resolveRoles', () => {
	it('pools every non-minority value into the majority by default (as the reference protocol does)', () => {
		const r = resolveRoles(data, roles({ column: 'race', minority: ['Black'] }));
		assert.deepEqual(r.groupNames, ['White + others', 'Black']);
		assert.deepEqual([...r.group], [0, 1, 0, 0, 1, -1, 0, 0]);
		assert.deepEqual([...r.favourable], [1, 0, 0, 1, LABEL_MISSING, 1, 0, 0]);
		// row 4 has no label, row 5 no race
		assert.deepEqual([...r.rows], [0, 1, 2, 3, 6, 7]);
		assert.deepEqual(r.dropped, { missingSensitive: 1, missingLabel: 1, otherGroups: 0 });
		assert.equal(r.sensitiveValues[0]!.value, 'White');
		assert.equal(r.sensitiveValues[0]!.count, 3);
	});

	it('keeps only the two named groups when the majority is given, or audits others separately', () => {
		const two = resolveRoles(data, roles({ column: 'race', minority: ['Black'], majority: ['White'] }));
		assert.deepEqual(two.groupNames, ['White', 'Black']);
		assert.deepEqual([...two.group], [0, 1, 0, -1, 1, -1, 0, -1]);
		assert.equal(two.dropped.otherGroups, 2);
		const sep = resolveRoles(data, roles({ column: 'race', minority: ['Black'], majority: ['White'], others: 'separate' }));
		assert.deepEqual(sep.groupNames, ['White', 'Black', 'Asian', 'Other']);
		assert.deepEqual([...sep.group], [0, 1, 0, 2, 1, -1, 0, 3]);
	});

	it('intersects two columns', () => {
		const r = resolveRoles(data, roles({ column: ['race', 'sex'], minority: ['Black & F'], majority: ['White & M'] }));
		assert.equal(r.sensitive, 'race & sex');
		assert.deepEqual([...r.group], [0, 1, -1, -1, -1, -1, -1, -1]);
	});

	it('matches numeric codes numerically (SEX 1/2, label 0/1)', () => {
		const t = table({ SEX: [1, 2, 2, 1, 2], 'default payment': [0, 1, 0, 0, 1], x: [1.5, 2.5, 3.5, 4.5, 5.5] });
		const r = resolveRoles(t, {
			version: 1,
			sensitive: { column: 'SEX', minority: ['2.0'] },
			label: { column: 'default payment', favourable: ['0'] },
		});
		assert.deepEqual([...r.group], [0, 1, 1, 0, 1]);
		assert.deepEqual([...r.favourable], [1, 0, 1, 1, 0]);
		assert.deepEqual(r.featureColumns, ['SEX', 'x']);
	});

	it('chooses features: drops the label and identifier-like columns, keeps the sensitive attribute for the aware firm (the default), and says why', () => {
		const t = table({
			id: Array.from({ length: 30 }, (_, i) => i + 1),
			g: Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'a' : 'b')),
			y: Array.from({ length: 30 }, (_, i) => i % 2),
			c: Array.from({ length: 30 }, () => 'k'),
			v: Array.from({ length: 30 }, (_, i) => i % 7),
		});
		const aware = resolveRoles(t, { version: 1, sensitive: { column: 'g', minority: ['a'] }, label: { column: 'y', favourable: ['1'] } });
		assert.deepEqual(aware.featureColumns, ['g', 'v']);
		assert.deepEqual(
			aware.excludedColumns.map((e) => e.name),
			['id', 'c'],
		);
		assert.match(aware.excludedColumns[0]!.reason, /identifier-like/);
		assert.match(aware.excludedColumns[1]!.reason, /^constant/);
		const blind = resolveRoles(t, {
			version: 1,
			sensitive: { column: 'g', minority: ['a'] },
			label: { column: 'y', favourable: ['1'] },
			features: { includeSensitive: false },
		});
		assert.deepEqual(blind.featureColumns, ['v']);
		assert.deepEqual(
			blind.excludedColumns.map((e) => e.name),
			['id', 'g', 'c'],
		);
		assert.match(blind.excludedColumns[1]!.reason, /sensitive attribute \(the blind firm/);
		// An explicit feature list or exclusion never drops the attribute from the aware firm, nor adds it to the blind one.
		const listed = resolveRoles(t, {
			version: 1,
			sensitive: { column: 'g', minority: ['a'] },
			label: { column: 'y', favourable: ['1'] },
			features: { include: ['v'] },
		});
		assert.deepEqual(listed.featureColumns, ['g', 'v']);
		const excludedOnly = resolveRoles(t, {
			version: 1,
			sensitive: { column: 'g', minority: ['a'] },
			label: { column: 'y', favourable: ['1'] },
			features: { includeSensitive: true, exclude: ['v'] },
		});
		assert.deepEqual(excludedOnly.featureColumns, ['g']);
		const blindListed = resolveRoles(t, {
			version: 1,
			sensitive: { column: 'g', minority: ['a'] },
			label: { column: 'y', favourable: ['1'] },
			features: { include: ['g', 'v'], includeSensitive: false },
		});
		assert.deepEqual(blindListed.featureColumns, ['v']);
	});

	it('explains unknown columns and values, listing what exists', () => {
		assert.throws(
			() => resolveRoles(data, roles({ column: 'Race', minority: ['Black'] })),
			(e: unknown) => e instanceof RolesError && /did you mean 'race'/.test(e.message),
		);
		assert.throws(
			() => resolveRoles(data, roles({ column: 'race', minority: ['black'] })),
			/no row has race = 'black'; values are 'White' \(3\)/,
		);
		assert.throws(
			() =>
				resolveRoles(data, {
					version: 1,
					sensitive: { column: 'race', minority: ['Black'] },
					label: { column: 'income', favourable: ['>50k'] },
				}),
			/no row has income = '>50k'/,
		);
		assert.throws(
			() => resolveRoles(data, roles({ column: 'race', minority: ['Black'] }, { features: { exclude: ['nope'] } })),
			/no column named 'nope'/,
		);
		const oneGroup = table({ g: ['a', 'a', 'a'], y: [1, 0, 1], x: [1, 2, 3] });
		assert.throws(
			() => resolveRoles(oneGroup, { version: 1, sensitive: { column: 'g', minority: ['a'] }, label: { column: 'y', favourable: ['1'] } }),
			/no majority to compare with/,
		);
	});
});
