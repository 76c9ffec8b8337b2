import packageJson from "../package.json";

/** The app's version as released (package.json), reported by /api/health. */
export const APP_VERSION: string = packageJson.version;
