/**
 * The firm's learner of a request: the request's own `model` (the panel's run settings) first,
 * then the sidecar's `model`, then the setting `collectiveFairness.firm.model`, then logistic
 * regression — the same order as the firm's awareness (features.includeSensitive before the
 * setting seesSensitiveAttribute), so a dataset's sidecar decides for everyone who opens it.
 */
import type { FirmModelSpec } from '../core/models/firmModel';
import type { Sidecar } from '../core/roles/sidecar';
import { firmModelFromSidecar } from '../core/roles/sidecarModel';
import type { ServerSettings } from '../shared/settings';

interface SettingsSource {
	readonly settings?: (uri: string) => Promise<ServerSettings>;
}

/**
 * `{ model }` to spread into the run's parameters, or `{}` for the logistic firm (whose parameters
 * stay as they were without a model field). `seed` seeds boosting's early-stopping split.
 */
export async function firmModelForRequest(
	ctx: SettingsSource,
	uri: string,
	sidecar: Sidecar,
	requested: FirmModelSpec | undefined,
	seed: number | undefined,
): Promise<{ model?: FirmModelSpec }> {
	const spec =
		requested ??
		(sidecar.model !== undefined
			? firmModelFromSidecar(sidecar.model, seed ?? 0)
			: ctx.settings !== undefined && (await ctx.settings(uri)).firm.model === 'boosting'
				? ({ kind: 'boosting', params: { seed: seed ?? 0 } } satisfies FirmModelSpec)
				: undefined);
	return spec === undefined || spec.kind === 'logistic' ? {} : { model: spec };
}
