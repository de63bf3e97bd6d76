#!/usr/bin/env node
// The `kiosk` command: runs the TypeScript sources through tsx's loader so a clone needs no build.
import { register } from 'tsx/esm/api';

register();
await import('../host/cli/main.ts');
