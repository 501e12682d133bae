/** The part of jstat (CommonJS, no bundled types) that results/stats uses. */
declare module 'jstat' {
  interface StudentT {
    inv(p: number, dof: number): number;
  }
  interface Beta {
    inv(p: number, a: number, b: number): number;
  }
  interface Normal {
    inv(p: number, mean: number, sd: number): number;
    cdf(x: number, mean: number, sd: number): number;
  }
  /** The module object is jStat itself (with a `jStat` self-reference). Tests also use the
   * regularised incomplete beta function, to check early stopping independently. */
  const jstat: {
    jStat: { studentt: StudentT; normal: Normal; beta: Beta };
    ibeta(x: number, a: number, b: number): number;
  };
  export default jstat;
}
