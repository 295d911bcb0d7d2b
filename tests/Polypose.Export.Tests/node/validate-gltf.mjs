// Validates .glb/.gltf files with the Khronos glTF validator (npm gltf-validator) and prints one JSON line per file:
// {"file", "errors", "warnings", "infos", "messages": [first 20 issue messages]}. Exit code 0 when no file has errors.
// Usage: node validate-gltf.mjs FILE...
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const validator = require('gltf-validator');

let failed = false;
for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(await readFile(file));
  const report = await validator.validateBytes(data, { maxIssues: 1000, uri: file });
  const issues = report.issues;
  const messages = issues.messages.slice(0, 20).map((m) => `${m.severity}:${m.code}:${m.pointer ?? ''}:${m.message}`);
  console.log(JSON.stringify({
    file,
    errors: issues.numErrors,
    warnings: issues.numWarnings,
    infos: issues.numInfos,
    messages,
  }));
  if (issues.numErrors > 0) failed = true;
}
process.exit(failed ? 1 : 0);
