#!/usr/bin/env node
import { main } from './main';
import { processIO } from './io';

main(process.argv.slice(2), processIO).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
