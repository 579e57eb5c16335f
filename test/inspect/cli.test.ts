import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { clean } from '../../src/core/index.js';
import { openerFor, reportNames } from '../../src/cli/commands/inspect.js';
import { parse } from './helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

function captureIo(): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stream = (append: (s: string) => void) => ({
    write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void) {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      callback?.();
      return true;
    },
    isTTY: false,
  });
  return {
    stdout: stream((s) => (out += s)),
    stderr: stream((s) => (err += s)),
    stdin: (async function* () {})(),
    out: () => out,
    err: () => err,
  };
}

async function inspect(...args: string[]) {
  const io = captureIo();
  const code = await main(['node', 'scrape-clean', 'inspect', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'inspect-cli-'));
});
afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

function pagesDir(): string {
  const pages = join(dir, 'pages');
  mkdirSync(join(pages, 'text'), { recursive: true });
  copyFileSync(join(FIXTURES, 'harbour-ferry.html'), join(pages, 'harbour-ferry.html'));
  writeFileSync(join(pages, 'hostile.html.gz'), gzipSync(readFileSync(join(FIXTURES, 'hostile.html'))));
  writeFileSync(join(pages, 'text', 'notice.txt'), 'Road closed on Sunday\n\nThe lake road will be closed between 8:00 and 14:00 for the marathon, the council said.\n\n© 2025 Lakeside Council\n');
  writeFileSync(join(pages, 'empty.html'), '');
  writeFileSync(join(pages, '.hidden.html'), '<p>not inspected</p>');
  return pages;
}

describe('scrape-clean inspect <file>', () => {
  it('writes one self-contained report and prints its path', async () => {
    const out = join(dir, 'r.html');
    const { code, out: stdout } = await inspect(join(FIXTURES, 'harbour-ferry.html'), '--out', out);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(out);
    const $ = parse(readFileSync(out, 'utf8'));
    const document = clean({ bytes: readFileSync(join(FIXTURES, 'harbour-ferry.html')), name: 'harbour-ferry.html' }, { explain: true });
    expect($('h1').text()).toBe(document.title);
    expect($('li.seg').length).toBe(document.segments.length);
    expect($('li.drop').length).toBe(document.dropped!.length);
    expect($('script').length).toBe(0);
  });

  it('marks gold snippets with --compare, finding the page by its name without .gz', async () => {
    const gz = join(dir, 'harbour-ferry.html.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(FIXTURES, 'harbour-ferry.html'))));
    const { code, out: stdout } = await inspect(gz, '--out', join(dir, 'r.html'), '--compare', join(FIXTURES, 'gold.json'));
    expect(code).toBe(0);
    const gold = JSON.parse(readFileSync(join(FIXTURES, 'gold.json'), 'utf8'))['harbour-ferry.html'];
    const $ = parse(readFileSync(join(dir, 'r.html'), 'utf8'));
    expect($('table.gold tr[data-right]').length).toBe(gold.labels.length);
    const right = $('table.gold tr[data-right="yes"]').length;
    expect(stdout).toContain(`(gold: ${right} of ${gold.labels.length} snippets right)`);
  });

  it('puts the report in --out when it is a directory, and next to nothing it reads', async () => {
    mkdirSync(join(dir, 'reports'));
    const { code } = await inspect(join(FIXTURES, 'harbour-ferry.html'), '--out', join(dir, 'reports'));
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['harbour-ferry.inspect.html']);
  });

  it('writes the report of a page the cleaner refuses, and exits 1', async () => {
    writeFileSync(join(dir, 'empty.html'), '');
    const { code, err } = await inspect(join(dir, 'empty.html'), '--out', join(dir, 'r.html'));
    expect(code).toBe(1);
    expect(err).toContain('EMPTY_INPUT');
    expect(parse(readFileSync(join(dir, 'r.html'), 'utf8'))('h1').text()).toBe('Not cleaned: EMPTY_INPUT');
  });

  it('does not read a WARC file as one page: its report says what it is and how to clean its pages, and exits 1', async () => {
    const page = readFileSync(join(FIXTURES, 'harbour-ferry.html'));
    const http = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'), page]);
    const warc = Buffer.concat([
      Buffer.from(`WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/ferry\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${http.length}\r\n\r\n`),
      http,
      Buffer.from('\r\n\r\n'),
    ]);
    writeFileSync(join(dir, 'crawl.warc'), warc);
    writeFileSync(join(dir, 'crawl-copy.html'), warc);
    for (const [name, message] of [
      ['crawl.warc', /holds many pages.*clean .*crawl\.warc --split --out/],
      ['crawl-copy.html', /WARC file/],
    ] as const) {
      const { code, err } = await inspect(join(dir, name), '--out', join(dir, `${name}.report.html`));
      expect(code).toBe(1);
      expect(err).toMatch(message);
      expect(parse(readFileSync(join(dir, `${name}.report.html`), 'utf8'))('h1').text()).toBe('Not cleaned: BINARY_INPUT');
    }
  });

  it('refuses bad usage with exit code 2: a missing input, a bad gold file, a report over its input', async () => {
    expect((await inspect(join(dir, 'nope.html'))).code).toBe(2);
    writeFileSync(join(dir, 'bad.json'), '{"page.html": {"labels": [{"class": "navigation", "text": "x"}]}}');
    const bad = await inspect(join(FIXTURES, 'harbour-ferry.html'), '--out', join(dir, 'r.html'), '--compare', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('is not a gold label file');
    writeFileSync(join(dir, 'notjson.json'), '{');
    expect((await inspect(join(FIXTURES, 'harbour-ferry.html'), '--compare', join(dir, 'notjson.json'))).err).toContain('is not JSON');
    copyFileSync(join(FIXTURES, 'harbour-ferry.html'), join(dir, 'page.html'));
    const over = await inspect(join(dir, 'page.html'), '--out', join(dir, 'page.html'));
    expect(over.code).toBe(2);
    expect(over.err).toContain('would overwrite an input');
    expect(readFileSync(join(dir, 'page.html'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'harbour-ferry.html'), 'utf8'));
    // A report under a file: said so, not an internal error.
    const under = await inspect(join(dir, 'page.html'), '--out', join(dir, 'page.html', 'r.html'));
    expect(under.code).toBe(2);
    expect(under.err).toMatch(/the report's directory .*page\.html: cannot write there: it is a file, not a directory/);
  });
});

describe('scrape-clean inspect <dir> --out <dir>', () => {
  it('names a page of the folder that is not cleaned escaped, on one line, when its name has control characters', async () => {
    const pages = join(dir, 'pages');
    mkdirSync(pages);
    writeFileSync(join(pages, 'a\rb\u001b[2J.html'), '');
    const { code, err } = await inspect(pages, '--out', join(dir, 'reports'));
    expect(code).toBe(1);
    expect(err).toContain('scrape-clean: "a\\rb\\u001b[2J.html": EMPTY_INPUT: ');
    expect(err).not.toMatch(/\p{Cc}(?<!\n)/u);
  });

  it('writes one report per page and an index, worst first with --compare', async () => {
    const pages = pagesDir();
    const out = join(dir, 'reports');
    const { code, out: stdout, err } = await inspect(pages, '--out', out, '--compare', join(FIXTURES, 'gold.json'));
    expect(code).toBe(1); // empty.html is refused
    expect(err).toContain('empty.html: EMPTY_INPUT');
    expect(readdirSync(out).sort()).toEqual(['empty.inspect.html', 'harbour-ferry.inspect.html', 'hostile.inspect.html', 'index.html', 'text']);
    expect(readdirSync(join(out, 'text'))).toEqual(['notice.inspect.html']);
    const $ = parse(readFileSync(join(out, 'index.html'), 'utf8'));
    const rows = $('table.pages tbody tr').map((_, el) => $(el).attr('data-page')).get();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe('empty.html');
    expect(rows[3]).toBe('text/notice.txt');
    const wrong = (page: string) => Number($(`tr[data-page="${page}"] .gold-cell`).attr('data-wrong'));
    const first = rows[1]!;
    const second = rows[2]!;
    expect(wrong(first)).toBeGreaterThanOrEqual(wrong(second));
    for (const href of $('td.page a').map((_, el) => $(el).attr('href')).get()) expect(existsSync(join(out, decodeURIComponent(href)))).toBe(true);
    expect(stdout).toMatch(/index\.html: 4 reports, 1 not cleaned; gold: 2 labelled pages, \d+ wrong snippets?/);
  });

  it('gives two pages with the same stem distinct reports and skips the output directory inside the input', async () => {
    const pages = join(dir, 'pages');
    mkdirSync(pages);
    copyFileSync(join(FIXTURES, 'harbour-ferry.html'), join(pages, 'page.html'));
    writeFileSync(join(pages, 'page.txt'), 'A plain text page.\n\nWith a second paragraph that says a little more.\n');
    const first = await inspect(pages, '--out', join(pages, 'reports'));
    expect(first.code).toBe(0);
    const again = await inspect(pages, '--out', join(pages, 'reports'));
    expect(again.code).toBe(0);
    expect(readdirSync(join(pages, 'reports')).sort()).toEqual(['index.html', 'page.html.inspect.html', 'page.txt.inspect.html']);
    expect(parse(readFileSync(join(pages, 'reports', 'index.html'), 'utf8'))('table.pages tbody tr').length).toBe(2);
  });

  it('names reports after the stem of clean’s output, never index.html', () => {
    expect(reportNames(['a/b/page.html.gz', 'index.html', 'x.htm', 'y'])).toEqual(['a/b/page.inspect.html', 'index.inspect.html', 'x.inspect.html', 'y.inspect.html']);
    expect(reportNames(['p.html', 'p.txt'])).toEqual(['p.html.inspect.html', 'p.txt.inspect.html']);
  });
});

describe('--open', () => {
  it('uses the platform opener', () => {
    expect(openerFor('linux').command).toBe('xdg-open');
    expect(openerFor('darwin').command).toBe('open');
    expect(openerFor('win32').args('C:\\r.html')).toEqual(['/c', 'start', '""', 'C:\\r.html']);
  });

  it.runIf(process.platform !== 'win32')('opens the report with the opener on PATH, and only warns when there is none', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const record = join(dir, 'opened.txt');
    const opener = join(bin, openerFor(process.platform).command);
    // Written aside and renamed (/bin/mv: PATH holds only the opener), so the record appears whole: a redirection
    // creates it empty before printf writes, and the wait below could read it in between on a busy machine.
    writeFileSync(opener, `#!/bin/sh\nprintf '%s' "$1" > '${record}.part' && /bin/mv '${record}.part' '${record}'\n`);
    chmodSync(opener, 0o755);
    const path = process.env.PATH;
    try {
      process.env.PATH = bin;
      const opened = await inspect(join(FIXTURES, 'harbour-ferry.html'), '--out', join(dir, 'r.html'), '--open');
      expect(opened.code).toBe(0);
      for (let i = 0; i < 500 && !existsSync(record); i++) await new Promise((r) => setTimeout(r, 20));
      expect(readFileSync(record, 'utf8')).toBe(join(dir, 'r.html'));
      process.env.PATH = join(dir, 'empty-path');
      const unopened = await inspect(join(FIXTURES, 'harbour-ferry.html'), '--out', join(dir, 'r2.html'), '--open');
      expect(unopened.code).toBe(0);
      expect(unopened.err).toContain('could not open the report');
      expect(existsSync(join(dir, 'r2.html'))).toBe(true);
    } finally {
      process.env.PATH = path;
    }
  });
});
