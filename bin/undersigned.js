#!/usr/bin/env node
// The command line (`npx undersigned …`): runs the build in dist/, made first if src/ has changed
// since (scripts/build.mjs). Plain Node runs it: a TypeScript loader such as tsx would stay in memory,
// in a thread of its own, beside a million-row export.
import { buildIfStale } from '../scripts/build.mjs';

await buildIfStale();
await import('../dist/cli.js');
