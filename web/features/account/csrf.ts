/** The session's CSRF token from the `vigil_csrf` cookie, as the header every signed-in write sends. */
export function csrfHeaders(): Record<string, string> {
  const token = document.cookie
    .split('; ')
    .find((c) => c.startsWith('vigil_csrf='))
    ?.slice('vigil_csrf='.length);
  return token ? { 'X-CSRF-Token': decodeURIComponent(token) } : {};
}
