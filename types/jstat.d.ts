// Minimal declarations for the parts of jstat this project uses (jstat ships no types).
declare module 'jstat' {
  interface Distribution {
    cdf(x: number, ...params: number[]): number;
    pdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  export const jStat: {
    studentt: Distribution;
    normal: Distribution;
    chisquare: Distribution;
    centralF: Distribution;
    beta: Distribution & { mean(a: number, b: number): number };
    gammaln(x: number): number;
    betafn(a: number, b: number): number;
    ibeta(x: number, a: number, b: number): number;
    erf(x: number): number;
    erfc(x: number): number;
    // biome-ignore lint/suspicious/noExplicitAny: the rest of jStat's untyped API
    [key: string]: any;
  };
  const _default: { jStat: typeof jStat } & typeof jStat;
  export default _default;
}
