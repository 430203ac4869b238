/**
 * Choices that are easy to undo by accident. Changing one of these should be a decision, not a side effect:
 * update this test together with the docs when it happens.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, MODELS } from './detect/models.ts';
import { DEFAULT_REDACTION } from './regions/types.ts';

describe('design decisions', () => {
  it('redaction defaults favour covering too much: 1.3× padding, 8 cells across', () => {
    expect(DEFAULT_REDACTION).toEqual({ padding: 1.3, cellsAcross: 8 });
  });

  it('the default detector is YuNet (Apache-2.0, vendored), not the research-licence RetinaFace', () => {
    expect(DEFAULT_MODEL).toBe('yunet-n');
    expect(MODELS[DEFAULT_MODEL].shippableByDefault).toBe(true);
  });

  describe('cross-origin isolation headers (SharedArrayBuffer for ORT wasm threads)', () => {
    const configText = readFileSync(
      fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
      'utf8',
    );

    /** The object literal text of `key: { … }` at the top level of the config, one nesting level deep. */
    function block(key: string): string {
      const match = new RegExp(`\\b${key}\\s*:\\s*\\{([^{}]*)\\}`).exec(configText);
      expect(match, `${key} block not found in vite.config.ts`).not.toBeNull();
      return match![1]!;
    }

    /** Resolves `headers: name` to the object literal `const name = { … }` defined in the file. */
    function headersOf(section: string): string {
      const body = block(section);
      const inline = /headers\s*:\s*\{([^{}]*)\}/.exec(body);
      if (inline) return inline[1]!;
      const ref = /headers\s*:\s*(\w+)/.exec(body);
      expect(ref, `${section}.headers not found`).not.toBeNull();
      const def = new RegExp(`const\\s+${ref![1]}\\s*=\\s*\\{([^{}]*)\\}`).exec(configText);
      expect(def, `definition of ${ref![1]} not found`).not.toBeNull();
      return def![1]!;
    }

    for (const section of ['server', 'preview']) {
      it(`${section} sends COOP same-origin and COEP require-corp`, () => {
        const headers = headersOf(section);
        expect(headers).toMatch(/['"]Cross-Origin-Opener-Policy['"]\s*:\s*['"]same-origin['"]/);
        expect(headers).toMatch(/['"]Cross-Origin-Embedder-Policy['"]\s*:\s*['"]require-corp['"]/);
      });
    }
  });
});
