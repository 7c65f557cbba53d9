import { orientCase, TriageCaseError, type Orientation } from '@parcours/domain';

interface Io {
  read(file: string | undefined): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

/** `parcours triage orient [FILE|-]`: JSON in (one case or an array), JSON out, exit 0; a malformed case names the field on stderr, exit 2. */
export async function runTriageOrient(args: string[], io: Io): Promise<number> {
  if (args.length > 1) {
    io.err('Usage: parcours triage orient [FILE|-]');
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(await io.read(args[0]));
  } catch (error) {
    io.err(`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const cases = Array.isArray(input) ? input : [input];
  const orientations: Orientation[] = [];
  for (const [index, one] of cases.entries()) {
    try {
      orientations.push(orientCase(one));
    } catch (error) {
      if (!(error instanceof TriageCaseError)) throw error;
      const where = Array.isArray(input) ? `[${index}]` : '';
      for (const issue of error.issues) io.err(`${[where, issue.path].filter(Boolean).join('.') || '(input)'}: ${issue.message.en}`);
      return 2;
    }
  }
  io.out(JSON.stringify(Array.isArray(input) ? orientations : orientations[0], null, 2));
  return 0;
}
