import { evaluate, RulesRequestError } from '@parcours/domain';
import { runJsonCommand, type Io } from '../../platform/cli/json-command.js';

/** `parcours rules evaluate [FILE|-]`: JSON in, JSON out, exit 0; malformed input names the field on stderr, exit 2. */
export function runRulesEvaluate(args: string[], io: Io): Promise<number> {
  return runJsonCommand(
    {
      usage: 'parcours rules evaluate [FILE|-]',
      answer: (request) => evaluate(request as Parameters<typeof evaluate>[0]),
      isCaseError: (error) => error instanceof RulesRequestError,
    },
    args,
    io,
  );
}
