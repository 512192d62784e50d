/** A role that does not fit the table (unknown column or value); the message lists what exists. */
export class RolesError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'RolesError';
	}
}
