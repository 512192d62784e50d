/** The product version, shown by the CLI and written into reports; a test keeps it equal to package.json's. */
export const VERSION = '0.1.0';
