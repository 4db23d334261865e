import { QueryClient } from '@tanstack/react-query';

/** The dashboard's one query client: data are monthly, so a minute of freshness is plenty. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 } },
});
