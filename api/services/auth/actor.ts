import type { Role } from '../../../indicators/index.ts';

/** Who is making a request: the account's id, its email (the name audit entries carry) and role. */
export interface Actor {
  id: number | null;
  name: string;
  role: Role;
}
