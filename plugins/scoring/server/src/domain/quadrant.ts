import type { ScoringPolicy } from './policy';

export type Quadrant = 'HH' | 'HL' | 'LH' | 'LL';

export const QUADRANTS: readonly Quadrant[] = ['HH', 'HL', 'LH', 'LL'];

/** Ability first, willingness second: HL is able but unwilling, LH willing but unable. */
export const quadrantOf = (
  ability: number,
  willingness: number,
  thresholds: ScoringPolicy['quadrant'],
): Quadrant => {
  const able = ability >= thresholds.abilityThreshold ? 'H' : 'L';
  const willing = willingness >= thresholds.willingnessThreshold ? 'H' : 'L';
  return `${able}${willing}` as Quadrant;
};

export const QUADRANT_NAMES: Record<Quadrant, { 'zh-CN': string; en: string }> = {
  HH: { 'zh-CN': '有能力、有意愿', en: 'able and willing' },
  HL: { 'zh-CN': '有能力、无意愿', en: 'able but unwilling' },
  LH: { 'zh-CN': '无能力、有意愿', en: 'willing but unable' },
  LL: { 'zh-CN': '无能力、无意愿', en: 'unable and unwilling' },
};
