import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map();
for (const s of p.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
const total = p.samples.length;
const incl = new Map();
const key = (n) => { const u = n.callFrame.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, ''); return u.includes('node_modules') ? u.replace(/.*node_modules\/([^/]+)\/.*/, 'nm:$1') : (u.startsWith('src/') ? u.split('/').slice(0, 3).join('/') : (u || n.callFrame.functionName)); };
for (const [id, c] of counts) {
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) { const k = key(byId.get(x)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + c); } }
}
const fnIncl = new Map();
for (const [id, c] of counts) {
  const seen = new Set();
  for (let x = id; x !== undefined; x = parent.get(x)) { const n = byId.get(x); const k = n.callFrame.functionName + ' ' + key(n); if (!seen.has(k)) { seen.add(k); fnIncl.set(k, (fnIncl.get(k) ?? 0) + c); } }
}
console.log('inclusive by module');
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((100 * v / total).toFixed(1).padStart(6), k);
console.log('inclusive by function');
for (const [k, v] of [...fnIncl].sort((a, b) => b[1] - a[1]).slice(0, 50)) console.log((100 * v / total).toFixed(1).padStart(6), k);
