import { orientCase, TriageCaseError } from '@parcours/domain';
import { runJsonCommand, type Io } from '../../platform/cli/json-command.js';

/** `parcours triage orient [FILE|-]`: JSON in (one case or an array), JSON out, exit 0; a malformed case names the field on stderr, exit 2. */
export function runTriageOrient(args: string[], io: Io): Promise<number> {
  return runJsonCommand(
    { usage: 'parcours triage orient [FILE|-]', answer: orientCase, isCaseError: (error) => error instanceof TriageCaseError },
    args,
    io,
  );
}
