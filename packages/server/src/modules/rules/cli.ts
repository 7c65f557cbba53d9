import { evaluate, RulesRequestError } from '@parcours/domain';

interface Io {
  read(file: string | undefined): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

/** `parcours rules evaluate [FILE|-]`: JSON in, JSON out, exit 0; malformed input names the field on stderr, exit 2. */
export async function runRulesEvaluate(args: string[], io: Io): Promise<number> {
  if (args.length > 1) {
    io.err('Usage: parcours rules evaluate [FILE|-]');
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(await io.read(args[0]));
  } catch (error) {
    io.err(`Invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const requests = Array.isArray(input) ? input : [input];
  const decisions = [];
  for (const [index, request] of requests.entries()) {
    try {
      decisions.push(evaluate(request as Parameters<typeof evaluate>[0]));
    } catch (error) {
      if (!(error instanceof RulesRequestError)) throw error;
      const where = Array.isArray(input) ? `[${index}]` : '';
      for (const issue of error.issues) io.err(`${[where, issue.path].filter(Boolean).join('.') || '(input)'}: ${issue.message.en}`);
      return 2;
    }
  }
  io.out(JSON.stringify(Array.isArray(input) ? decisions : decisions[0], null, 2));
  return 0;
}
