/** sha256 of a file's bytes, streamed (datasets can be large), as lowercase hex. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256File(path: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const hash = createHash('sha256');
		createReadStream(path)
			.on('data', (chunk) => hash.update(chunk))
			.on('error', reject)
			.on('end', () => resolve(hash.digest('hex')));
	});
}
