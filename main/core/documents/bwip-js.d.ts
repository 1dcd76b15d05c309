/**
 * bwip-js 4 publishes its types only under the "node"/"browser" export conditions, which TypeScript's "bundler"
 * resolution does not select, so the one function used here is declared locally.
 */
declare module 'bwip-js' {
  interface BwipRaw {
    /** Bar/space widths in modules, starting with a bar (linear symbols). */
    sbs?: number[];
  }
  const bwipjs: {
    raw(bcid: string, text: string, opts?: Record<string, unknown>): BwipRaw[];
  };
  export default bwipjs;
}
