/**
 * The parts of jstat 1.9.6 that Huikuan uses. The package ships no types, and
 * @types/jstat does not exist, so this file describes only what we call.
 */
declare module 'jstat' {
  interface ContinuousDistribution {
    cdf(x: number, degreesOfFreedom: number): number;
    inv(p: number, degreesOfFreedom: number): number;
  }

  export const jStat: {
    /** Regularised incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
    chisquare: ContinuousDistribution;
    studentt: ContinuousDistribution;
    normal: {
      cdf(x: number, mean: number, standardDeviation: number): number;
      inv(p: number, mean: number, standardDeviation: number): number;
    };
  };
}
