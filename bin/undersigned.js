#!/usr/bin/env node
// The command line (`npx undersigned …`): runs the TypeScript source through tsx, as `npm start` does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.node.ts');
