export { main } from './main';
export { EXIT, CliError, UsageError, ServiceUnavailableError, describeError } from './errors';
export { processIO, type CliIO } from './io';
