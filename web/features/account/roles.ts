import { ROLES, type Role } from '../../../indicators/index.ts';
import { t } from '../../i18n/messages.ts';

/** A role's name in the page's language (`analyst`, `analyste`, `محلل`); an unknown one as it comes. */
export function roleName(role: string): string {
  return (ROLES as readonly string[]).includes(role) ? t(`account.roleName.${role as Role}`) : role;
}
