/** What global-setup.ts hands to the test files (through vitest's provide/inject). */
export interface BlueskyNetworkInfo {
  /** The PDS every test account lives on (also proxies app.bsky.* reads to the AppView). */
  pdsUrl: string;
  /** The AppView, for direct reads. */
  appviewUrl: string;
  /** The PostgreSQL schema the run uses (prefix of appview_… and ozone_…). */
  schema: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    bluesky: BlueskyNetworkInfo;
  }
}
