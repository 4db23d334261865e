/** The API page's stylesheet (served from Vigil: the Content-Security-Policy allows no inline style). */
export const DOCS_CSS = `
:root { --ink: #1d2733; --muted: #5b6b7c; --line: #d8e0e8; --bg: #f6f8fa; --accent: #7a1f2b; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); }
body { margin: 0; line-height: 1.45; background: #fff; }
header, main { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1.5rem; border-bottom: 1px solid var(--line); }
h1 small { color: var(--muted); font-weight: normal; font-size: 0.55em; }
h2 { margin-top: 2.2rem; border-bottom: 2px solid var(--accent); padding-bottom: 0.2rem; }
h4 { margin: 1rem 0 0.3rem; font-size: 0.95rem; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88em; }
pre { background: var(--bg); border: 1px solid var(--line); padding: 0.6rem; overflow: auto; max-height: 22rem; }
.tools input { font: inherit; padding: 0.25rem 0.5rem; min-width: 18rem; }
.tools button { font: inherit; padding: 0.25rem 0.7rem; }
details.op { border: 1px solid var(--line); border-radius: 4px; margin: 0.5rem 0; background: #fff; }
details.op[open] { background: var(--bg); }
details.op > summary { cursor: pointer; padding: 0.45rem 0.7rem; list-style: none; display: flex; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; }
details.op > :not(summary) { margin-left: 0.9rem; margin-right: 0.9rem; }
.method { font-weight: 700; font-size: 0.8rem; min-width: 3.6rem; text-align: center; border-radius: 3px; padding: 0.05rem 0.3rem; color: #fff; background: #3d6f99; }
.method.post { background: #2f7d4f; } .method.patch { background: #8a6d1f; } .method.delete { background: #9b2c2c; }
.path { font-weight: 600; }
.summary { color: var(--muted); flex: 1; }
.role { font-size: 0.75rem; border: 1px solid var(--line); border-radius: 10px; padding: 0 0.5rem; background: #fff; }
.role.admin { border-color: #9b2c2c; color: #9b2c2c; } .role.analyst { border-color: #8a6d1f; color: #6d5616; } .role.viewer, .role.signed-in { border-color: #3d6f99; color: #2c5578; }
table { border-collapse: collapse; width: calc(100% - 1.8rem); font-size: 0.9rem; background: #fff; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.45rem; text-align: left; vertical-align: top; }
.req { color: var(--accent); font-size: 0.75rem; }
.media { color: var(--muted); font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.8rem; }
ul.responses { list-style: none; padding: 0; }
ul.responses li { margin: 0.25rem 0; }
.status { font-weight: 700; display: inline-block; min-width: 2.4rem; }
.status.s2, .status.s3 { color: #2f7d4f; } .status.s4 { color: #9b2c2c; } .status.s5 { color: #5b6b7c; }
.hidden { display: none; }
`;

/** The API page's script: filter routes as you type, expand or collapse all. The page works without it. */
export const DOCS_JS = `
(() => {
  const filter = document.getElementById('filter');
  const expand = document.getElementById('expand');
  const ops = [...document.querySelectorAll('details.op')];
  filter.addEventListener('input', () => {
    const words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    for (const op of ops) op.classList.toggle('hidden', !words.every((w) => op.dataset.search.includes(w)));
    for (const s of document.querySelectorAll('section.resource')) s.classList.toggle('hidden', !s.querySelector('details.op:not(.hidden)'));
  });
  expand.addEventListener('click', () => {
    const open = expand.textContent === 'Expand all';
    for (const op of ops) op.open = open;
    expand.textContent = open ? 'Collapse all' : 'Expand all';
  });
  if (location.hash) document.getElementById(location.hash.slice(1))?.setAttribute('open', '');
})();
`;
