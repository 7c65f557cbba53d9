/** Where a command reads its input and writes its answers. */
export interface Io {
  read(file: string | undefined): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

/** What a refused case says: each issue's path and English message. */
interface CaseError {
  issues: readonly { path: string; message: { en: string } }[];
}

/**
 * A command of the contracts' shape (`parcours rules evaluate`, `parcours triage orient`): JSON in
 * from FILE or stdin (one case or an array), JSON out in the same shape, exit 0; malformed input
 * names the field on stderr, exit 2.
 */
export async function runJsonCommand<R>(
  command: { usage: string; answer: (input: unknown) => R; isCaseError: (error: unknown) => error is CaseError },
  args: string[],
  io: Io,
): Promise<number> {
  if (args.length > 1) {
    io.err(`Usage: ${command.usage}`);
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
  const answers: R[] = [];
  for (const [index, one] of cases.entries()) {
    try {
      answers.push(command.answer(one));
    } catch (error) {
      if (!command.isCaseError(error)) throw error;
      const where = Array.isArray(input) ? `[${index}]` : '';
      for (const issue of error.issues) io.err(`${[where, issue.path].filter(Boolean).join('.') || '(input)'}: ${issue.message.en}`);
      return 2;
    }
  }
  io.out(JSON.stringify(Array.isArray(input) ? answers : answers[0], null, 2));
  return 0;
}
