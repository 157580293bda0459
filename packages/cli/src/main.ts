import { Command } from 'commander';
import { analyzeCommand } from './commands/analyze';
import { disruptCommand } from './commands/disrupt';
import { exportCommand } from './commands/export';
import { neo4jCommand } from './commands/neo4j';
import { pathCommand } from './commands/path';
import { rulesCommand } from './commands/rules';
import { summaryCommand } from './commands/summary';
import { validateCommand } from './commands/validate';
import { viewCommand } from './commands/view';
import { describeError, EXIT } from './errors';
import { givenFlags, RelaunchRequest, relaunchNote, relaunchPlan } from './relaunch';
import { InputTooLargeError } from '@chokepoint/pipeline';
import type { CliIO } from './io';
import { terminalSafe } from './terminal';
import { VERSION } from './version';

function program(io: CliIO): Command {
  const root = new Command('chokepoint')
    .description(
      'Find the weak points of supply networks: tightly linked clusters near border crossings and the single key ' +
        'nodes everything passes through. Findings are indicators for human review, not accusations.',
    )
    .version(VERSION, '-V, --version')
    .addCommand(analyzeCommand(io))
    .addCommand(validateCommand(io))
    .addCommand(summaryCommand(io))
    .addCommand(rulesCommand(io))
    .addCommand(disruptCommand(io))
    .addCommand(pathCommand(io))
    .addCommand(viewCommand(io))
    .addCommand(exportCommand(io))
    .addCommand(neo4jCommand(io));
  const configure = (cmd: Command) => {
    cmd.exitOverride().showHelpAfterError('(add --help for usage)').configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    cmd.commands.forEach(configure);
  };
  configure(root);
  return root;
}

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function main(argv: string[], given: CliIO): Promise<number> {
  // Messages quote file names, headers and values from the data: none of it may drive the terminal.
  const io: CliIO = { stdout: given.stdout, stderr: (text) => given.stderr(terminalSafe(text)), relaunch: given.relaunch };
  const root = program(io);
  if (argv.length === 0) {
    io.stderr(root.helpInformation());
    return EXIT.usage;
  }
  try {
    await root.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (given.relaunch !== undefined && (err instanceof RelaunchRequest || err instanceof InputTooLargeError)) {
      // A large input runs again in a process with a larger young generation; one too large for Node.js's default
      // heap (about 4 GB), on a machine that has the memory, with a heap that may grow to three quarters of it,
      // rather than asking the person to set it. (An input too large for a limit they chose is refused below.)
      const plan = err instanceof RelaunchRequest ? err.plan : relaunchPlan(err.estimate, givenFlags());
      if (plan !== undefined) {
        if (!argv.includes('--quiet') && !argv.includes('-q')) io.stderr(relaunchNote(plan, err.estimate));
        return given.relaunch(plan);
      }
    }
    const { code, message } = describeError(err);
    if (message !== '') io.stderr(`${message}\n`);
    return code;
  }
}
