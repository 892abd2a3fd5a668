// Judges every document of the public corpus with the official AsyncAPI parser (with its Avro and OpenAPI schema
// parsers registered) and writes the official verdict into verdicts.tsv, and the valid documents' message examples
// into examples.json. Columns this script does not own
// (expected outcome for us, today's known gap, note) are kept as they are, matched by path.
//
//   cd tools/corpus-judge && npm install && node judge.mjs [path/to/corpus]
import { Parser, fromFile } from '@asyncapi/parser';
import { AvroSchemaParser } from '@asyncapi/avro-schema-parser';
import { OpenAPISchemaParser } from '@asyncapi/openapi-schema-parser';
import fs from 'node:fs';
import path from 'node:path';

const corpus = path.resolve(process.argv[2] ?? '../../codegen-core/src/test/resources/corpus');
const parser = new Parser();
parser.registerSchemaParser(AvroSchemaParser());
parser.registerSchemaParser(OpenAPISchemaParser());

const HEADER = ['path', 'asyncapi', 'official', 'official_errors', 'expected', 'today', 'note'];
const documents = fs.readFileSync(path.join(corpus, 'SOURCES.tsv'), 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')).filter((c) => c[1] === 'document').map((c) => c[0]);

const verdictsFile = path.join(corpus, 'verdicts.tsv');
const kept = new Map();
if (fs.existsSync(verdictsFile)) {
  for (const line of fs.readFileSync(verdictsFile, 'utf8').split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('path\t')) continue;
    const c = line.split('\t');
    kept.set(c[0], c.slice(4));
  }
}

// Message examples (message `examples[].payload` and the payload schema's `examples`) of the valid documents, as the official parser reads them (YAML 1.2, $refs resolved, traits
// applied): PublicCorpusTest reads each through the generated payload type and validates it.
const examples = {};
const exampleGroups = (document) => {
  const groups = [];
  for (const message of document.allMessages().all()) {
    const payloads = message.examples().all().map((e) => e.payload()).filter((p) => p !== undefined);
    const schemaExamples = message.hasPayload() && typeof message.payload().examples === 'function'
      ? message.payload().examples() : undefined;
    if (Array.isArray(schemaExamples)) payloads.push(...schemaExamples); // the payload schema's own `examples`
    if (payloads.length === 0) continue;
    const names = [...new Set([message.name(), message.id()].filter((n) => typeof n === 'string'))];
    groups.push({ names, payloads });
  }
  return groups;
};

const clean = (s) => String(s).replace(/[\t\r\n]+/g, ' ').replace(/\s+/g, ' ').trim();
const rows = [];
for (const doc of documents) {
  const file = path.join(corpus, doc);
  const text = fs.readFileSync(file, 'utf8');
  const version = (text.match(/["']?asyncapi["']?\s*:\s*["']?([0-9][0-9A-Za-z.\-]*)/) ?? [])[1] ?? '?';
  let verdict;
  let errors = '';
  try {
    const { document, diagnostics } = await fromFile(parser, file).parse();
    const errs = diagnostics.filter((d) => d.severity === 0);
    verdict = document && errs.length === 0 ? 'valid' : 'invalid';
    if (verdict === 'valid') {
      const groups = exampleGroups(document);
      if (groups.length > 0) examples[doc] = groups;
    }
    errors = errs.slice(0, 3).map((d) => `${d.code} ${d.path.length ? '#/' + d.path.join('/') : '#'}: ${d.message}`)
      .map(clean).join(' | ');
  } catch (e) {
    verdict = 'invalid';
    errors = 'parser threw: ' + clean(e.message);
  }
  const rest = kept.get(doc) ?? ['', '', ''];
  rows.push([doc, version, verdict, errors.slice(0, 400) || '-', ...rest].join('\t'));
  console.log(`${verdict.padEnd(7)} ${version.padEnd(6)} ${doc}${errors ? '  ' + errors.slice(0, 160) : ''}`);
}
const head = [
  '# Official verdicts by @asyncapi/parser (+ avro/openapi schema parsers); columns 1-4 written by tools/corpus-judge/judge.mjs.',
  '# expected: "ok" (read without errors, generated and compiled under both roles), "refused CODE[,CODE]" (officially invalid: the codes must be among the errors)',
  '#   or "unsupported CODE[,CODE]" (officially valid, but uses what this project does not support; reason in note). CODE "pending": no check for the reason exists yet.',
  '#   "ok" for an officially invalid document needs a note "deviation: why".',
  '# today: empty, or "fails TOKEN[|TOKEN] (why)" (TOKEN: a diagnostic code, javac, or accepted) = a known gap on this branch, printed loudly by',
  '#   PublicCorpusTest, which fails once the document meets its expectation (remove the mark then) or fails for another reason.',
  HEADER.join('\t'),
];
fs.writeFileSync(verdictsFile, head.join('\n') + '\n' + rows.join('\n') + '\n');
fs.writeFileSync(path.join(corpus, 'examples.json'), JSON.stringify(examples, null, 1) + '\n');
console.log(`${rows.length} documents judged, ${rows.filter((r) => r.split('\t')[2] === 'valid').length} valid`);
