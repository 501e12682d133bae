/** The part of jstat (CommonJS, no bundled types) that results/stats uses. */
declare module 'jstat' {
  interface NormalDistribution {
    cdf(x: number, mean: number, std: number): number;
  }
  const jstat: { jStat: { normal: NormalDistribution } };
  export default jstat;
}
