// Connection strings as they may be shown: where a database is, never its password.

/** The database a URL names, without user or password: for the log. */
export function describeDatabase(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

/** `text` (a driver's error message, say) with the password of `url`, if it has one, masked as `***`. */
export function maskPassword(url: string, text: string): string {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return text;
  }
  if (!password) return text;
  // The URL holds the password percent-encoded; a message may hold either form.
  let plain = password;
  try {
    plain = decodeURIComponent(password);
  } catch {
    // not valid percent-encoding: only the form as written
  }
  return text.split(password).join('***').split(plain).join('***');
}
