import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Many tests run the command line or a browser in child processes; on a
    // two-core CI machine the default 5 s leaves no margin. Tests assert
    // behaviour, never time, so a generous limit only catches hangs.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
