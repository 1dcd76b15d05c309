/** Types of scripts/build-node.js, for the bench modules that build the bundles before timing them. */
export declare const NODE_BUNDLES: { host: string; cli: string; renderWorker: string };
export declare function newestSourceMtime(dirs?: string[]): number;
export declare function bundlesFresh(): boolean;
export declare function buildNodeBundles(): Promise<void>;
