/** The seeded large CSV of the server tests and of `npm run bench` (server section), in one place. */

/** A seeded CSV of about `bytes` bytes: group b is 30 %, region follows the group, label favours a. */
export function generateCsv(bytes: number, seed = 7): string {
	let s = seed >>> 0;
	const rand = (): number => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 4294967296;
	};
	const regions = ['north', 'south', 'east', 'west', 'centre'];
	const notes = [
		'first contact by phone',
		'walk-in applicant; documents complete',
		'referred by a partner office',
		'online form; follow-up pending',
	];
	const parts: string[] = ['group,age,income,region,score,note,label\n'];
	let size = parts[0]!.length;
	while (size < bytes) {
		const b = rand() < 0.3;
		const region = regions[b ? (rand() < 0.8 ? 0 : 1 + Math.floor(rand() * 4)) : 1 + Math.floor(rand() * 4)]!;
		const row = `${b ? 'b' : 'a'},${18 + Math.floor(rand() * 60)},${(20000 + rand() * 80000).toFixed(2)},${region},${rand().toFixed(4)},${notes[Math.floor(rand() * 4)]!},${rand() < (b ? 0.2 : 0.45) ? 'yes' : 'no'}\n`;
		parts.push(row);
		size += row.length;
	}
	return parts.join('');
}
