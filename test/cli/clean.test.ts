/**
 * `scrape-clean clean`, run in-process through main(): outputs, names and layout, error
 * records, exit codes (0 all cleaned, 1 some failed, 2 usage), standard input and output, and the
 * summary line. The worker pool against the main thread: clean-workers.test.ts (integration lane).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PIPELINE_VERSION } from '../../src/core/index.js';
import { documentSchema, errorRecordSchema } from '../../src/core/schema.js';
import { dir, filesUnder, LONG, MENU_ONLY, PNG, scrapeTree, STORY, TEXT, useScratchDir, write } from './clean-tree.js';
import { captureIo, run } from './io.js';
import { main } from '../../src/cli/main.js';

useScratchDir();

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe('a directory with --out', () => {
  it('writes one document per input in the same layout, an error record per failure, and exits 1', async () => {
    const input = scrapeTree();
    const out = join(dir, 'out');
    const result = await run(['clean', input, '--out', out]);
    expect(result.code).toBe(1);
    expect(filesUnder(out)).toEqual(['empty.error.json', 'ferry.json', 'media/logo.error.json', 'news/2024/ferry.json', 'news/ferry-notes.json']);

    const document = documentSchema.parse(readJson(join(out, 'news/2024/ferry.json')));
    // The name under the input root, as the output is named: not the local path (issue 16).
    expect(document.source).toMatchObject({ name: 'news/2024/ferry.html.gz', compression: 'gzip', format: 'html' });
    expect(document.title).toBe('Ferry resumes');
    expect(documentSchema.parse(readJson(join(out, 'news/ferry-notes.json'))).source.format).toBe('text');

    const failure = errorRecordSchema.parse(readJson(join(out, 'media/logo.error.json')));
    expect(failure.error.code).toBe('BINARY_INPUT');
    expect(failure.error.message).toMatch(/PNG image/);
    expect(failure.source).toEqual({ name: 'media/logo.html', bytes: PNG.length });
    expect(errorRecordSchema.parse(readJson(join(out, 'empty.error.json'))).error.code).toBe('EMPTY_INPUT');
  });

  it('lists the failures by the path given and ends with a summary line: files, failures by code, segments per class, files per second', async () => {
    const input = scrapeTree();
    const result = await run(['clean', input, '--out', join(dir, 'out')]);
    const lines = result.err.trim().split('\n');
    expect(lines).toContainEqual(`failed: ${input}/empty.htm: EMPTY_INPUT: input is empty (0 bytes)`);
    expect(lines).toContainEqual(expect.stringMatching(/^failed: .*\/in\/media\/logo\.html: BINARY_INPUT: .*PNG image/));
    expect(lines.at(-1)).toMatch(/^5 files: 3 cleaned \(LOW_TEXT 3\), 2 failed \((BINARY_INPUT 1, EMPTY_INPUT 1)\) · segments: body \d+, caption \d+, ad \d+, legal \d+ · \d+\.\d s, \d+\.\d files\/s$/);
    const body = Number(/body (\d+)/.exec(lines.at(-1)!)![1]);
    expect(body).toBeGreaterThanOrEqual(5); // 2 + 2 paragraphs of the two copies of the story, 1 of the notes
    expect(result.out).toBe('');
  });

  it('names an input whose name has control characters escaped, on one line (a carriage return wrote its start over)', async () => {
    write('in/a\rb\u001b[2J.html', '');
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'out')]);
    expect(result.err.split('\n')[0]).toBe(`failed: ${JSON.stringify(join(dir, 'in')).slice(0, -1)}/a\\rb\\u001b[2J.html": EMPTY_INPUT: input is empty (0 bytes)`);
    expect(result.err).not.toMatch(/\p{Cc}(?<!\n)/u);
  });

  it('names two inputs that would write one output escaped, on one line, in the refusal', async () => {
    write('in/a\rb.html', STORY);
    write('in/a\rb.htm', STORY);
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/\/a\\rb\.html?" and ".*\/a\\rb\.html?" would both write "a\\rb\.json"/);
    expect(result.err).not.toMatch(/\p{Cc}(?<!\n)/u);
  });

  it('exits 0 when every input was cleaned', async () => {
    write('in/a.html', STORY);
    write('in/b.txt', TEXT);
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^2 files: 2 cleaned \(LOW_TEXT 2\), 0 failed · /m);
  });

  it('--quiet prints only the failures', async () => {
    const result = await run(['clean', scrapeTree(), '--out', join(dir, 'out'), '--quiet']);
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n').every((line) => line.startsWith('failed: '))).toBe(true);
  });

  it('replaces an error record left by an earlier run once the input cleans, and the reverse', async () => {
    const page = write('in/page.html', PNG);
    const out = join(dir, 'out');
    expect((await run(['clean', join(dir, 'in'), '--out', out])).code).toBe(1);
    expect(filesUnder(out)).toEqual(['page.error.json']);
    writeFileSync(page, STORY);
    expect((await run(['clean', join(dir, 'in'), '--out', out])).code).toBe(0);
    expect(filesUnder(out)).toEqual(['page.json']);
    writeFileSync(page, '');
    expect((await run(['clean', join(dir, 'in'), '--out', out])).code).toBe(1);
    expect(filesUnder(out)).toEqual(['page.error.json']);
  });

  it('an entry of a directory that is not a file fails with its reason, and is never left out without a word', async () => {
    const page = write('in/page.html', STORY);
    symlinkSync(page, join(dir, 'in/linked.html'));
    symlinkSync(join(dir, 'in/gone.html'), join(dir, 'in/broken.html'));
    mkdirSync(join(dir, 'elsewhere'));
    write('elsewhere/other.html', STORY);
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'in/folder'));
    // A FIFO (made by mkfifo, a process: test/cli/process.test.ts) fails the same way, NOT_A_FILE.
    const out = join(dir, 'out');
    const result = await run(['clean', join(dir, 'in'), '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^4 files: 2 cleaned \(LOW_TEXT 2\), 2 failed \(ENOENT 1, NOT_A_FILE 1\)/m);
    expect(filesUnder(out)).toEqual(['broken.error.json', 'folder.error.json', 'linked.json', 'page.json']);
    const codeOf = (name: string): unknown => (readJson(join(out, name)) as { error: { code: string } }).error.code;
    expect([codeOf('broken.error.json'), codeOf('folder.error.json')]).toEqual(['ENOENT', 'NOT_A_FILE']);
    expect(result.err).toMatch(/folder: NOT_A_FILE: input is a link to a directory/);
    expect(result.err).toMatch(/broken.html: ENOENT: no such file or directory/);
  });

  it('cleans a file whose name is not UTF-8 (a Latin-1 name from an old mirror), in a folder of such a name too', async () => {
    // 'café' in Latin-1: its UTF-8 reading 'caf\uFFFD' names no file, and the page failed as ENOENT.
    const latin1 = (name: string): Buffer => Buffer.from(name, 'latin1');
    mkdirSync(join(dir, 'in'));
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'in/')), latin1('café.html')]), STORY);
    mkdirSync(Buffer.concat([Buffer.from(join(dir, 'in/')), latin1('menú')]));
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'in/')), latin1('menú/día.html')]), STORY);
    const out = join(dir, 'out');
    const result = await run(['clean', join(dir, 'in'), '--out', out]);
    expect(result.err).toMatch(/^2 files: 2 cleaned/m);
    expect(result.code).toBe(0);
    expect(filesUnder(out)).toEqual(['caf\uFFFD.json', 'men\uFFFD/d\uFFFDa.json']);
    expect((readJson(join(out, 'men\uFFFD/d\uFFFDa.json')) as { source: { name: string } }).source.name).toBe('men\uFFFD/d\uFFFDa.html');
  });

  it('skips the output directory when it lies inside the input directory', async () => {
    write('in/a.html', STORY);
    const input = join(dir, 'in');
    expect((await run(['clean', input, '--out', join(input, 'clean')])).code).toBe(0);
    expect((await run(['clean', input, '--out', join(input, 'clean')])).code).toBe(0);
    expect(filesUnder(join(input, 'clean'))).toEqual(['a.json']);
  });

  it('an empty directory is nothing to do, not an error', async () => {
    mkdirSync(join(dir, 'in'));
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/^0 files: 0 cleaned, 0 failed/);
  });

  it('writes compact JSON, or indented with --pretty, and only the document fields asked for', async () => {
    const file = write('a.html', STORY);
    await run(['clean', file, '--out', join(dir, 'compact')]);
    await run(['clean', file, '--out', join(dir, 'pretty'), '--pretty', '--explain']);
    const compact = readFileSync(join(dir, 'compact/a.json'), 'utf8');
    const pretty = readFileSync(join(dir, 'pretty/a.json'), 'utf8');
    expect(compact.trimEnd().split('\n')).toHaveLength(1);
    expect(pretty).toMatch(/^{\n {2}"schemaVersion": 2,/);
    expect(readJson(join(dir, 'compact/a.json'))).not.toHaveProperty('dropped');
    expect((readJson(join(dir, 'pretty/a.json')) as { dropped: unknown[] }).dropped.length).toBeGreaterThan(0);
  });

  it('--max-bytes refuses a larger file without reading it: TOO_LARGE', async () => {
    const file = write('big.html', STORY);
    const result = await run(['clean', file, '--out', join(dir, 'out'), '--max-bytes', '100']);
    expect(result.code).toBe(1);
    expect(errorRecordSchema.parse(readJson(join(dir, 'out/big.error.json'))).error).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('--validate checks each document against the schema', async () => {
    write('in/a.html', STORY);
    write('in/b.txt', TEXT);
    expect((await run(['clean', join(dir, 'in'), '--out', join(dir, 'out'), '--validate'])).code).toBe(0);
  });

  it('files named explicitly are written under their base names', async () => {
    const a = write('x/one.html', STORY);
    const b = write('y/two.txt.gz', gzipSync(TEXT));
    expect((await run(['clean', a, b, '--out', join(dir, 'out')])).code).toBe(0);
    expect(filesUnder(join(dir, 'out'))).toEqual(['one.json', 'two.json']);
  });

  it('standard input among the inputs is written under --name', async () => {
    const result = await run(['clean', '-', '--name', 'from-stdin.html', '--out', join(dir, 'out')], { stdin: STORY });
    expect(result.code).toBe(0);
    expect(documentSchema.parse(readJson(join(dir, 'out/from-stdin.json'))).source.name).toBe('from-stdin.html');
  });
});

describe('--format: Markdown and plain text beside the JSON', () => {
  it('writes page.json, page.md and page.txt side by side', async () => {
    const input = scrapeTree();
    const onMain = await run(['clean', input, '--out', join(dir, 'main'), '--format', 'json,md', '--format', 'txt', '--workers', '0']);
    expect(onMain.code).toBe(1);
    expect(filesUnder(join(dir, 'main'))).toEqual([
      'empty.error.json', 'ferry.json', 'ferry.md', 'ferry.txt', 'media/logo.error.json',
      'news/2024/ferry.json', 'news/2024/ferry.md', 'news/2024/ferry.txt', 'news/ferry-notes.json', 'news/ferry-notes.md', 'news/ferry-notes.txt',
    ]);
    const markdown = readFileSync(join(dir, 'main', 'ferry.md'), 'utf8');
    expect(markdown).toBe(
      'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.\n\n' +
        '![](ferry.jpg)\n\nPassengers queued from dawn, and the first crossing left on time with every seat taken.\n',
    );
    expect(readFileSync(join(dir, 'main', 'ferry.txt'), 'utf8')).toBe(
      'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.\n\nPassengers queued from dawn, and the first crossing left on time with every seat taken.\n',
    );
  });

  it('--captions puts the caption segments in the renderings; one format goes to standard output', async () => {
    const result = await run(['clean', write('ferry.html', STORY), '--format', 'text', '--captions']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      'The harbour ferry resumed service on Monday after a week of repairs to its engine, officials said.\n\nPassengers board at the north quay. Photo: Getty Images\n\n' +
        'Passengers queued from dawn, and the first crossing left on time with every seat taken.\n',
    );
    expect((await run(['clean', write('ferry.html', STORY), '--format', 'md'])).out).toMatch(/^The harbour ferry .*\n\n!\[\]\(ferry\.jpg\)\n/);
  });

  it('a format an earlier run wrote and this run does not is removed: no rendering of an older document stays', async () => {
    const page = write('in/page.html', STORY);
    const out = join(dir, 'out');
    expect((await run(['clean', join(dir, 'in'), '--out', out, '--format', 'json,md,txt'])).code).toBe(0);
    expect(filesUnder(out)).toEqual(['page.json', 'page.md', 'page.txt']);
    writeFileSync(page, STORY.replace('officials said', 'the operator said'));
    expect((await run(['clean', join(dir, 'in'), '--out', out, '--format', 'json'])).code).toBe(0);
    expect(filesUnder(out)).toEqual(['page.json']);
    expect(readFileSync(join(out, 'page.json'), 'utf8')).toContain('the operator said');
    expect((await run(['clean', join(dir, 'in'), '--out', out, '--format', 'md'])).code).toBe(0);
    expect(filesUnder(out)).toEqual(['page.md']);
  });

  it('an error record replaces the document and its renderings, and the reverse', async () => {
    const page = write('in/page.html', STORY);
    const out = join(dir, 'out');
    expect((await run(['clean', join(dir, 'in'), '--out', out, '--format', 'json,md,txt'])).code).toBe(0);
    expect(filesUnder(out)).toEqual(['page.json', 'page.md', 'page.txt']);
    writeFileSync(page, PNG);
    expect((await run(['clean', join(dir, 'in'), '--out', out, '--format', 'json,md,txt'])).code).toBe(1);
    expect(filesUnder(out)).toEqual(['page.error.json']);
    writeFileSync(page, STORY);
    expect((await run(['clean', join(dir, 'in'), '--out', out, '--format', 'md'])).code).toBe(0);
    expect(filesUnder(out)).toEqual(['page.md']);
  });
});

describe('one input without --out', () => {
  it('prints the document to standard output, compact when it is not a terminal', async () => {
    const file = write('ferry.html', STORY);
    const result = await run(['clean', file]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
    expect(result.out.endsWith('}\n')).toBe(true);
    expect(result.out.trimEnd().split('\n')).toHaveLength(1);
    const document = documentSchema.parse(JSON.parse(result.out));
    expect(document.segments.map((s) => s.type)).toEqual(['body', 'caption', 'body', 'ad', 'legal']);
  });

  it('indents on a terminal', async () => {
    const result = await run(['clean', write('ferry.html', STORY)], { stdoutTTY: true });
    expect(result.out).toMatch(/^{\n {2}"schemaVersion": 2,/);
    expect((await run(['clean', write('ferry.html', STORY), '--no-pretty'], { stdoutTTY: true })).out.trimEnd().split('\n')).toHaveLength(1);
  });

  it('reads standard input with -, its name from --name and its type from --content-type', async () => {
    const bytes = Buffer.from(STORY.replace('Ferry resumes</h1>', 'Ferry resumes</h1><p>« Le café a rouvert », a déclaré Zoé, ravie de voir le ferry.</p>'), 'latin1');
    const result = await run(['clean', '-', '--name', 'scrapes/ferry.html', '--content-type', 'text/html; charset=iso-8859-1'], { stdin: bytes });
    expect(result.code).toBe(0);
    const document = documentSchema.parse(JSON.parse(result.out));
    expect(document.source).toMatchObject({ name: 'scrapes/ferry.html', contentType: 'text/html; charset=iso-8859-1', encoding: 'windows-1252', bytes: bytes.length });
    expect(document.bodyText).toContain('« Le café a rouvert », a déclaré Zoé');
  });

  it('names standard input "stdin" and sniffs its format when no name is given', async () => {
    const result = await run(['clean', '-'], { stdin: TEXT });
    expect(documentSchema.parse(JSON.parse(result.out)).source).toMatchObject({ name: 'stdin', format: 'text' });
  });

  it('a failure prints the code and message to standard error, nothing to standard output, and exits 1', async () => {
    const result = await run(['clean', write('logo.html', PNG)]);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/logo\.html: BINARY_INPUT: input is a PNG image/);
  });

  it('standard input longer than --max-bytes: TOO_LARGE once past the limit, not read to its end first', async () => {
    const io = captureIo();
    let pulled = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    // A pipe that goes on (a streaming endpoint piped in): 64 MiB here, endless there.
    const stdin = (async function* () {
      for (; pulled < 1024; pulled++) yield chunk;
    })();
    const code = await main(['node', 'scrape-clean', 'clean', '-', '--name', 'stream.html', '--max-bytes', '100000'], { ...io, stdin });
    expect(code).toBe(1);
    expect(io.err()).toMatch(/stream\.html: TOO_LARGE: input is more than 100000 bytes/);
    expect(pulled).toBeLessThanOrEqual(2);
  });

  it.skipIf(!existsSync('/dev/zero'))('a device or pipe named as an input (no size to check): TOO_LARGE once past --max-bytes, not read forever', async () => {
    const result = await run(['clean', '/dev/zero', '--max-bytes', '100000']);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/zero: TOO_LARGE: input is more than 100000 bytes/);
  });

  it('empty standard input: EMPTY_INPUT, exit 1', async () => {
    const result = await run(['clean', '-'], { stdin: '' });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/stdin: EMPTY_INPUT/);
  });
});

describe('usage errors exit 2 and clean nothing', () => {
  it.each<[string, (d: string) => string[], RegExp]>([
    ['no input', () => ['clean'], /missing required argument/],
    ['no command', () => [], /Usage: scrape-clean/],
    ['an unknown command', () => ['scrub', 'x'], /unknown command/],
    ['an unknown option', (d) => ['clean', join(d, 'a.html'), '--bogus'], /unknown option '--bogus'/],
    ['a missing file', (d) => ['clean', join(d, 'a.html'), join(d, 'missing.html'), '--out', join(d, 'out')], /no such file or directory: .*missing\.html/],
    ['several inputs without --out', (d) => ['clean', join(d, 'a.html'), join(d, 'a.html')], /several inputs need --out/],
    ['a directory without --out', (d) => ['clean', d], /is a directory: give --out/],
    ['--concurrency 0', (d) => ['clean', join(d, 'a.html'), '--out', join(d, 'out'), '--concurrency', '0'], /--concurrency.*expected a whole number ≥ 1/],
    ['--workers -1', (d) => ['clean', join(d, 'a.html'), '--out', join(d, 'out'), '--workers', 'x'], /--workers.*expected a whole number ≥ 0/],
    ['--name without -', (d) => ['clean', join(d, 'a.html'), '--name', 'x.html'], /--name names standard input/],
    ['- twice', (d) => ['clean', '-', '-', '--out', join(d, 'out')], /standard input \("-"\) can be given only once/],
    ['an unknown --format', (d) => ['clean', join(d, 'a.html'), '--format', 'json,pdf'], /unknown format "pdf"/],
    ['several formats without --out', (d) => ['clean', join(d, 'a.html'), '--format', 'json', '--format', 'md'], /several formats \(json, markdown\) need --out/],
    ['a text rendering that would replace its input', (d) => ['clean', join(d, 'a.txt'), '--out', d, '--format', 'text'], /a\.txt would be overwritten by its own output/],
    ['--out that is a file', (d) => ['clean', join(d, 'a.html'), '--out', join(d, 'a.txt')], /--out .*a\.txt: cannot write there: it is a file, not a directory/],
    ['--out under a file', (d) => ['clean', join(d, 'a.html'), '--out', join(d, 'a.txt', 'out')], /--out .*out: cannot write there: a part of its path is a file, not a directory/],
  ])('%s', async (_label, args, message) => {
    write('a.html', STORY);
    write('a.txt', TEXT);
    const result = await run(args(dir));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.out).toBe('');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  // Node 20's mkdir(path, { recursive: true }) never returned for a path the file system answers ENOENT for under
  // an existing parent (/proc): the run hung instead of failing.
  it.runIf(existsSync('/proc/self'))('--out under /proc: a usage error, not a hang', async () => {
    write('a.html', STORY);
    const result = await run(['clean', join(dir, 'a.html'), '--out', '/proc/scrape-clean-no-such/out']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/--out \/proc\/scrape-clean-no-such\/out: cannot write there: the file system does not make directories there/);
    expect(result.out).toBe('');
  }, 10_000);

  it("an input that another input's output would replace: the directory cleaned into itself, again", async () => {
    // The first run leaves in/page.json beside in/page.html; the second would read page.json as a scrape and write
    // page.html's document over it (or, with the user's own data.json there, destroy it).
    write('in/page.html', STORY);
    write('in/data.json', '{"a": 1}');
    write('in/data.html', STORY);
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'in')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/data\.json would be overwritten by the output of .*data\.html under .*: choose another --out/);
    expect(readFileSync(join(dir, 'in', 'data.json'), 'utf8')).toBe('{"a": 1}');
    expect(existsSync(join(dir, 'in', 'page.json'))).toBe(false);
  });

  it('two inputs that would write the same output file', async () => {
    write('in/page.html', STORY);
    write('in/page.txt', TEXT);
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/inputs with the same output name: .*page\.html and .*page\.txt would both write page\.json/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('empty and doubtful documents (quality warnings)', () => {
  const SHORT = '<html><body><article><p>The harbour ferry resumed service on Monday after a week of repairs.</p></article></body></html>';

  it('are written as documents, counted in the summary by warning, and exit 0', async () => {
    write('in/menu.html', MENU_ONLY);
    write('in/brief.html', SHORT);
    write('in/story.html', LONG);
    const out = join(dir, 'out');
    const result = await run(['clean', join(dir, 'in'), '--out', out]);
    expect(result.code).toBe(0);
    expect(result.err.trim().split('\n').at(-1)).toMatch(/^3 files: 3 cleaned \(NO_BODY 1, LOW_TEXT 1\), 0 failed · /);
    expect(documentSchema.parse(readJson(join(out, 'menu.json'))).quality.warnings).toEqual(['NO_BODY']);
    expect(documentSchema.parse(readJson(join(out, 'story.json'))).quality.warnings).toEqual([]);
  });

  it('--fail-on-empty: a page without body text gets a NO_BODY error record instead of its document, and exit 1', async () => {
    write('in/menu.html', MENU_ONLY);
    write('in/brief.html', SHORT);
    const out = join(dir, 'out');
    write('out/menu.json', '{"left": "by an earlier run"}');
    const result = await run(['clean', join(dir, 'in'), '--out', out, '--fail-on-empty']);
    expect(result.code).toBe(1);
    expect(filesUnder(out)).toEqual(['brief.json', 'menu.error.json']);
    const record = errorRecordSchema.parse(readJson(join(out, 'menu.error.json')));
    expect(record.error.code).toBe('NO_BODY');
    expect(record.error.message).toMatch(/no body text \(--fail-on-empty\)/);
    expect(result.err).toMatch(/^failed: .*menu\.html: NO_BODY: /m);
    expect(result.err.trim().split('\n').at(-1)).toMatch(/^2 files: 1 cleaned \(LOW_TEXT 1\), 1 failed \(NO_BODY 1\)/);
  });

  it('--fail-on-empty with one input: nothing on standard output, the reason on standard error, exit 1', async () => {
    const result = await run(['clean', write('menu.html', MENU_ONLY), '--fail-on-empty']);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toMatch(/menu\.html: NO_BODY: no body text/);
  });
});

describe('help and version', () => {
  it('--help lists the clean command; clean --help its options and exit codes', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/clean \[options\] <inputs\.\.\.>/);
    const help = await run(['clean', '--help']);
    expect(help.code).toBe(0);
    for (const option of ['--out', '--name', '--content-type', '--concurrency', '--workers', '--validate', '--explain', '--pretty', '--quiet', '--time-budget', '--max-bytes']) expect(help.out).toContain(option);
    expect(help.out).toMatch(/Exit status: 0 .* 1 .* 2 /);
  });

  it('--version prints the version of package.json (one source), and the pipeline version documents record', async () => {
    const result = await run(['--version']);
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(result).toMatchObject({ code: 0, out: `${version} (documents: pipelineVersion ${PIPELINE_VERSION})\n` });
  });
});

describe('progress', () => {
  it('draws a bar on a terminal and nothing else changes', async () => {
    write('in/a.html', STORY);
    write('in/b.html', STORY);
    const out = join(dir, 'out');
    const result = await run(['clean', join(dir, 'in'), '--out', out], { stderrTTY: true });
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/2\/2 files/);
    expect(result.err).toMatch(/2 files: 2 cleaned \(LOW_TEXT 2\), 0 failed/);
    expect(statSync(join(out, 'a.json')).size).toBeGreaterThan(0);
  });

  it('draws no bar when standard error is not a terminal', async () => {
    write('in/a.html', STORY);
    write('in/b.html', STORY);
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'out')]);
    expect(result.err).not.toMatch(/files · /);
  });
});

describe('names too long for a file', () => {
  const named = (bytes: number, extension = '.html') => `${'n'.repeat(bytes - Buffer.byteLength(extension))}${extension}`;
  const hash = (name: string) => createHash('sha256').update(name).digest('hex');

  it('an input whose name is 250 bytes long gets its output under a hashed name, and the summary says so', async () => {
    const name = named(250);
    write(`in/${name}`, STORY);
    write(`in/bad/${named(252)}`, PNG);
    write('in/short.html', STORY);
    const result = await run(['clean', join(dir, 'in'), '--out', join(dir, 'out')]);
    expect(result.code).toBe(1);
    // As in the pipeline: the hash of the whole relative name, under one folder at the top.
    expect(filesUnder(join(dir, 'out'))).toEqual([`by-key-hash/${hash(`bad/${named(252)}`)}.error.json`, `by-key-hash/${hash(name)}.json`, 'short.json'].sort());
    const document = documentSchema.parse(readJson(join(dir, 'out', 'by-key-hash', `${hash(name)}.json`)));
    expect(document.source.name).toBe(name);
    expect(errorRecordSchema.parse(readJson(join(dir, 'out', 'by-key-hash', `${hash(`bad/${named(252)}`)}.error.json`))).error.code).toBe('BINARY_INPUT');
    expect(result.err).toMatch(/3 files: 2 cleaned \(LOW_TEXT 2\), 1 failed \(BINARY_INPUT 1\) · 2 under a hashed name \(name too long for a file\)/);
    expect(result.err).toContain(`hashed name: ${join(dir, 'in', name)}: too long for a file name, its output is under ${join(dir, 'out', 'by-key-hash')}`);
  });

  it('a name that fits keeps it, with its temporary file (a 249-byte document name)', async () => {
    const name = named(249, '.json').replace(/\.json$/, '.html');
    write(`in/${name}`, STORY);
    const result = await run(['clean', join(dir, 'in', name), '--out', join(dir, 'out')]);
    expect(result.code).toBe(0);
    // page.error.json would be 255 bytes: it fits too, so both keep the name.
    expect(filesUnder(join(dir, 'out'))).toEqual([name.replace(/\.html$/, '.json')]);
    expect(result.err).not.toMatch(/hashed/);
  });
});
