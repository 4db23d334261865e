#!/usr/bin/env node
// Launcher for `npx vigil …`: the CLI is TypeScript, run through tsx like the server.
import { register } from 'tsx/esm/api';

register();
await import('./vigil.ts');
