#!/usr/bin/env node
// The installed command: Node 24 runs the TypeScript sources directly (type stripping). The
// workspace is symlinked into node_modules and resolves to its real path, outside node_modules,
// where type stripping applies.
import '../src/main.ts';
