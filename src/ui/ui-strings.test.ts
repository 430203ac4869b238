/**
 * Every word the UI shows comes from the message catalogue: no JSX text and no text attribute written
 * straight into a component (src/app, src/ui, src/editor, src/pwa). Language names in the switcher are the one
 * exception: each is written in its own language on purpose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const FOLDERS = ['src/app', 'src/ui', 'src/editor', 'src/pwa'];
const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'alt', 'placeholder', 'aria-description']);
const ENDONYMS = new Set(['한국어', 'English']);

function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text) && !ENDONYMS.has(node.text.trim())) {
      found.push(node.text.trim());
    }
    if (
      ts.isJsxAttribute(node) &&
      TEXT_ATTRIBUTES.has(node.name.getText(source)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      /\p{L}/u.test(node.initializer.text)
    ) {
      found.push(`${node.name.getText(source)}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('UI strings', () => {
  const files = FOLDERS.flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.tsx'))
      .map((name) => join(folder, name)),
  );
  it('finds the components', () => {
    expect(files.length).toBeGreaterThan(20);
  });
  it.each(files)('%s has no text outside the catalogue', (file) => {
    expect(literalTexts(file)).toEqual([]);
  });
});
