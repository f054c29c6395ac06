#!/usr/bin/env node
// The package's `rolecall` bin: runs the TypeScript CLI through tsx, as `npm start` does the bot.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2));
