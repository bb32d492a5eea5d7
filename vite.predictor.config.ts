/**
 * Builds the standalone predictor (src/predictor) as one ES module, dist/predictor/predictor.js,
 * for web pages and Node 20+: `npm run build:predictor`, or `npm run build` after the app.
 *
 * The predictor loads bundles and predicts; it must not carry the studio's training code. The
 * model registry lists every model's `fit`, and the TensorFlow.js-based ones load their trainer
 * with a dynamic import, so here those trainer modules resolve to a stub that says training is
 * not part of the predictor, and any import of TensorFlow.js, React or another package than the
 * few the engine's prediction path needs stops the build.
 */
import { defineConfig, type Plugin } from 'vite';

/** The only packages the predictor may bundle. */
const ALLOWED_PACKAGES = ['fflate'];
/** Modules that fit models with TensorFlow.js; reached only by dynamic imports from `fit`. */
const TRAINER = /[\\/]src[\\/]core[\\/]models[\\/](trainDense|trainNetwork)(\.ts)?$/;
const NO_TRAINING = '\0predictor-no-training';

function predictOnly(): Plugin {
  return {
    name: 'predictor-predict-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source === NO_TRAINING) return source;
      const bare = !source.startsWith('.') && !source.startsWith('/') && !source.startsWith('\0') && !/^[A-Za-z]:[\\/]/.test(source);
      if (bare && !ALLOWED_PACKAGES.some((name) => source === name || source.startsWith(`${name}/`))) {
        this.error(`The predictor must not bundle "${source}" (imported by ${importer ?? 'the entry'}); it predicts without TensorFlow.js, React or the app.`);
      }
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved && TRAINER.test(resolved.id) ? NO_TRAINING : null;
    },
    load(id) {
      if (id !== NO_TRAINING) return null;
      const stub = 'export function NAME() { throw new Error("Training is not part of the standalone predictor; train in the studio or with the command line."); }';
      return ['trainDense', 'trainNetwork'].map((name) => stub.replace('NAME', name)).join('\n');
    },
  };
}

/** dist/predictor/package.json marks predictor.js as an ES module for Node wherever the folder is copied. */
function packageJson(): Plugin {
  return {
    name: 'predictor-package-json',
    generateBundle() {
      const pkg = { name: 'local-ml-studio-predictor', private: true, type: 'module', main: './predictor.js', exports: './predictor.js' };
      this.emitFile({ type: 'asset', fileName: 'package.json', source: JSON.stringify(pkg, null, 2) + '\n' });
    },
  };
}

export default defineConfig({
  plugins: [predictOnly(), packageJson()],
  // public/ belongs to the app.
  publicDir: false,
  build: {
    // Only its own folder is emptied, so it can run after the app build, which empties dist/.
    outDir: 'dist/predictor',
    emptyOutDir: true,
    // ES2022 runs in Node 20 and in current browsers.
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: { entry: 'src/predictor/index.ts', formats: ['es'], fileName: () => 'predictor.js' },
    // One file: the stub above leaves no dynamic import worth a separate chunk.
    rolldownOptions: { output: { codeSplitting: false } },
  },
});
