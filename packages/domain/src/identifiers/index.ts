// Validation and normalisation of French health identifiers, shared by the rules engine and the
// server's identity module.
export { compact } from './check.js';
export type { IdentifierCheck, IdentifierReason, IdentifierWarning } from './check.js';
export { checkNir, nirKey } from './nir.js';
export { checkRpps, passesLuhn } from './rpps.js';
export { checkFiness, isFinessDepartement } from './finess.js';
