#!/usr/bin/env node
/**
 * Copies the editor files of the nodes (every .html file and the locales/ folder of
 * src/nodes) into dist/nodes, next to the compiled .js files, where Node-RED looks for them.
 * Run after `tsc -b`; it works from any current directory.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const sourceDir = path.join(__dirname, 'src', 'nodes');
const targetDir = path.join(__dirname, 'dist', 'nodes');

function copyAssets() {
  fs.mkdirSync(targetDir, { recursive: true });
  const copied = [];

  for (const entry of fs.readdirSync(sourceDir, { withFileTypes: true })) {
    const from = path.join(sourceDir, entry.name);
    const to = path.join(targetDir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.html')) {
      fs.copyFileSync(from, to);
      copied.push(entry.name);
    } else if (entry.isDirectory() && entry.name === 'locales') {
      fs.rmSync(to, { recursive: true, force: true });
      fs.cpSync(from, to, { recursive: true });
      copied.push('locales/');
    }
  }
  return copied;
}

const copied = copyAssets();
console.log(
  `copy-assets: ${copied.length} item(s) into ${path.relative(process.cwd(), targetDir) || '.'}`,
);
