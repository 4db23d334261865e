import { QueryClient } from '@tanstack/react-query';

/** A request is retried once, unless the API answered that the request itself is at fault (4xx). */
function retry(failures: number, error: Error): boolean {
  const status = (error as { status?: number }).status;
  return failures < 1 && !(status !== undefined && status >= 400 && status < 500);
}

/** The dashboard's one query client: data are monthly, so a minute of freshness is plenty. */
export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry } },
});
