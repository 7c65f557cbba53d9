// Collects the reasons, warnings and sources of one decision as the rules run, in the order they
// apply, each code once; the sources of every code are added so a screen can always cite them.
import type { ReasonCode, WarningCode } from './codes.js';
import type { DatedRow } from './dated.js';
import { EXPLANATIONS } from './explanations.js';
import type { Explained } from './types.js';

export class Findings {
  readonly reasons: ReasonCode[] = [];
  readonly warnings: WarningCode[] = [];
  private readonly sourceList: string[] = [];

  reason(code: ReasonCode): void {
    if (!this.reasons.includes(code)) this.reasons.push(code);
    this.cite(EXPLANATIONS[code].source);
  }

  warn(code: WarningCode): void {
    if (!this.warnings.includes(code)) this.warnings.push(code);
    this.cite(EXPLANATIONS[code].source);
  }

  has(code: ReasonCode): boolean {
    return this.reasons.includes(code);
  }

  cite(source: string): void {
    if (!this.sourceList.includes(source)) this.sourceList.push(source);
  }

  /** Cites the row and hands back its value, so a rule reads `findings.use(rowInForce(table, date))`. */
  use<T>(row: DatedRow<T>): T {
    this.cite(row.source);
    return row.value;
  }

  explained(): Explained {
    return { reasons: [...this.reasons], warnings: [...this.warnings], sources: [...this.sourceList] };
  }
}
