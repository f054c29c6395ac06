#!/usr/bin/env node
// The package's `rolecall` bin: runs the TypeScript sources through tsx, as `npm run cli` does, so an
// installed CLI needs no build step. (`npm start` differs: its `prestart` bundles src/ into dist/ with
// esbuild and it runs `node --enable-source-maps --optimize-for-size dist/main.js`, without tsx.)
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
