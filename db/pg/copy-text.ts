import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value in COPY's text format: `\N` for null, backslash, tab, newline and carriage return escaped. */
export function copyField(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v !== 'string') throw new TypeError(`COPY text takes strings, numbers and booleans, not ${typeof v}`);
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Bytes buffered before they are handed to the COPY stream. */
const CHUNK = 1 << 16;

/**
 * One `COPY … FROM STDIN` (text format) on `client`: `add` a row at a time (values in column order),
 * `end` once. Rows are sent in chunks, waiting while the server catches up; an error of the COPY (a
 * bad value, the connection lost) is thrown by the next `add` or by `end`.
 */
export class CopyIn {
  private readonly stream: ReturnType<typeof copyFrom>;
  private error: Error | undefined;
  private text = '';

  constructor(client: pg.PoolClient, statement: string) {
    this.stream = client.query(copyFrom(statement));
    this.stream.on('error', (e: Error) => (this.error ??= e));
  }

  async add(row: readonly unknown[]): Promise<void> {
    this.text += `${row.map(copyField).join('\t')}\n`;
    if (this.text.length >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.error) throw this.error;
    const text = this.text;
    this.text = '';
    if (!this.stream.write(text)) await this.drained();
    if (this.error) throw this.error;
  }

  /** Resolves on the stream's next 'drain' or 'error', leaving no listener behind (a wait per chunk would pile them up). */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }

  /** Stops the COPY without ending it (the connection is then unusable: end it, do not reuse it). */
  abort(): void {
    this.stream.on('error', () => undefined);
    this.stream.destroy();
  }

  /** Sends what is left and ends the COPY: every row is in the table once this resolves. */
  async end(): Promise<void> {
    if (this.error) throw this.error;
    this.stream.end(this.text);
    this.text = '';
    await finished(this.stream).catch((e: Error) => (this.error ??= e));
    if (this.error) throw this.error;
  }
}
