/// <reference lib="dom" />
/**
 * The profile page (Profile Dataset) in headless Chromium: the table built on the host from a real
 * profile of samples/synthetic.csv (the engine's profile and per-group split, as the server sends
 * them), sorted by clicking and by the keyboard, with the per-group cells checked against the data.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { parseCsv } from '../../../src/core/csv';
import type { CategoricalColumn, NumericColumn } from '../../../src/core/csv';
import { profileTable } from '../../../src/core/profile';
import { columnByGroup } from '../../../src/core/profile/byGroup';
import type { ProfileResult } from '../../../src/shared/lspProtocol';
import { buildProfileTable } from '../../../src/shared/profileTable';
import { openPanel, ROOT, skipReason, usePanelSession } from '../../webview/harness';

const skip = skipReason();
if (skip !== undefined) {
	console.log(`# skipping the profile page's browser tests: ${skip}`);
}

/** The profile request's answer for samples/synthetic.csv, by the same engine calls as the server. */
function syntheticProfile(): { result: ProfileResult; table: ReturnType<typeof parseCsv>['table'] } {
	const parsed = parseCsv(new Uint8Array(readFileSync(path.join(ROOT, 'samples', 'synthetic.csv'))));
	const table = parsed.table;
	const groupColumn = table.columns.find((c) => c.name === 'group') as CategoricalColumn;
	const groupNames = ['minority', 'majority'];
	const group = Int32Array.from(groupColumn.codes, (c) => groupNames.indexOf(groupColumn.levels[c] ?? ''));
	const groups = { group, groupNames };
	const roles = JSON.parse(readFileSync(path.join(ROOT, 'samples', 'synthetic.fairness.json'), 'utf8')) as ProfileResult['roles'];
	const result: ProfileResult = {
		uri: 'file:///data/synthetic.csv',
		source: 'disk',
		contentHash: 'x',
		dialect: parsed.dialect,
		skippedRows: 0,
		issues: [],
		roles,
		rolesError: null,
		profile: profileTable(table, { groups }),
		byGroup: table.columns.map((c) => columnByGroup(c, table.rowCount, groups)),
	};
	return { result, table };
}

describe('profile page in Chromium', { skip }, () => {
	const session = usePanelSession();

	it('shows one row per column with the flags and each column by group, and sorts by any header', async () => {
		const { result, table } = syntheticProfile();
		const view = buildProfileTable(result, 'synthetic.csv', [
			{ column: 'income', kind: 'proxy', message: "'income' is a proxy for 'group': Cramér's V = 0.41 ≥ 0.3." },
		]);
		const p = await openPanel(session.browser, session.server, { view: 'profile' });
		await p.send({ type: 'profile/didChange', params: { table: view } });
		assert.equal(await p.page.textContent('h1'), 'Profile: synthetic.csv');
		const names = (): Promise<string[]> =>
			p.page.$$eval('.profile-table tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-column') ?? ''));
		// The file's order until the user sorts.
		assert.deepEqual(
			await names(),
			table.columns.map((c) => c.name),
		);

		// The per-group cells hold each group's mean of the numeric column, computed here from the raw values.
		const income = table.columns.find((c) => c.name === 'income') as NumericColumn;
		const groupOf = table.columns.find((c) => c.name === 'group') as CategoricalColumn;
		for (const g of ['minority', 'majority']) {
			let sum = 0;
			let n = 0;
			for (let i = 0; i < table.rowCount; i++) {
				if (groupOf.levels[groupOf.codes[i]!] === g && !Number.isNaN(income.values[i]!)) {
					sum += income.values[i]!;
					n++;
				}
			}
			const cell = await p.page.textContent(`tr[data-column="income"] .group-cell[data-group="${g}"]`);
			assert.ok(cell?.startsWith(`${g}: mean ${Math.round(sum / n).toLocaleString('en-US')}`), `${g}: ${cell}; expected mean ${sum / n}`);
		}
		// A categorical column lists its top values per group with their shares.
		const education = await p.page.textContent('tr[data-column="education"] .group-cell[data-group="minority"]');
		assert.match(education ?? '', /^minority: [\w-]+ \d+\.\d% · /);
		// Flags: the role of the sensitive column and the label, the proxy with its evidence as the tooltip.
		assert.equal(await p.page.textContent('tr[data-column="group"] .flags'), 'sensitive');
		assert.equal(await p.page.textContent('tr[data-column="label"] .flags'), 'label');
		assert.equal(
			await p.page.getAttribute('tr[data-column="income"] .flag-proxy', 'title'),
			"'income' is a proxy for 'group': Cramér's V = 0.41 ≥ 0.3.",
		);

		// Click "Distinct": most distinct first; again: fewest first.
		const distinct = new Map(view.columns.map((c) => [c.name, c.distinct]));
		for (const [order, direction] of [
			['descending', -1],
			['ascending', 1],
		] as const) {
			await p.page.click('button[data-sort="distinct"]');
			const sorted = await names();
			assert.deepEqual(
				sorted.map((n) => distinct.get(n)),
				[...distinct.values()].sort((a, b) => direction * (a - b)),
			);
			assert.equal(await p.page.getAttribute('th:has(button[data-sort="distinct"])', 'aria-sort'), order);
		}
		assert.equal(await p.page.getAttribute('th:has(button[data-sort="name"])', 'aria-sort'), 'none');

		// By the keyboard: the sorted header keeps the focus; Tab twice (past Summary), Enter sorts by flags (proxy first).
		await p.page.keyboard.press('Tab');
		await p.page.keyboard.press('Tab');
		assert.equal(await p.page.evaluate(() => document.activeElement?.getAttribute('data-sort')), 'flags');
		await p.page.keyboard.press('Enter');
		assert.deepEqual((await names()).slice(0, 3), ['income', 'group', 'label']);

		// By group: the largest gap between groups first; every gap in the order is non-increasing.
		await p.page.click('button[data-sort="byGroup"]');
		const gaps = (await names()).map((n) => view.columns.find((c) => c.name === n)!.groupGap);
		const defined = gaps.filter((g): g is number => g !== null);
		assert.ok(defined.length >= 10, `${defined.length} columns with a group gap`);
		assert.deepEqual(
			defined,
			[...defined].sort((a, b) => b - a),
		);
		assert.ok(
			gaps.slice(defined.length).every((g) => g === null),
			'columns without a gap last',
		);
		// The label differs most between groups on this synthetic data (labelBias 0.6) or a cf_ column does.
		assert.ok(defined[0]! > 0.1, `largest gap ${defined[0]}`);

		// The sort survives a reload (webview state), and the host's re-sent table is drawn in that order.
		const before = await names();
		await p.page.reload();
		await p.setTheme('light');
		await p.page.waitForFunction(() =>
			(window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'webview/ready'),
		);
		await p.send({ type: 'profile/didChange', params: { table: view } });
		assert.deepEqual(await names(), before);
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});

	it('shows a hostile column name and value as text, and ignores a malformed table', async () => {
		const evil = '<img src=x onerror=alert(1)>';
		const { result } = syntheticProfile();
		const view = buildProfileTable(result, evil, []);
		const hostile = {
			...view,
			columns: view.columns.map((c, i) => (i === 0 ? { ...c, name: evil, byGroup: [{ group: evil, text: evil }] } : c)),
		};
		const p = await openPanel(session.browser, session.server, { view: 'profile' });
		let dialogs = 0;
		p.page.on('dialog', (d) => {
			dialogs++;
			void d.dismiss();
		});
		await p.send({ type: 'profile/didChange', params: { table: { ...hostile, columns: [{ name: 5 }] } } });
		assert.equal(await p.page.locator('.profile-table').count(), 0);
		const logs = (await p.posted()).filter((m) => m.type === 'log/write');
		assert.equal(logs.length, 1);
		await p.send({ type: 'profile/didChange', params: { table: hostile } });
		await p.page.waitForTimeout(100);
		assert.equal(await p.page.locator('img').count(), 0);
		assert.equal(dialogs, 0);
		assert.equal(await p.page.textContent('h1'), `Profile: ${evil}`);
		assert.equal(await p.page.textContent('.profile-table tbody tr:first-child th'), evil);
		assert.equal(await p.page.textContent('.profile-table tbody tr:first-child .group-cell'), `${evil}: ${evil}`);
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});
});
