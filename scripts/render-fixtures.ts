/**
 * npm run fixtures:render: rewrites expected.md and expected.txt of every renderer fixture
 * (test/render/fixtures/<name>/) from what the core renders today, and lists the files it changed.
 * Review every diff (git diff test/render/fixtures) before committing: the expected files are
 * the reviewed truth the tests hold the renderers to.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdown, renderText } from '../src/core/render/index.js';
import { cleanFixture, fixtures } from '../test/render/fixtures.js';

let changed = 0;
for (const fixture of fixtures()) {
  const document = cleanFixture(fixture);
  for (const [file, text] of [['expected.md', renderMarkdown(document)], ['expected.txt', renderText(document)]] as const) {
    const path = join(fixture.dir, file);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    writeFileSync(path, text);
    changed++;
    console.log(`wrote ${fixture.name}/${file}`);
  }
}
console.log(changed === 0 ? 'every expected file is up to date' : `${changed} files changed: review them with git diff test/render/fixtures`);
