import { ApiError, badRequest } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { checkText } from './checks.ts';
import { RetractInputSchema } from './input.ts';

/**
 * The optional "on behalf of" reason a rollback or retraction of someone else's work carries: why,
 * or for whom, the caller undoes it. Recorded in the audit log; free text, so checked for personal data.
 */
export const OnBehalfOfSchema = RetractInputSchema.shape.onBehalfOf;

/** What the audit entry of an undo records about whose work it was. */
export interface Authority {
  owner: string;
  onBehalfOf: string | null;
}

/**
 * Whether `actor` may undo (roll back, retract) `what`, owned by `owner` (the account that entered or
 * imported it): its owner and admins may; anyone else with the role only with an explicit
 * `onBehalfOf` reason, which the audit log keeps. Otherwise a 403 naming the owner and the way out.
 */
export function authorityOver(actor: Actor, owner: string, what: string, onBehalfOf?: string): Authority {
  const reasonErrors = checkText('onBehalfOf', 'reasons', onBehalfOf);
  if (reasonErrors.length) throw badRequest(reasonErrors);
  if (actor.name !== owner && actor.role !== 'admin' && !onBehalfOf)
    throw new ApiError(
      403,
      'not_owner',
      `${what} was entered by ${owner}, not by you: an admin may undo it, or give the reason you act on their behalf in onBehalfOf`,
      [{ field: 'onBehalfOf', message: `is required to undo ${owner}'s work (or ask an admin)` }],
    );
  return { owner, onBehalfOf: onBehalfOf ?? null };
}
