/**
 * Reads a password without it reaching the command line (and so shell history or `ps`): from the
 * `VIGIL_PASSWORD` environment variable, else typed at a terminal with echo off (asked twice), else
 * the first line of standard input (`printf '%s\n' "$pw" | vigil users add …`).
 */
export async function readPassword(
  prompt: string,
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  if (env.VIGIL_PASSWORD) return env.VIGIL_PASSWORD;
  if (process.stdin.isTTY) {
    const first = await readHidden(`${prompt}: `);
    const again = await readHidden('Repeat it: ');
    if (first !== again) throw new Error('the two passwords differ');
    return first;
  }
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

/** One line typed at the terminal, not echoed. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
      return undefined;
    };
    stdin.on('data', onData);
  });
}
