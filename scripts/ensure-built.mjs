// Run by `npm start`, `npm run start:sharded` and `npm run start:http` before `node dist/...`: builds dist/
// first when it is missing or older than the sources (one line says so), so `npm start` never runs stale code.
// Production runs `npm run build` once and then `node dist/main.js` directly.
import { build, staleReason } from './build.mjs';

const reason = staleReason();
if (reason) {
  console.error(`Building dist/ first (${reason}); \`npm run build\` does this on its own.`);
  try {
    await build();
  } catch (error) {
    const missing = error?.code === 'ERR_MODULE_NOT_FOUND';
    console.error(
      missing
        ? 'Cannot build dist/: esbuild is not installed (a production install without dev dependencies). Run `npm ci && npm run build` where dev dependencies are installed, then copy dist/.'
        : `Cannot build dist/: ${error?.message ?? error}`,
    );
    process.exit(1);
  }
}
