import type { OpenApiDocument, OpenApiOperation as Operation, OpenApiParameter as Parameter } from './build.ts';
import { exampleOf } from './example.ts';
import type { JsonSchema } from './json-schema.ts';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The little Markdown the descriptions use: `code` and **bold**, paragraphs. */
const prose = (s: string) =>
  s
    .split('\n\n')
    .map(
      (p) =>
        `<p>${esc(p)
          .replace(/`([^`]+)`/g, '<code>$1</code>')
          .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')}</p>`,
    )
    .join('');

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A schema in a few words: its type and constraints, e.g. `string, one of overall|tip, default overall`. */
function constraints(s: JsonSchema): string {
  const type = Array.isArray(s.type)
    ? (s.type as string[]).join(' or ')
    : ((s.type as string | undefined) ?? (s.$ref ? String(s.$ref).split('/').at(-1) : 'any'));
  const parts = [type];
  if (Array.isArray(s.enum)) parts.push(`one of ${(s.enum as unknown[]).map(String).join(' | ')}`);
  if (s.pattern) parts.push(`pattern ${String(s.pattern)}`);
  if (s.minimum !== undefined && Number(s.minimum) > Number.MIN_SAFE_INTEGER) parts.push(`≥ ${String(s.minimum)}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${String(s.exclusiveMinimum)}`);
  if (s.maximum !== undefined && Number(s.maximum) < Number.MAX_SAFE_INTEGER) parts.push(`≤ ${String(s.maximum)}`);
  if (s.minLength !== undefined) parts.push(`length ≥ ${String(s.minLength)}`);
  if (s.maxLength !== undefined) parts.push(`length ≤ ${String(s.maxLength)}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(', ');
}

function parameters(params: Parameter[]): string {
  if (!params.length) return '';
  const rows = params.map(
    (p) =>
      `<tr><td><code>${esc(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${p.in}</td><td>${esc(constraints(p.schema))}</td><td>${esc(p.description ?? '')}</td></tr>`,
  );
  return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>type and constraints</th><th>meaning</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const pretty = (v: unknown) => esc(typeof v === 'string' ? v : JSON.stringify(v, null, 2));

function body(op: Operation, components: Record<string, JsonSchema>): string {
  const rb = op.requestBody;
  if (!rb) return '';
  const parts = Object.entries(rb.content).map(([type, m]) => {
    const example = m.example ?? (type === 'application/json' ? exampleOf(m.schema, components) : undefined);
    return `<p class="media">${esc(type)}</p>${example === undefined ? '' : `<pre>${pretty(example)}</pre>`}`;
  });
  return `<h4>Request body</h4>${rb.description ? prose(rb.description) : ''}${parts.join('')}`;
}

function responses(op: Operation, components: Record<string, JsonSchema>): string {
  const items = Object.entries(op.responses).map(([status, r]) => {
    const [type, media] = Object.entries(r.content ?? {})[0] ?? [];
    const ok = Number(status) < 300;
    const example =
      ok && type === 'application/json' && media?.schema
        ? `<pre>${pretty(exampleOf(media.schema, components))}</pre>`
        : '';
    return `<li><span class="status s${status[0]}">${esc(status)}</span> ${esc(r.description)}${type ? ` <span class="media">${esc(type)}</span>` : ''}${example}</li>`;
  });
  return `<h4>Responses</h4><ul class="responses">${items.join('')}</ul>`;
}

function operation(method: string, path: string, op: Operation, components: Record<string, JsonSchema>): string {
  const example = op['x-vigil-example'];
  const tryIt = example
    ? `<h4>Example</h4><p><code>${method.toUpperCase()} ${esc(example)}</code>${method === 'get' && op['x-vigil-role'] !== 'admin' ? ` <a href="${esc(example)}">open</a>` : ''}</p>`
    : '';
  const search = `${method} ${path} ${op.summary}`.toLowerCase();
  return `<details class="op" id="${esc(op.operationId)}" data-search="${esc(search)}"><summary><span class="method ${method}">${method.toUpperCase()}</span> <code class="path">${esc(path)}</code> <span class="summary">${esc(op.summary)}</span> <span class="role ${op['x-vigil-role']}">${op['x-vigil-role']}</span></summary>${prose(op.description)}${parameters(op.parameters ?? [])}${body(op, components)}${responses(op, components)}${tryIt}</details>`;
}

/**
 * The API page: the OpenAPI document rendered as HTML by Vigil itself, one section per resource, each
 * route with who may call it, its parameters and their constraints, its body, its responses with an
 * example, and an example request. Styles and the filter script are Vigil's own files; nothing is
 * loaded from another server.
 */
export function renderDocsPage(spec: OpenApiDocument): string {
  const components = spec.components.schemas;
  const sections = spec.tags.map((tag) => {
    const ops = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags.includes(tag.name))
        .map(([m, op]) => operation(m, path, op, components)),
    );
    return `<section id="${slug(tag.name)}" class="resource"><h2>${esc(tag.name)}</h2>${prose(tag.description)}${ops.join('')}</section>`;
  });
  const nav = spec.tags.map((t) => `<li><a href="#${slug(t.name)}">${esc(t.name)}</a></li>`).join('');
  const count = Object.values(spec.paths).reduce((n, m) => n + Object.keys(m).length, 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigil API ${esc(spec.info.version)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/api/docs/docs.css"><script src="/api/docs/docs.js" defer></script></head>
<body><header><p class="back"><a href="/">← Back to the Vigil dashboard</a></p><h1>Vigil API <small>${esc(spec.info.version)}</small></h1>${prose(spec.info.description)}
<p>${count} routes. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${esc(spec.openapi)}).</p>
<p class="tools"><label>Filter <input id="filter" type="search" placeholder="e.g. scores, POST, import" autocomplete="off"></label> <button id="expand" type="button">Expand all</button></p>
<nav><ul>${nav}</ul></nav></header><main>${sections.join('')}</main></body></html>`;
}
