import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../indicators/index.ts';
import { api } from '../lib/api-client.ts';
import { unwrap } from '../lib/http.ts';

/** What the audit log can be narrowed to (empty strings are "any"). */
export interface AuditFilter {
  actor: string;
  action: string;
  entity: string;
}

const PAGE = 50;

/** Query factories for administration: the accounts, the audit log a page at a time, and the backups. */
export const adminQueries = {
  all: ['admin'] as const,
  /** `/api/health` as an admin sees it: with the scheduled backups' status. */
  health: () =>
    queryOptions({
      queryKey: [...adminQueries.all, 'health'],
      queryFn: async () => unwrap(await api.health.$get()),
      refetchInterval: 60_000,
    }),
  users: () =>
    queryOptions({ queryKey: [...adminQueries.all, 'users'], queryFn: async () => unwrap(await api.users.$get()) }),
  audit: (f: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: [...adminQueries.all, 'audit', f],
      initialPageParam: undefined as number | undefined,
      queryFn: async ({ pageParam }) => {
        const query = { limit: String(PAGE), ...(pageParam ? { before: String(pageParam) } : {}) };
        for (const k of ['actor', 'action', 'entity'] as const)
          if (f[k].trim()) Object.assign(query, { [k]: f[k].trim() });
        return unwrap(await api.audit.$get({ query }));
      },
      // A full page may have older entries behind it; page backwards from the last id seen.
      getNextPageParam: (last) => (last.length === PAGE ? last.at(-1)!.id : undefined),
    }),
};

/** Creates an account with an initial password (the person changes it on the Account page). */
export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { email: string; name?: string; role: Role; password: string }) =>
      unwrap(await api.users.$post({ json: body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminQueries.all }),
  });
}

/** Changes an account's role, disables or re-enables it, or sets a new password. */
export function useChangeUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, ...json }: { id: number; role?: Role; disabled?: boolean; password?: string }) =>
      unwrap(await api.users[':id'].$patch({ param: { id: String(id) }, json })),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminQueries.all }),
  });
}
