import { translated, type TriageQuestionnaire } from '@parcours/domain';
import type { TriageFunnel } from './api.js';

type Language = Parameters<typeof translated>[2];

/** The funnel's stages, in the order a run goes through them. */
export const STAGES = ['started', 'oriented', 'booked', 'seen', 'reoriented', 'abandoned'] as const;
export type Stage = (typeof STAGES)[number];

/** The outcomes, strictest first: the order the orientation chart reads in. */
export const OUTCOMES = ['emergency-15', 'in-person', 'teleconsultation', 'advice'] as const;

/** A stage's runs and their share of the runs started (0 to 1; 0 when none started). */
export interface StageFigure {
  stage: Stage;
  runs: number;
  share: number;
}

export function stageFigures(funnel: TriageFunnel): StageFigure[] {
  const started = funnel.runs.started ?? 0;
  return STAGES.map((stage) => {
    const runs = funnel.runs[stage] ?? 0;
    return { stage, runs, share: started === 0 ? 0 : runs / started };
  });
}

/** The runs oriented to each outcome, every outcome named (0 when none). */
export function outcomeFigures(funnel: TriageFunnel): { outcome: (typeof OUTCOMES)[number]; runs: number }[] {
  return OUTCOMES.map((outcome) => ({ outcome, runs: funnel.oriented[outcome] ?? 0 }));
}

/**
 * The runs left at each screen, in the questionnaire's order and named by its titles; a step the
 * questionnaire no longer has (an older version's) comes last under its own name.
 */
export function abandonFigures(
  funnel: TriageFunnel,
  questionnaire: TriageQuestionnaire['questionnaire'] | undefined,
  language: Language,
): { step: string; label: string; runs: number }[] {
  const groups = questionnaire?.item ?? [];
  const known = groups.map((group) => ({
    step: group.linkId,
    label: translated(group, 'text', language) ?? group.linkId,
    runs: funnel.abandonedAt[group.linkId] ?? 0,
  }));
  const others = Object.entries(funnel.abandonedAt)
    .filter(([step]) => !groups.some((group) => group.linkId === step))
    .map(([step, runs]) => ({ step, label: step, runs }));
  return [...known, ...others];
}
