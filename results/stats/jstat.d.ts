/** The part of jstat (no bundled types) that results/stats uses. */
declare module 'jstat' {
  interface NormalDistribution {
    cdf(x: number, mean: number, std: number): number;
  }
  export const jStat: { normal: NormalDistribution };
}
