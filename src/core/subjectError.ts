/**
 * An error about one named thing (a file, a collective's method, a firm's approach) whose message
 * starts with that name, `subject: detail`, so that a run failing on one of several says which.
 * Each kind is a subclass, so a caller can catch one kind with `instanceof` and let others through;
 * `name` is what the CLI reports (the input errors share the name 'InputError').
 */
export class SubjectError extends Error {
	constructor(
		readonly subject: string,
		detail: string,
		name: string,
	) {
		super(`${subject}: ${detail}`);
		this.name = name;
	}
}
