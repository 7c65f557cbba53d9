// The `identifier` kind: NIR, RPPS and FINESS checks (identifiers/), with reasons, warnings and sources.
import { checkFiness } from '../identifiers/finess.js';
import { checkNir } from '../identifiers/nir.js';
import { checkRpps } from '../identifiers/rpps.js';
import { Findings } from './findings.js';
import { SOURCES } from './sources.js';
import type { IdentifierDecision, ParsedIdentifierRequest } from './types.js';

const CHECKS = { nir: checkNir, rpps: checkRpps, finess: checkFiness } as const;
const SYSTEM_SOURCES = { nir: SOURCES.identitoNir, rpps: SOURCES.ansRpps, finess: SOURCES.finessDirectory } as const;

export function evaluateIdentifier(request: ParsedIdentifierRequest): IdentifierDecision {
  const findings = new Findings();
  findings.cite(SYSTEM_SOURCES[request.system]);
  const check = CHECKS[request.system](request.value);
  for (const code of check.reasons) findings.reason(code);
  for (const code of check.warnings) findings.warn(code);
  return { valid: check.valid, normalized: check.normalized, ...findings.explained() };
}
