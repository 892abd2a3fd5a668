// Runs @asyncapi/diff on every case of the compat edit corpus (compat/src/test/resources/edits/<case>/{old,new}) and
// prints its figures beside ours, read from compat/target/edit-corpus-verdicts.tsv (written by EditCorpusTest).
//
// Not part of the Maven build. Usage, from the repository root:
//   mvn -B -q -o -pl compat -am verify -Dtest=EditCorpusTest -Dsurefire.failIfNoSpecifiedTests=false
//   (cd compat/tools/diff-side-by-side && npm ci && node side-by-side.mjs)     add --cases for one line per case
//
// Granularity: @asyncapi/diff has no notion of direction, so it is scored per case. A case is "breaking" when its
// expected verdict is BREAKING for at least one direction (the application sends / receives), "safe" otherwise
// (SAFE or NEEDS_COORDINATION both ways). caught = the tool calls a breaking case breaking; false alarm = it calls a
// safe case breaking. Ours is scored the same way (breaking in a direction where BREAKING is expected / breaking in
// any direction of a safe case), and also per direction, which is how EditCorpusTest scores it.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { diff } = require('@asyncapi/diff');
const { Parser, fromFile } = require('@asyncapi/parser');

const here = dirname(fileURLToPath(import.meta.url));
const compat = join(here, '..', '..');
const edits = join(compat, 'src', 'test', 'resources', 'edits');
const verdictsFile = join(compat, 'target', 'edit-corpus-verdicts.tsv');
const perCase = process.argv.includes('--cases');

function expectedOf(dir) {
  const props = {};
  for (const line of readFileSync(join(dir, 'expected.properties'), 'utf8').split('\n')) {
    const m = line.match(/^\s*([^#=\s]+)\s*=\s*(.*?)\s*$/);
    if (m) props[m[1]] = m[2];
  }
  return { send: props.send, receive: props.receive };
}

async function parse(parser, file) {
  const { document, diagnostics } = await fromFile(parser, file).parse();
  if (!document) {
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at /${d.path.join('/')}`);
    throw new Error(`@asyncapi/parser rejects ${file}: ${errors.slice(0, 2).join('; ')}`);
  }
  return document.json();
}

const parser = new Parser();
const cases = readdirSync(edits, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const rows = [];
for (const name of cases) {
  const dir = join(edits, name);
  const expected = expectedOf(dir);
  const breaking = expected.send === 'BREAKING' || expected.receive === 'BREAKING';
  const row = { name, expected, breaking, diff: null, error: null };
  try {
    const old = await parse(parser, join(dir, 'old', 'asyncapi.yaml'));
    const now = await parse(parser, join(dir, 'new', 'asyncapi.yaml'));
    const out = diff(old, now);
    row.diff = { breaking: out.breaking().length, nonBreaking: out.nonBreaking().length, unclassified: out.unclassified().length };
  } catch (e) {
    row.error = String(e.message ?? e).split('\n')[0];
  }
  rows.push(row);
}

// Ours, from the verdicts EditCorpusTest computed with the real reader and checker.
let ours = null;
if (existsSync(verdictsFile)) {
  ours = new Map();
  for (const line of readFileSync(verdictsFile, 'utf8').trim().split('\n').slice(1)) {
    const [name, side, expected, got] = line.split('\t');
    if (!ours.has(name)) ours.set(name, {});
    ours.get(name)[side] = { expected, got };
  }
}

const totalBreaking = rows.filter((r) => r.breaking).length;
const totalSafe = rows.length - totalBreaking;
const d = { caught: 0, falseAlarms: 0, unclassifiedOnly: 0, errors: 0 };
for (const r of rows) {
  if (r.error) { d.errors++; continue; }
  const says = r.diff.breaking > 0;
  if (r.breaking && says) d.caught++;
  if (!r.breaking && says) d.falseAlarms++;
  if (!says && r.diff.unclassified > 0) d.unclassifiedOnly++;
}
const o = { caught: 0, falseAlarms: 0, dirBreaking: 0, dirCaught: 0, dirSafe: 0, dirFalse: 0, missing: 0 };
if (ours) {
  for (const r of rows) {
    const v = ours.get(r.name);
    if (!v || !v.send || !v.receive) { o.missing++; continue; }
    const sides = [v.send, v.receive];
    if (r.breaking && sides.some((s) => s.expected === 'BREAKING' && s.got === 'BREAKING')) o.caught++;
    if (!r.breaking && sides.some((s) => s.got === 'BREAKING')) o.falseAlarms++;
    for (const s of sides) {
      if (s.expected === 'BREAKING') { o.dirBreaking++; if (s.got === 'BREAKING') o.dirCaught++; }
      else { o.dirSafe++; if (s.got === 'BREAKING') o.dirFalse++; }
    }
  }
}

if (perCase) {
  console.log('case\texpected send/receive\t@asyncapi/diff breaking/non-breaking/unclassified\tours send/receive');
  for (const r of rows) {
    const v = ours?.get(r.name);
    const theirs = r.error ? `error: ${r.error}` : `${r.diff.breaking}/${r.diff.nonBreaking}/${r.diff.unclassified}`;
    console.log(`${r.name}\t${r.expected.send}/${r.expected.receive}\t${theirs}\t${v ? `${v.send?.got}/${v.receive?.got}` : '-'}`);
  }
  console.log();
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`edit corpus: ${rows.length} cases, ${totalBreaking} breaking (in at least one direction), ${totalSafe} safe`);
console.log(pad('tool', 34) + pad('breaking caught', 18) + pad('false alarms', 15) + pad('unclassified', 14) + 'not compared');
console.log(pad('@asyncapi/diff 0.5.0 (per case)', 34) + pad(`${d.caught}/${totalBreaking}`, 18)
  + pad(`${d.falseAlarms}/${totalSafe}`, 15) + pad(d.unclassifiedOnly, 14) + d.errors);
if (ours) {
  console.log(pad('asyncapi-kafka compat (per case)', 34) + pad(`${o.caught}/${totalBreaking}`, 18)
    + pad(`${o.falseAlarms}/${totalSafe}`, 15) + pad('-', 14) + o.missing);
  console.log(pad('asyncapi-kafka compat (per dir.)', 34) + pad(`${o.dirCaught}/${o.dirBreaking}`, 18)
    + pad(`${o.dirFalse}/${o.dirSafe}`, 15) + pad('-', 14) + o.missing);
} else {
  console.log(`asyncapi-kafka compat: no ${verdictsFile}; run EditCorpusTest first (see the header of this script)`);
}
console.log('unclassified = cases where @asyncapi/diff reports no breaking change but at least one unclassified one;');
console.log('not compared = cases @asyncapi/diff could not take (first reason per case with --cases).');
const reasons = [...new Set(rows.filter((r) => r.error).map((r) => r.error.replace(/ \/\S+asyncapi\.yaml/, ' <file>')))];
for (const reason of reasons.slice(0, 5)) console.log(`  not compared: ${reason}`);
